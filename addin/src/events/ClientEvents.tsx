import { Button, makeStyles } from '@fluentui/react-components';
import { CalendarAdd20Regular, Call20Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { nextHour } from '../agenda/time.js';
import { t } from '../i18n/strings.js';
import { RecordList } from '../records/RecordList.js';
import { navigate, useLocation } from '../shell/router.js';
import { typeLabel, useEventTypes } from './useEventTypes.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

/**
 * A client's events with the two things done most from a client's card:
 * "Log a call" (it happened just now: write how it went) and "Plan a
 * meeting". Both come back to the card when saved.
 */
export function ClientEvents({ clientId }: { clientId: number }) {
  const styles = useStyles();
  const user = useUser();
  const types = useEventTypes();
  const { path, query } = useLocation();
  const fixed = useMemo(() => ({ clientId }), [clientId]);
  const back = `${path}${query.toString() ? `?${query.toString()}` : ''}`;
  return (
    <div className={styles.root}>
      {can(user, 'events', 'create') && (
        <div className={styles.actions}>
          <Button appearance="primary" icon={<Call20Regular />} onClick={() => navigate('/events/new', { clientId, type: 'call', status: 'done', back })}>
            {t('events.logCall')}
          </Button>
          <Button icon={<CalendarAdd20Regular />} onClick={() => navigate('/events/new', { clientId, type: 'meeting', startsAt: nextHour(), back })}>
            {t('events.planMeeting')}
          </Button>
        </div>
      )}
      <RecordList
        entity="event"
        path="/events"
        listId="client-events"
        defaultColumns={['startsAt', 'subject', 'status', 'result', 'ownerId']}
        defaultSort="-startsAt"
        fixed={fixed}
        compact
        extraColumns={[{ key: 'typeLabel', label: t('events.field.type'), render: (r) => typeLabel(types, String(r.type)) }]}
        rowHref={(r) => `#/events/${r.id}`}
        emptyText={t('events.clientEmpty')}
      />
    </div>
  );
}
