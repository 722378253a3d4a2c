import { Title3 } from '@fluentui/react-components';
import { isDate, nextHour } from '../agenda/time.js';
import { t } from '../i18n/strings.js';
import { idFrom } from '../lines/today.js';
import { Panel } from '../records/Card.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { TaskForm } from './TaskForm.js';

const LINKS = ['clientId', 'contactId', 'contractId', 'invoiceId', 'eventId'] as const;

/** #/tasks/new?clientId=…&date=… — a task, linked to whatever it was opened from. */
export function TaskNew() {
  const { query } = useLocation();
  const notify = useNotify();
  const initial: Record<string, unknown> = { priority: 'normal' };
  for (const k of LINKS) {
    const id = idFrom(query.get(k));
    if (id) initial[k] = id;
  }
  const date = query.get('date');
  initial.dueAt = isDate(date) ? new Date(`${date}T17:00`).toISOString() : nextHour();
  return (
    <>
      <Title3 as="h1">{t('tasks.newTitle')}</Title3>
      <Panel>
        <TaskForm
          initial={initial}
          onSaved={(r) => {
            notify(t('tasks.created'));
            navigate(`/tasks/${r.id}`, undefined, { replace: true });
          }}
          onCancel={() => window.history.back()}
        />
      </Panel>
    </>
  );
}
