import type { Reminder } from '../agenda/types.js';
import { t } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { reminders } from './store.js';

/** Snooze and dismiss with a short confirmation, and the server's reason when it refuses. */
export function useReminderActions() {
  const notify = useNotify();
  return (r: Reminder, action: { kind: 'dismiss' } | { kind: 'snooze'; body: { minutes: number } | { until: string } }) => {
    const done = action.kind === 'dismiss' ? reminders.dismiss(r.id) : reminders.snooze(r.id, action.body);
    done.then(
      () => action.kind === 'snooze' && notify(t('notifications.snoozed')),
      (err: Error) => notify(err.message, 'error'),
    );
  };
}
