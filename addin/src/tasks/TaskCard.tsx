import { Badge, Button, Link } from '@fluentui/react-components';
import { ArrowUndo20Regular, CheckmarkCircle20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { formatWhen } from '../agenda/time.js';
import { DeleteButton } from '../clients/DeleteButton.js';
import { ReadView } from '../clients/ReadView.js';
import { validId } from '../clients/ids.js';
import { t, type StringKey } from '../i18n/strings.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { useFields, type RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { href, navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { TaskForm } from './TaskForm.js';
import { useComplete } from './useComplete.js';

const IN_HEADER = ['title', 'status', 'priority', 'dueAt', 'assigneeId', 'clientId', 'repeat'];
const STATUS_COLOR: Record<string, 'informative' | 'success' | 'subtle' | 'warning'> = { open: 'informative', in_progress: 'warning', done: 'success', cancelled: 'subtle' };

/** #/tasks/:id — a task: due, who does it, what it is about; complete, edit or delete it. */
export function TaskCard({ params }: { params: Record<string, string> }) {
  const id = validId(params.id);
  const user = useUser();
  const notify = useNotify();
  const fields = useFields('task');
  const task = useResource<RecordData>(id ? `/tasks/${id}` : null);
  const [editing, setEditing] = useState(false);
  const { busy, toggle } = useComplete(({ task: saved, next }) => {
    if (next) navigate(`/tasks/${next.id}`);
    else task.set({ ...task.data, ...saved });
  });

  if (id === null) return <CardState loading={false} error={new ApiError(404, 'not_found', t('card.notFound'))} />;
  if (!task.data || !fields) {
    return (
      <>
        <CardState loading={task.loading || !fields} error={task.error} />
        {task.error && <Button onClick={task.reload}>{t('app.retry')}</Button>}
      </>
    );
  }
  const r = task.data;
  const title = String(r.title ?? `#${r.id}`);
  const status = String(r.status);
  const canEdit = can(user, 'tasks', 'edit');
  const open = status === 'open' || status === 'in_progress';

  if (editing) {
    return (
      <Card title={t('tasks.editTitle', { title })}>
        <Panel>
          <TaskForm record={r} onSaved={(saved) => { task.set({ ...r, ...saved }); setEditing(false); notify(t('form.saved')); }} onCancel={() => setEditing(false)} />
        </Panel>
      </Card>
    );
  }

  return (
    <Card
      title={title}
      subtitle={r.repeat ? t(`tasks.repeat.${String(r.repeat)}` as StringKey) : undefined}
      back="/tasks"
      actions={
        <>
          {canEdit && open && (
            <Button appearance="primary" icon={<CheckmarkCircle20Regular />} disabled={busy.has(r.id)} onClick={() => void toggle(r, true)}>{t('tasks.complete')}</Button>
          )}
          {canEdit && status === 'done' && (
            <Button icon={<ArrowUndo20Regular />} disabled={busy.has(r.id)} onClick={() => void toggle(r, false)}>{t('tasks.reopen')}</Button>
          )}
          {canEdit && <Button icon={<Edit20Regular />} onClick={() => setEditing(true)}>{t('form.edit')}</Button>}
          {can(user, 'tasks', 'delete') && (
            <DeleteButton path={`/tasks/${r.id}`} what={title} onDeleted={() => { notify(t('tasks.deleted')); navigate('/tasks', undefined, { replace: true }); }} />
          )}
        </>
      }
      facts={
        <>
          <Fact label={t('tasks.filter.status')} value={<Badge appearance="tint" color={STATUS_COLOR[status] ?? 'informative'}>{t(`tasks.status.${status}` as StringKey)}</Badge>} />
          {r.dueAt ? <Fact label={t('tasks.due')} value={formatWhen(String(r.dueAt))} intent={open && new Date(String(r.dueAt)).getTime() < Date.now() ? 'danger' : undefined} /> : null}
          <Fact label={t('tasks.filter.priority')} value={t(`tasks.priority.${String(r.priority)}` as StringKey)} />
          {r.assigneeName ? <Fact label={t('tasks.assignee')} value={String(r.assigneeName)} /> : null}
          {r.clientId ? <Fact label={t('events.field.client')} value={<Link href={href(`/clients/${r.clientId}`)}>{String(r.clientName ?? `#${r.clientId}`)}</Link>} /> : null}
        </>
      }
    >
      <Panel>
        <ReadView fields={fields.filter((f) => !IN_HEADER.includes(f.key))} record={r} sections={[]} emptyText={t('tasks.noDetails')} />
      </Panel>
    </Card>
  );
}
