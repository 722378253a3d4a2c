import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { FieldInput } from './FieldInput.js';
import { useFields, type FieldMeta, type RecordData } from './meta.js';
import { validateField } from './validate.js';

export interface FormSection {
  title?: string;
  keys: string[];
}

const WIDE = new Set(['long_text', 'phones', 'emails', 'messengers']);

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  section: { display: 'flex', flexDirection: 'column', gap: '8px' },
  sectionTitle: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '8px 16px', alignItems: 'start' },
  wide: { gridColumn: '1 / -1' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', position: 'sticky', bottom: 0, padding: '8px 0', backgroundColor: tokens.colorNeutralBackground2 },
});

/** The top-level field a server error path names ("emails.0.address" → "emails"). */
function topKey(path: string): string {
  return path.split('.')[0] ?? path;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * A create or edit form built from the field metadata, custom fields
 * included. It validates as the user types, puts server errors next to the
 * field they concern, keeps everything typed when saving fails, and on a
 * version conflict offers to apply the user's changes to the newer record.
 */
export function RecordForm(props: {
  entity: string;
  /** API path of the resource, e.g. "/clients". */
  path: string;
  record?: RecordData;
  initial?: Record<string, unknown>;
  sections?: FormSection[];
  /** Fields never shown in this form (edited elsewhere, e.g. lines). */
  exclude?: string[];
  /** Hide fields depending on the values (e.g. requisites of individuals). */
  hidden?: (field: FieldMeta, values: Record<string, unknown>) => boolean;
  onSaved: (record: RecordData) => void;
  onCancel?: () => void;
  /** Rendered above the buttons with the current values (e.g. a duplicate warning). */
  extra?: (values: Record<string, unknown>) => ReactNode;
  /** Values added to every request (e.g. the client of a new contact). */
  fixed?: Record<string, unknown>;
  saveLabel?: string;
  /** Changes kept outside the form's fields (e.g. lines sent through `fixed`) that make saving worthwhile. */
  dirty?: boolean;
  /** Checked before saving; false stops the save (the caller shows why). */
  beforeSubmit?: () => boolean;
  /** Every failed save, so parts kept outside the fields can show their own errors. */
  onError?: (err: unknown) => void;
}) {
  const styles = useStyles();
  const fields = useFields(props.entity);
  const [record, setRecord] = useState<RecordData | undefined>(props.record);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...(props.initial ?? {}), ...(props.record ?? {}) }));
  const [changed, setChanged] = useState<Set<string>>(() => new Set(props.record ? [] : Object.keys(props.initial ?? {})));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<RecordData | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  // A parent that saved another part of the record (a product's prices, a
  // user's password) passes the newer record: the form takes its version and
  // values and keeps what the user typed here and has not saved yet.
  useEffect(() => {
    const next = props.record;
    if (!next || !record || next.version <= record.version) return;
    setRecord(next);
    setValues((v) => {
      const mine: Record<string, unknown> = {};
      for (const k of changed) mine[k] = v[k];
      return { ...next, ...mine };
    });
  }, [props.record]);

  const exclude = useMemo(() => new Set(props.exclude ?? []), [props.exclude]);
  const editable = useMemo(
    () => (fields ?? []).filter((f) => !f.readOnly && !f.hidden && !exclude.has(f.key) && f.type !== 'lines' && f.type !== 'prices' && !(props.hidden?.(f, values) ?? false)),
    [fields, exclude, values, props.hidden],
  );
  const byKey = useMemo(() => new Map(editable.map((f) => [f.key, f])), [editable]);
  const sections: FormSection[] = useMemo(() => {
    if (!props.sections) return [{ keys: editable.map((f) => f.key) }];
    const listed = new Set(props.sections.flatMap((s) => s.keys));
    const rest = editable.filter((f) => !listed.has(f.key)).map((f) => f.key);
    return [...props.sections, ...(rest.length ? [{ title: props.sections.length ? 'More' : undefined, keys: rest }] : [])];
  }, [props.sections, editable]);

  // Save sits at the bottom of long forms: bring a conflict or error message into view.
  const messages = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict || general) messages.current?.scrollIntoView({ block: 'nearest' });
  }, [conflict, general]);

  if (!fields) return <Spinner label={t('app.loading')} />;

  const clientError = (f: FieldMeta) => validateField(f, values[f.key]);

  function set(key: string, value: unknown, extra?: Record<string, unknown>) {
    setValues((v) => ({ ...v, ...(extra ?? {}), [key]: value }));
    setChanged((c) => new Set(c).add(key));
    setTouched((s) => new Set(s).add(key));
    setServerErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _, ...rest } = e;
      return rest;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(new Set(editable.map((f) => f.key)));
    const invalid = editable.filter((f) => clientError(f));
    const outsideOk = props.beforeSubmit?.() ?? true;
    if (invalid.length || !outsideOk) {
      setGeneral(t('form.fixErrors'));
      if (invalid.length) document.getElementById(`field-${invalid[0]!.key}`)?.focus();
      return;
    }
    setBusy(true);
    setGeneral(null);
    setConflict(null);
    try {
      const keys = [...changed].filter((k) => byKey.has(k));
      const body: Record<string, unknown> = { ...(props.fixed ?? {}) };
      for (const k of keys) {
        const f = byKey.get(k)!;
        const v = values[k];
        body[k] = isEmpty(v) ? (f.type === 'many_of' || f.type === 'tags' || WIDE.has(f.type) && f.type !== 'long_text' ? [] : null) : v;
      }
      let saved: RecordData;
      if (record) {
        saved = await api.patch<RecordData>(`${props.path}/${record.id}`, { ...body, version: record.version });
      } else {
        for (const k of Object.keys(body)) if (body[k] === null || (Array.isArray(body[k]) && (body[k] as unknown[]).length === 0)) delete body[k];
        saved = await api.post<RecordData>(props.path, body);
      }
      setRecord(saved);
      setValues({ ...saved });
      setChanged(new Set());
      setServerErrors({});
      props.onSaved(saved);
    } catch (err) {
      props.onError?.(err);
      if (err instanceof ApiError && err.status === 401) {
        // The sign-in dialog covers the form; after signing in the user presses Save again.
      } else if (err instanceof ApiError && err.code === 'version_conflict') {
        setConflict(((err.body as { error?: { current?: RecordData } })?.error?.current) ?? null);
      } else if (err instanceof ApiError && err.details.some((d) => d.field)) {
        const mapped: Record<string, string> = {};
        const elsewhere: string[] = [];
        for (const d of err.details) {
          const k = d.field ? topKey(d.field) : '';
          if (k && byKey.has(k)) mapped[k] ??= d.message;
          else elsewhere.push(d.message);
        }
        setServerErrors(mapped);
        setGeneral(elsewhere.length ? elsewhere.join(' ') : t('form.fixErrors'));
      } else {
        setGeneral(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  /** Their record, with this user's changes applied on top; saving then uses their version. */
  function applyMineToTheirs(current: RecordData) {
    const mine: Record<string, unknown> = {};
    for (const k of changed) mine[k] = values[k];
    setRecord(current);
    setValues({ ...current, ...mine });
    setConflict(null);
    setFormKey((k) => k + 1);
  }

  function takeTheirs(current: RecordData) {
    setRecord(current);
    setValues({ ...current });
    setChanged(new Set());
    setConflict(null);
    setFormKey((k) => k + 1);
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate key={formKey}>
      <div ref={messages} style={{ scrollMarginTop: '8px' }} />
      {conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('form.conflict')}</MessageBarTitle>
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => applyMineToTheirs(conflict)}>{t('form.conflictKeep')}</Button>
            <Button onClick={() => takeTheirs(conflict)}>{t('form.conflictReload')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {general && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{general}</MessageBarBody>
        </MessageBar>
      )}
      {sections.map((section, i) => {
        const sectionFields = section.keys.map((k) => byKey.get(k)).filter((f): f is FieldMeta => f !== undefined);
        if (!sectionFields.length) return null;
        return (
          <section className={styles.section} key={section.title ?? i}>
            {section.title && <h3 className={styles.sectionTitle}>{section.title}</h3>}
            <div className={styles.grid}>
              {sectionFields.map((f) => {
                const message = serverErrors[f.key] ?? (touched.has(f.key) ? clientError(f) : null);
                return (
                  <Field
                    key={f.key}
                    className={mergeClasses(WIDE.has(f.type) && styles.wide)}
                    label={f.type === 'boolean' ? undefined : f.label}
                    required={f.required}
                    validationState={message ? 'error' : 'none'}
                    validationMessage={message ?? undefined}
                  >
                    <FieldInput id={`field-${f.key}`} field={f} value={values[f.key]} record={values} onChange={(v, extra) => set(f.key, v, extra)} />
                  </Field>
                );
              })}
            </div>
          </section>
        );
      })}
      {props.extra?.(values)}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || (record !== undefined && changed.size === 0 && !props.dirty)} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? t('form.saving') : (props.saveLabel ?? t('form.save'))}
        </Button>
        {props.onCancel && (
          <Button onClick={props.onCancel} disabled={busy}>
            {t('form.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
