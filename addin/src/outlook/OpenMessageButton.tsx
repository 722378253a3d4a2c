import { Button } from '@fluentui/react-components';
import { MailRead20Regular } from '@fluentui/react-icons';
import { useUser } from '../auth/session.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';

/**
 * On an e-mail event logged from Outlook: opens the message again, in
 * Outlook, for the user who logged it (a REST id names an item of one
 * mailbox; others have their own copy, if any).
 */
export function OpenMessageButton({ eventId }: { eventId: number }) {
  const host = useHost();
  const user = useUser();
  const notify = useNotify();
  const { data } = useResource<{ items: { restId: string | null; userId: number }[] }>(host.kind === 'outlook' ? `/events/${eventId}/message` : null);
  if (host.kind !== 'outlook') return null;
  const mine = data?.items.find((m) => m.restId && m.userId === user.id);
  if (!mine?.restId) return null;
  const restId = mine.restId;
  return (
    <Button icon={<MailRead20Regular />} onClick={() => {
      if (!host.openMessage(restId)) notify(t('outlook.openMessage.failed'), 'warning');
    }}>{t('outlook.openMessage')}</Button>
  );
}
