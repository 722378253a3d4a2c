import { Title3 } from '@fluentui/react-components';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';
import { typeLabel, useEventTypes } from './useEventTypes.js';

/** #/events — every call, meeting and letter the user may see, newest first, with filters and columns. */
export function EventList() {
  const user = useUser();
  const types = useEventTypes();
  return (
    <>
      <Title3 as="h1">{t('events.title')}</Title3>
      <RecordList
        entity="event"
        path="/events"
        listId="events"
        defaultColumns={['subject', 'startsAt', 'clientId', 'status', 'ownerId']}
        defaultFilters={['status', 'type', 'clientId', 'ownerId', 'startsAt']}
        defaultSort="-startsAt"
        extraColumns={[{ key: 'typeLabel', label: t('events.field.type'), render: (r) => typeLabel(types, String(r.type)) }]}
        rowHref={(r) => `#/events/${r.id}`}
        onNew={can(user, 'events', 'create') ? () => navigate('/events/new') : undefined}
        newLabel={t('events.new')}
        emptyText={t('events.empty')}
      />
    </>
  );
}
