import { Badge, Button, Link, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import type { Mailing } from './api.js';
import { statusColor, statusLabel } from './labels.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px', justifyContent: 'space-between' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { flex: '1 1 100%', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  empty: { color: tokens.colorNeutralForeground3, margin: 0 },
});

/** #/mailings — mailings, newest first, with their progress. */
export function MailingList() {
  const styles = useStyles();
  const user = useUser();
  const { data, error, loading, reload } = useResource<{ items: Mailing[] }>('/mailings', { limit: 100 });
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('mailings.title')}</h1>
        {can(user, 'mail', 'create') && <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('/mailings/new')}>{t('mailings.new')}</Button>}
      </div>
      <p className={styles.intro}>{t('mailings.intro')}</p>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('mailings.loadFailed', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button></MessageBarBody>
        </MessageBar>
      ) : !data ? (
        loading && <Spinner label={t('app.loading')} />
      ) : data.items.length === 0 ? (
        <p className={styles.empty}>{t('mailings.empty')}</p>
      ) : (
        <ul className={styles.list} aria-label={t('mailings.title')}>
          {data.items.map((m) => (
            <li key={m.id} className={styles.item}>
              <Link className={styles.name} href={`#/mailings/${m.id}`}>{m.name}</Link>
              <Badge appearance="tint" color={statusColor(m.status)}>{statusLabel(m.status)}</Badge>
              <span className={styles.meta}>
                {t('mailings.summary', { sent: m.counts.sent, total: m.counts.total, failed: m.counts.failed, skipped: m.counts.skipped })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
