import type { JsonSchema } from './json-schema.js';
import { customFieldTypes, entityNames, structuredTypes, type FieldDef, type FieldOptions } from './types.js';

/**
 * A field as GET /fields shows it: its metadata without the SQL column,
 * with its row id and version. `position` is its place (1 = first).
 */
export type FieldJson = Omit<FieldDef, 'column' | 'id' | 'version'> & Required<Pick<FieldDef, 'id' | 'version'>>;

/** Only the documented option keys, in a fixed shape. */
function optionsJson(options: FieldOptions): FieldOptions {
  const out: FieldOptions = {};
  if (options.choices) out.choices = options.choices.map((c) => ({ key: c.key, label: c.label }));
  if (options.decimals !== undefined) out.decimals = options.decimals;
  if (options.currency !== undefined) out.currency = options.currency;
  if (options.currencyField !== undefined) out.currencyField = options.currencyField;
  if (options.entity !== undefined) out.entity = options.entity;
  if (options.maxLength !== undefined) out.maxLength = options.maxLength;
  return out;
}

export function fieldJson(field: FieldDef, place: number): FieldJson {
  return {
    id: field.id!,
    version: field.version!,
    entity: field.entity,
    key: field.key,
    label: field.label,
    type: field.type,
    options: optionsJson(field.options),
    required: field.required,
    position: place,
    hidden: field.hidden,
    archived: field.archived,
    custom: field.custom,
    readOnly: field.readOnly,
  };
}

const optionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    choices: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' } }, required: ['key', 'label'], additionalProperties: false },
    },
    decimals: { type: 'integer', minimum: 0, maximum: 6 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    currencyField: { type: 'string' },
    entity: { type: 'string' },
    maxLength: { type: 'integer', minimum: 1 },
  },
  additionalProperties: false,
};

export const fieldSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer' },
    entity: { enum: [...entityNames] },
    key: { type: 'string' },
    label: { type: 'string' },
    type: { enum: [...customFieldTypes, ...structuredTypes] },
    options: optionsSchema,
    required: { type: 'boolean' },
    position: { type: 'integer', minimum: 1, description: 'Place in the entity\'s field order, 1 = first.' },
    hidden: { type: 'boolean' },
    archived: { type: 'boolean' },
    custom: { type: 'boolean', description: 'Added by users (true) or part of Kontora (false).' },
    readOnly: { type: 'boolean', description: 'Calculated or maintained by the system; refused in writes.' },
  },
  required: ['id', 'version', 'entity', 'key', 'label', 'type', 'options', 'required', 'position', 'hidden', 'archived', 'custom', 'readOnly'],
  additionalProperties: false,
};
