import { Dropdown, Field, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import type { FieldMeta, RecordData } from '../records/meta.js';
import { RecordForm, type FormSection } from '../records/RecordForm.js';
import { useEventTypes } from './useEventTypes.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  head: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '8px 16px', alignItems: 'start' },
  radios: { display: 'flex', flexWrap: 'wrap' },
});

/** Types where the direction (incoming or outgoing) means something. */
const DIRECTED = new Set(['call', 'email', 'letter']);

function sections(): FormSection[] {
  return [
    { keys: ['subject', 'clientId', 'contactId', 'startsAt', 'endsAt', 'direction', 'ownerId'] },
    { title: t('events.section.notes'), keys: ['description', 'resultNotes'] },
    { title: t('events.section.reminder'), keys: ['remindBeforeMinutes', 'remindByEmail'] },
    { title: t('events.section.links'), keys: ['contractId', 'invoiceId'] },
  ];
}

/**
 * A new or existing event. The type, status and result are chosen here
 * (the results offered follow the type); everything else, custom fields
 * included, comes from the field metadata through RecordForm.
 */
export function EventForm(props: {
  record?: RecordData;
  initial?: Record<string, unknown>;
  onSaved: (r: RecordData) => void;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const types = useEventTypes();
  const start = { ...(props.initial ?? {}), ...(props.record ?? {}) };
  const [type, setType] = useState(String(start.type ?? 'call'));
  const [status, setStatus] = useState(String(start.status ?? 'planned'));
  const [result, setResult] = useState<string>(start.result ? String(start.result) : '');
  const [dirty, setDirty] = useState(!props.record);
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (types instanceof Error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('error.generic', { message: types.message })}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!types) return <Spinner label={t('app.loading')} />;

  const current = types.find((x) => x.key === type);
  const offered = types.filter((x) => !x.archived || x.key === type);
  const results = current?.results ?? [];
  const done = status === 'done';
  const change = (fn: () => void) => {
    fn();
    setDirty(true);
    setErrors({});
  };
  const hidden = (f: FieldMeta) =>
    (f.key === 'direction' && !DIRECTED.has(type)) || (f.key === 'resultNotes' && !done) || ((f.key === 'remindBeforeMinutes' || f.key === 'remindByEmail') && done);

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Field label={t('events.field.type')} required validationState={errors.type ? 'error' : 'none'} validationMessage={errors.type}>
          <Dropdown
            value={current?.label ?? type}
            selectedOptions={[type]}
            onOptionSelect={(_, d) => d.optionValue && change(() => {
              setType(d.optionValue!);
              setResult('');
            })}
          >
            {offered.map((x) => <Option key={x.key} value={x.key}>{x.label}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('events.field.status')} validationState={errors.status ? 'error' : 'none'} validationMessage={errors.status}>
          <RadioGroup className={styles.radios} layout="horizontal" value={status} onChange={(_, d) => change(() => setStatus(d.value))}>
            <Radio value="planned" label={t('events.status.planned')} />
            <Radio value="done" label={t('events.status.done')} />
          </RadioGroup>
        </Field>
        {done && results.length > 0 && (
          <Field label={t('events.field.result')} validationState={errors.result ? 'error' : 'none'} validationMessage={errors.result}>
            <Dropdown
              clearable
              value={results.find((r) => r.key === result)?.label ?? ''}
              selectedOptions={result ? [result] : []}
              onOptionSelect={(_, d) => change(() => setResult(d.optionValue ?? ''))}
            >
              {results.map((r) => <Option key={r.key} value={r.key}>{r.label}</Option>)}
            </Dropdown>
          </Field>
        )}
      </div>
      <RecordForm
        entity="event"
        path="/events"
        record={props.record}
        initial={props.initial}
        sections={sections()}
        exclude={['type', 'status', 'result']}
        hidden={hidden}
        fixed={{ type, status, result: done && result ? result : null }}
        dirty={dirty}
        onSaved={(r) => {
          setDirty(false);
          props.onSaved(r);
        }}
        onCancel={props.onCancel}
        onError={(err) => {
          if (err instanceof ApiError) {
            const mine: Record<string, string> = {};
            for (const d of err.details) if (d.field === 'type' || d.field === 'status' || d.field === 'result') mine[d.field] ??= d.message;
            setErrors(mine);
          }
        }}
      />
    </div>
  );
}
