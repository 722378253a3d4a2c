import { Title3, makeStyles } from '@fluentui/react-components';
import { AdminPage } from '../admin/AdminPage.js';
import { useCan } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import type { Screen } from '../shell/screens.js';
import { MailboxCard } from './MailboxCard.js';
import { SettingsForm } from './SettingsForm.js';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 } });

/** #/admin/microsoft — the app registration, beside the other administration tabs. */
function MicrosoftAdmin() {
  const can = useCan();
  return <AdminPage current="/admin/microsoft">{can('microsoft', 'edit') ? <SettingsForm /> : null}</AdminPage>;
}

/** #/microsoft — every user's own mailbox connection (where Microsoft's sign-in returns to). */
function MicrosoftMailbox() {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <Title3 as="h1">{t('microsoft.mailbox.title')}</Title3>
      <MailboxCard />
    </div>
  );
}

export const microsoftScreens: Screen[] = [
  { pattern: 'admin/microsoft', component: MicrosoftAdmin },
  { pattern: 'microsoft', component: MicrosoftMailbox },
];
