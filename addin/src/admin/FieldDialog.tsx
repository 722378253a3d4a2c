import {
  Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input,
  MessageBar, MessageBarBody, Option, Spinner, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import type { FieldMeta } from '../records/meta.js';
import { ChoicesEditor, newChoice, type ChoiceDraft } from './ChoicesEditor.js';
import { CUSTOM_TYPES, LINK_TARGETS, TEXT_MAX_LENGTH, entityName, typeHint, typeName, type CustomType } from './fieldTypes.js';

const MAX_LABEL = 200;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  legend: { padding: 0, marginBottom: '4px', fontWeight: tokens.fontWeightRegular },
  star: { color: tokens.colorPaletteRedForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

interface Draft {
  label: string;
  type: CustomType;
  maxLength: string;
  decimals: string;
  currency: string;
  linkEntity: string;
  choices: ChoiceDraft[];
  required: boolean;
  hidden: boolean;
}

type Errors = Partial<Record<'label' | 'type' | 'maxLength' | 'decimals' | 'currency' | 'linkEntity' | 'choices' | 'general', string>> & { choice?: Record<number, string> };

function draftOf(field: FieldMeta | null): Draft {
  return {
    label: field?.label ?? '',
    type: (field?.type as CustomType | undefined) ?? 'text',
    maxLength: field?.options.maxLength !== undefined ? String(field.options.maxLength) : '',
    decimals: String(field?.options.decimals ?? 0),
    currency: field?.options.currency ?? '',
    linkEntity: field?.options.entity ?? '',
    choices: field?.options.choices?.map((c) => newChoice(c.label, c.key)) ?? [newChoice()],
    required: field?.required ?? false,
    hidden: field?.hidden ?? false,
  };
}

/** Problems seen while typing; the server checks the same and more. */
function check(d: Draft, adding: boolean, custom: boolean): Errors {
  const e: Errors = {};
  if (!d.label.trim()) e.label = t('form.required');
  else if ([...d.label.trim()].length > MAX_LABEL) e.label = t('form.tooLong', { max: MAX_LABEL });
  if (!custom) return e;
  if (d.type === 'text' && d.maxLength !== '' && !(/^\d+$/.test(d.maxLength) && Number(d.maxLength) >= 1 && Number(d.maxLength) <= TEXT_MAX_LENGTH)) {
    e.maxLength = t('admin.field.maxLengthRange', { max: TEXT_MAX_LENGTH });
  }
  if (adding && d.type === 'money' && d.currency !== '' && !/^[A-Z]{3}$/.test(d.currency)) e.currency = t('admin.field.currencyFormat');
  if (adding && d.type === 'link' && !d.linkEntity) e.linkEntity = t('form.required');
  if (d.type === 'one_of' || d.type === 'many_of') {
    const choice: Record<number, string> = {};
    d.choices.forEach((c, i) => {
      if (!c.label.trim()) choice[i] = t('admin.field.choiceEmpty');
      else if ([...c.label.trim()].length > MAX_LABEL) choice[i] = t('form.tooLong', { max: MAX_LABEL });
    });
    const seen = new Map<string, number>();
    d.choices.forEach((c, i) => {
      const k = c.label.trim().toLowerCase();
      if (!k) return;
      if (seen.has(k)) choice[i] ??= t('admin.field.choiceTwice');
      seen.set(k, i);
    });
    if (Object.keys(choice).length) e.choice = choice;
    if (!d.choices.length) e.choices = t('admin.field.choicesNeeded');
  }
  return e;
}

function optionsOf(d: Draft, adding: boolean): Record<string, unknown> | undefined {
  switch (d.type) {
    case 'text':
      return d.maxLength !== '' ? { maxLength: Number(d.maxLength) } : undefined;
    case 'number':
      return adding ? { decimals: Number(d.decimals) } : undefined;
    case 'money':
      return adding && d.currency ? { currency: d.currency } : undefined;
    case 'link':
      return adding ? { entity: d.linkEntity } : undefined;
    case 'one_of':
    case 'many_of':
      return { choices: d.choices.map((c) => ({ ...(c.key ? { key: c.key } : {}), label: c.label.trim() })) };
    default:
      return undefined;
  }
}

/** Server error paths ("options.choices.2.label") → where the dialog shows them. */
function mapServerErrors(err: ApiError): Errors {
  const e: Errors = {};
  const rest: string[] = [];
  for (const d of err.details) {
    const f = d.field ?? '';
    const choice = /^options\.choices\.(\d+)/.exec(f);
    if (choice) (e.choice ??= {})[Number(choice[1])] ??= d.message;
    else if (f === 'options.choices') e.choices ??= d.message;
    else if (f === 'label') e.label ??= d.message;
    else if (f === 'type') e.type ??= d.message;
    else if (f === 'options.maxLength') e.maxLength ??= d.message;
    else if (f === 'options.decimals') e.decimals ??= d.message;
    else if (f === 'options.currency') e.currency ??= d.message;
    else if (f === 'options.entity') e.linkEntity ??= d.message;
    else rest.push(d.message);
  }
  e.general = rest.length ? rest.join(' ') : err.details.length ? undefined : err.message;
  return e;
}

/**
 * Adds a custom field (any of the 12 types, with its options) or edits one:
 * a built-in field can only be renamed; a custom one can also change its
 * choices, maximum length and whether it is required.
 */
export function FieldDialog({ entity, field, open, onClose, onDone }: {
  entity: string;
  /** null adds a field. */
  field: FieldMeta | null;
  open: boolean;
  onClose: () => void;
  onDone: (saved: FieldMeta) => void;
}) {
  const styles = useStyles();
  const adding = field === null;
  const custom = adding || field.custom;
  const [draft, setDraft] = useState<Draft>(() => draftOf(field));
  const [base, setBase] = useState<FieldMeta | null>(field);
  const [touched, setTouched] = useState(false);
  const [server, setServer] = useState<Errors>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDraft(draftOf(field));
    setBase(field);
    setTouched(false);
    setServer({});
    setConflict(false);
  }, [open, field]);

  const local = touched ? check(draft, adding, custom) : {};
  const errors: Errors = { ...local, ...Object.fromEntries(Object.entries(server).filter(([, v]) => v !== undefined)), choice: { ...(local.choice ?? {}), ...(server.choice ?? {}) } };

  /** Picking a type is not typing: its empty label and choices are not yet mistakes. */
  function set(patch: Partial<Draft>, touch = true) {
    setDraft((d) => ({ ...d, ...patch }));
    if (touch) setTouched(true);
    setServer({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    const problems = check(draft, adding, custom);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setServer({});
    try {
      const options = custom ? optionsOf(draft, adding) : undefined;
      const saved = adding
        ? await api.post<FieldMeta>('/fields', { entity, label: draft.label.trim(), type: draft.type, ...(options ? { options } : {}), required: draft.required, hidden: draft.hidden })
        : await api.patch<FieldMeta>(`/fields/${base!.id}`, { version: base!.version, label: draft.label.trim(), ...(custom ? { required: draft.required } : {}), ...(options ? { options } : {}) });
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        // Someone changed the field meanwhile: their version becomes the base, what was typed stays.
        const current = (err.body as { error?: { current?: FieldMeta } })?.error?.current ?? (await api.get<FieldMeta>(`/fields/${base!.id}`).catch(() => null));
        if (current) setBase(current);
        setConflict(true);
      } else if (err instanceof ApiError) {
        setServer(mapServerErrors(err));
      } else {
        setServer({ general: String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  const msg = (k: keyof Omit<Errors, 'choice'>) => ({ validationState: errors[k] ? ('error' as const) : ('none' as const), validationMessage: errors[k] });
  const hasChoices = draft.type === 'one_of' || draft.type === 'many_of';

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{adding ? t('admin.field.addTitle', { entity: entityName(entity) }) : t('admin.field.editTitle', { name: field.label })}</DialogTitle>
            <DialogContent className={styles.form}>
              {conflict && (
                <MessageBar intent="warning" role="alert">
                  <MessageBarBody>{t('admin.field.conflict')}</MessageBarBody>
                </MessageBar>
              )}
              {errors.general && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{errors.general}</MessageBarBody>
                </MessageBar>
              )}
              <Field label={t('admin.field.label')} required {...msg('label')}>
                <Input autoFocus value={draft.label} onChange={(_, d) => set({ label: d.value })} />
              </Field>
              {adding ? (
                <Field label={t('admin.field.type')} required hint={t(typeHint(draft.type))} {...msg('type')}>
                  <Dropdown value={typeName(draft.type)} selectedOptions={[draft.type]} onOptionSelect={(_, d) => d.optionValue && set({ type: d.optionValue as CustomType }, false)}>
                    {CUSTOM_TYPES.map((type) => (
                      <Option key={type} value={type}>{typeName(type)}</Option>
                    ))}
                  </Dropdown>
                </Field>
              ) : (
                <Field label={t('admin.field.type')} hint={field.custom ? t('admin.field.typeFixed') : t('admin.field.builtIn')}>
                  <Input value={typeName(field.type)} readOnly />
                </Field>
              )}
              {custom && draft.type === 'text' && (
                <Field label={t('admin.field.maxLength')} hint={t('admin.field.maxLengthHint', { max: TEXT_MAX_LENGTH })} {...msg('maxLength')}>
                  <Input inputMode="numeric" value={draft.maxLength} placeholder="500" onChange={(_, d) => set({ maxLength: d.value.trim() })} />
                </Field>
              )}
              {custom && draft.type === 'number' && (
                <Field label={t('admin.field.decimals')} hint={adding ? undefined : t('admin.field.optionFixed')} {...msg('decimals')}>
                  <Dropdown disabled={!adding} value={draft.decimals} selectedOptions={[draft.decimals]} onOptionSelect={(_, d) => d.optionValue && set({ decimals: d.optionValue })}>
                    {[0, 1, 2, 3, 4, 5, 6].map((n) => (
                      <Option key={n} value={String(n)}>{String(n)}</Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
              {custom && draft.type === 'money' && (
                <Field label={t('admin.field.currency')} hint={adding ? t('admin.field.currencyHint') : t('admin.field.optionFixed')} {...msg('currency')}>
                  <Input disabled={!adding} value={draft.currency} maxLength={3} placeholder="EUR" onChange={(_, d) => set({ currency: d.value.toUpperCase().trim() })} />
                </Field>
              )}
              {custom && draft.type === 'link' && (
                <Field label={t('admin.field.linkTo')} required={adding} hint={adding ? undefined : t('admin.field.optionFixed')} {...msg('linkEntity')}>
                  <Dropdown disabled={!adding} value={draft.linkEntity ? entityName(draft.linkEntity) : ''} selectedOptions={draft.linkEntity ? [draft.linkEntity] : []} onOptionSelect={(_, d) => set({ linkEntity: d.optionValue ?? '' })}>
                    {LINK_TARGETS.map((e) => (
                      <Option key={e} value={e}>{entityName(e)}</Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
              {custom && hasChoices && (
                // A fieldset, not a Field: a Field would name every choice input after itself.
                <fieldset className={styles.fieldset}>
                  <legend className={styles.legend}>{t('admin.field.choices')} <span className={styles.star}>*</span></legend>
                  {!adding && <Caption1>{t('admin.field.choicesHint')}</Caption1>}
                  <ChoicesEditor choices={draft.choices} errors={errors.choice ?? {}} onChange={(choices) => set({ choices })} />
                  {errors.choices && <span className={styles.error} role="alert">{errors.choices}</span>}
                </fieldset>
              )}
              {custom && <Checkbox checked={draft.required} onChange={(_, d) => set({ required: d.checked === true })} label={t('admin.field.required')} />}
              {adding && <Checkbox checked={draft.hidden} onChange={(_, d) => set({ hidden: d.checked === true })} label={t('admin.field.hiddenAtFirst')} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {adding ? t('admin.field.add') : t('form.save')}
              </Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
