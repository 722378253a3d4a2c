import { z } from 'zod';
import { AppError, validationError, type ErrorDetail } from '../errors/app-error.js';
import { CURRENCY_CODE } from '../money/currency.js';
import { CHOICE_KEY, deriveChoiceKey } from './keys.js';
import type { Choice, CustomFieldType, EntityName, FieldOptions } from './types.js';
import { issuesToDetails } from './validation.js';

/**
 * The options of a custom field, per type: what a user may send when adding
 * a field, the defaults filled in, and which later changes are allowed.
 * Unknown option keys are refused so a typo ("decimal") is not ignored.
 */

/** Entities a link field may point at, and the table each lives in. */
export const linkTargets = {
  client: 'clients', contact: 'contacts', contract: 'contracts', invoice: 'invoices', product: 'products', user: 'users',
} as const satisfies Partial<Record<EntityName, string>>;
export type LinkTarget = keyof typeof linkTargets;

export const TEXT_MAX_LENGTH = 2000;
export const TEXT_DEFAULT_LENGTH = 500;
export const MAX_CHOICES = 200;

const choiceInput = z.strictObject({
  key: z.string().regex(CHOICE_KEY, { error: 'Use 1–40 lower-case letters, digits or underscores.' }).optional(),
  label: z.string().trim().min(1, { error: 'Give the choice a label.' }).max(200, { error: 'At most 200 characters.' }),
});
const choicesInput = z
  .array(choiceInput)
  .min(1, { error: 'Give at least one choice.' })
  .max(MAX_CHOICES, { error: `At most ${MAX_CHOICES} choices.` });

const decimalsInput = z.number().int({ error: 'Use a whole number from 0 to 6.' }).min(0).max(6, { error: 'At most 6 decimal places.' });
const currencyInput = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => CURRENCY_CODE.test(s), { error: 'Use a three-letter ISO 4217 currency code such as EUR.' });
const entityInput = z.enum(Object.keys(linkTargets) as [LinkTarget, ...LinkTarget[]], {
  error: `Link to one of: ${Object.keys(linkTargets).join(', ')}.`,
});
const maxLengthInput = z.number().int({ error: `Use a whole number from 1 to ${TEXT_MAX_LENGTH}.` }).min(1).max(TEXT_MAX_LENGTH, { error: `At most ${TEXT_MAX_LENGTH} characters.` });

/** What each type accepts in `options` (everything optional here; defaults below). */
function optionsShape(type: CustomFieldType): z.ZodType<Record<string, unknown>> {
  switch (type) {
    case 'one_of':
    case 'many_of':
      return z.strictObject({ choices: choicesInput });
    case 'number':
      return z.strictObject({ decimals: decimalsInput.optional() });
    case 'money':
      return z.strictObject({ currency: currencyInput.optional() });
    case 'link':
      return z.strictObject({ entity: entityInput });
    case 'text':
      return z.strictObject({ maxLength: maxLengthInput.optional() });
    default:
      return z.strictObject({});
  }
}

/** Parses `options` of a request body, naming each problem as options.<key>. */
function parseOptions<T>(schema: z.ZodType<T>, options: unknown): T {
  const result = z.object({ options: schema }).safeParse({ options: options ?? {} }, { reportInput: true });
  if (result.success) return result.data.options;
  throw validationError(issuesToDetails(result.error.issues), 'The field options are invalid.');
}

/** Choices with keys: given keys kept (must be unique), missing ones derived from labels. */
function withKeys(input: { key?: string | undefined; label: string }[], reserved: Set<string> = new Set()): Choice[] {
  const details: ErrorDetail[] = [];
  const given = new Set<string>();
  input.forEach((c, i) => {
    if (c.key === undefined) return;
    if (given.has(c.key)) details.push({ field: `options.choices.${i}.key`, code: 'duplicate', message: `The key "${c.key}" appears twice.` });
    given.add(c.key);
  });
  if (details.length) throw validationError(details, 'The field options are invalid.');
  const taken = new Set([...given, ...reserved]);
  return input.map((c, i) => {
    if (c.key !== undefined) return { key: c.key, label: c.label };
    const key = deriveChoiceKey(c.label, taken, i);
    taken.add(key);
    return { key, label: c.label };
  });
}

/** The options of a new field with defaults filled in. */
export function newFieldOptions(type: CustomFieldType, input: unknown, defaultCurrency: string): FieldOptions {
  const parsed = parseOptions(optionsShape(type), input) as {
    choices?: { key?: string; label: string }[]; decimals?: number; currency?: string; entity?: LinkTarget; maxLength?: number;
  };
  switch (type) {
    case 'one_of':
    case 'many_of':
      return { choices: withKeys(parsed.choices!) };
    case 'number':
      return { decimals: parsed.decimals ?? 0 };
    case 'money':
      return { currency: parsed.currency ?? defaultCurrency };
    case 'link':
      return { entity: parsed.entity! };
    case 'text':
      return { maxLength: parsed.maxLength ?? TEXT_DEFAULT_LENGTH };
    default:
      return {};
  }
}

export interface OptionsChange {
  options: FieldOptions;
  /** Choice keys no longer offered; refused while records still use them. */
  removedChoices: string[];
}

/**
 * Options after a PATCH. Choices may be added, relabelled and (when unused)
 * removed; a text field's maximum length may change. What would need the
 * stored values converted (decimals, currency, link target) is refused
 * until type conversion exists.
 */
export function changedOptions(type: CustomFieldType, current: FieldOptions, input: unknown): OptionsChange {
  const parsed = parseOptions(optionsShape(type).optional(), input) as {
    choices?: { key?: string; label: string }[]; decimals?: number; currency?: string; entity?: LinkTarget; maxLength?: number;
  } | undefined;
  const options: FieldOptions = { ...current };
  let removedChoices: string[] = [];
  if (!parsed) return { options, removedChoices };
  const unchangeable: [keyof FieldOptions, unknown, string][] = [
    ['decimals', parsed.decimals, 'the number of decimal places'],
    ['currency', parsed.currency, 'the currency'],
    ['entity', parsed.entity, 'the kind of record linked to'],
  ];
  for (const [key, value, what] of unchangeable) {
    if (value === undefined || value === current[key]) continue;
    throw new AppError('not_supported', `Changing ${what} of an existing field is not available yet: the stored values would need converting. Add a new field instead.`, {
      details: [{ field: `options.${key}`, code: 'not_supported', message: `${what[0]!.toUpperCase()}${what.slice(1)} cannot change.` }],
    });
  }
  if (parsed.choices) {
    const before = current.choices ?? [];
    // A choice sent without its key but with an existing label is that
    // choice, so a client that only shows labels does not remove and re-add.
    const given = new Set(parsed.choices.map((c) => c.key).filter(Boolean));
    const byLabel = new Map(before.filter((c) => !given.has(c.key)).map((c) => [c.label.trim().toLowerCase(), c.key]));
    const input = parsed.choices.map((c) => {
      if (c.key !== undefined) return c;
      const key = byLabel.get(c.label.toLowerCase());
      if (key === undefined) return c;
      byLabel.delete(c.label.toLowerCase());
      return { key, label: c.label };
    });
    // Derived keys of new choices never collide with existing ones.
    const choices = withKeys(input, new Set(before.map((c) => c.key)));
    const kept = new Set(choices.map((c) => c.key));
    removedChoices = before.map((c) => c.key).filter((k) => !kept.has(k));
    options.choices = choices;
  }
  if (parsed.maxLength !== undefined) options.maxLength = parsed.maxLength;
  return { options, removedChoices };
}
