import { Title3 } from '@fluentui/react-components';
import { formatWhen, isDate, nextHour } from '../agenda/time.js';
import { idFrom } from '../lines/today.js';
import { t } from '../i18n/strings.js';
import { Panel } from '../records/Card.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { EventForm } from './EventForm.js';

/** A start time from the address: an ISO instant, or a local "2026-11-27T14:30". */
function startFrom(text: string | null): string | undefined {
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * #/events/new?clientId=&type=call&status=done&startsAt=… — plan a call or
 * meeting, or log one that happened ("Log a call": status=done, now).
 */
export function EventNew() {
  const { query } = useLocation();
  const notify = useNotify();
  const clientId = idFrom(query.get('clientId'));
  const contactId = idFrom(query.get('contactId'));
  const status = query.get('status') === 'done' ? 'done' : 'planned';
  const date = query.get('date');
  const startsAt = startFrom(query.get('startsAt')) ?? (status === 'done' ? new Date().toISOString() : isDate(date) ? new Date(`${date}T09:00`).toISOString() : nextHour());
  const type = query.get('type') ?? 'call';
  const back = query.get('back');
  return (
    <>
      <Title3 as="h1">{status === 'done' ? t('events.logTitle') : t('events.newTitle')}</Title3>
      <Panel>
        <EventForm
          // A new address (another slot clicked) starts a fresh form.
          key={query.toString()}
          initial={{ type, status, startsAt, ...(clientId ? { clientId } : {}), ...(contactId ? { contactId } : {}) }}
          onSaved={(r) => {
            notify(status === 'done' ? t('events.logged') : t('events.planned', { when: formatWhen(String(r.startsAt)) }));
            if (back && back.startsWith('/')) navigate(back, undefined, { replace: true });
            else navigate(`/events/${r.id}`, undefined, { replace: true });
          }}
          onCancel={() => window.history.back()}
        />
      </Panel>
    </>
  );
}
