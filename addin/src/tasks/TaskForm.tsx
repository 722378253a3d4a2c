import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import type { FieldMeta, RecordData } from '../records/meta.js';
import { RecordForm, type FormSection } from '../records/RecordForm.js';

type ReminderMode = 'none' | 'at' | 'before';

function sections(): FormSection[] {
  return [
    { keys: ['title', 'dueAt', 'assigneeId', 'priority', 'status', 'repeat', 'description'] },
    { title: t('tasks.section.links'), keys: ['clientId', 'contactId', 'contractId', 'invoiceId', 'eventId'] },
    { title: t('tasks.section.reminder'), keys: ['remindAt', 'remindBeforeMinutes', 'remindByEmail'] },
  ];
}

function modeOf(values: Record<string, unknown>): ReminderMode {
  if (values.remindAt) return 'at';
  if (values.remindBeforeMinutes !== null && values.remindBeforeMinutes !== undefined) return 'before';
  return 'none';
}

/**
 * A new or existing task. The reminder is either at a set time or some
 * minutes before the due time (or none): the choice shows the one field it
 * needs and clears the other, so the server never gets both.
 */
export function TaskForm(props: { record?: RecordData; initial?: Record<string, unknown>; onSaved: (r: RecordData) => void; onCancel?: () => void }) {
  const [mode, setMode] = useState<ReminderMode>(() => modeOf({ ...(props.initial ?? {}), ...(props.record ?? {}) }));
  const [modeChanged, setModeChanged] = useState(false);
  const hidden = (f: FieldMeta) =>
    (f.key === 'remindAt' && mode !== 'at') || (f.key === 'remindBeforeMinutes' && mode !== 'before') || (f.key === 'remindByEmail' && mode === 'none');
  const fixed = mode === 'none' ? { remindAt: null, remindBeforeMinutes: null } : mode === 'at' ? { remindBeforeMinutes: null } : { remindAt: null };
  return (
    <RecordForm
      entity="task"
      path="/tasks"
      record={props.record}
      initial={props.initial}
      sections={sections()}
      hidden={hidden}
      fixed={fixed}
      dirty={modeChanged}
      onSaved={(r) => {
        setModeChanged(false);
        props.onSaved(r);
      }}
      onCancel={props.onCancel}
      extra={() => (
        <Field label={t('tasks.reminder')}>
          <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => { setMode(d.value as ReminderMode); setModeChanged(true); }}>
            <Radio value="none" label={t('tasks.reminder.none')} />
            <Radio value="at" label={t('tasks.reminder.at')} />
            <Radio value="before" label={t('tasks.reminder.before')} />
          </RadioGroup>
        </Field>
      )}
    />
  );
}
