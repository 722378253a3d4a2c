import { Badge, Button, Link } from '@fluentui/react-components';
import { CheckmarkCircle20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { formatWhen } from '../agenda/time.js';
import { DeleteButton } from '../clients/DeleteButton.js';
import { ReadView } from '../clients/ReadView.js';
import { validId } from '../clients/ids.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatDateTime } from '../records/format.js';
import { useFields, type RecordData } from '../records/meta.js';
import { useEditing } from '../records/useEditing.js';
import { useResource } from '../records/useRecord.js';
import { href, navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { EventForm } from './EventForm.js';
import { resultLabel, typeLabel, useEventTypes } from './useEventTypes.js';
import { ResultDialog } from './ResultDialog.js';
import { OpenMessageButton } from '../outlook/OpenMessageButton.js';

/** Shown in the header rather than in the details below. */
const IN_HEADER = ['subject', 'type', 'status', 'result', 'startsAt', 'endsAt', 'clientId', 'contactId', 'ownerId'];

/** #/events/:id — a call, meeting or letter: when, with whom, and how it went. */
export function EventCard({ params }: { params: Record<string, string> }) {
  const id = validId(params.id);
  const user = useUser();
  const notify = useNotify();
  const types = useEventTypes();
  const fields = useFields('event');
  const event = useResource<RecordData>(id ? `/events/${id}` : null);
  const edit = useEditing(event);
  const [writing, setWriting] = useState(false);

  if (id === null) return <CardState loading={false} error={new ApiError(404, 'not_found', t('card.notFound'))} />;
  if (!event.data || !fields) return <CardState loading={event.loading || !fields} error={event.error} onRetry={event.reload} />;
  const e = event.data;
  const subject = String(e.subject ?? `#${e.id}`);
  const type = String(e.type);
  const planned = e.status === 'planned';
  const canEdit = can(user, 'events', 'edit');

  if (edit.editing) {
    return (
      <Card title={t('events.editTitle', { subject })}>
        <Panel>
          <EventForm record={e} {...edit.formProps} />
        </Panel>
      </Card>
    );
  }

  return (
    <Card
      title={subject}
      subtitle={`${typeLabel(types, type)} · ${formatDateTime(String(e.startsAt))}`}
      back="/calendar"
      actions={
        <>
          {planned && canEdit && (
            <Button appearance="primary" icon={<CheckmarkCircle20Regular />} onClick={() => setWriting(true)}>{t('events.done')}</Button>
          )}
          {/* In Outlook, an e-mail logged from there opens again. */}
          {type === 'email' && <OpenMessageButton eventId={e.id} />}
          {canEdit && <Button icon={<Edit20Regular />} onClick={edit.start}>{t('form.edit')}</Button>}
          {can(user, 'events', 'delete') && (
            <DeleteButton path={`/events/${e.id}`} what={subject} onDeleted={() => {
              notify(t('events.deleted'));
              navigate('/calendar', undefined, { replace: true });
            }} />
          )}
        </>
      }
      facts={
        <>
          <Fact label={t('events.field.status')} value={<Badge appearance="tint" color={planned ? 'informative' : 'success'}>{planned ? t('events.status.planned') : t('events.status.done')}</Badge>} />
          <Fact label={t('events.field.when')} value={formatWhen(String(e.startsAt)) + (e.endsAt ? ` – ${formatWhen(String(e.endsAt))}` : '')} />
          <Fact label={t('events.field.client')} value={<Link href={href(`/clients/${e.clientId}`)}>{String(e.clientName ?? `#${e.clientId}`)}</Link>} />
          {e.contactId ? <Fact label={t('events.field.contact')} value={<Link href={href(`/contacts/${e.contactId}`)}>{String(e.contactName ?? `#${e.contactId}`)}</Link>} /> : null}
          {e.ownerName ? <Fact label={t('events.field.owner')} value={String(e.ownerName)} /> : null}
          {!planned && e.result ? <Fact label={t('events.field.result')} value={resultLabel(types, type, String(e.result))} /> : null}
        </>
      }
    >
      <Panel>
        <ReadView fields={fields.filter((f) => !IN_HEADER.includes(f.key))} record={e} sections={[]} emptyText={t('events.noDetails')} />
      </Panel>
      <ResultDialog
        eventId={e.id}
        open={writing}
        onClose={() => setWriting(false)}
        onSaved={(saved) => {
          event.set(saved);
          setWriting(false);
          notify(t('events.resultSaved'));
        }}
      />
    </Card>
  );
}
