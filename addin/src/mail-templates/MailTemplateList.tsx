import { Badge, Button, Link, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Attach16Regular } from '@fluentui/react-icons';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { formatDate } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import type { MailTemplateSummary } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px', justifyContent: 'space-between' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  subject: { flex: '1 1 100%', overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, flex: '1 1 100%', display: 'flex', alignItems: 'center', gap: '4px' },
  empty: { color: tokens.colorNeutralForeground3, margin: 0 },
});

/** #/mail-templates — the e-mail templates for mail merge; managers and admins add and change them. */
export function MailTemplateList() {
  const styles = useStyles();
  const user = useUser();
  const { data, error, loading, reload } = useResource<{ items: MailTemplateSummary[] }>('/mail-templates');
  const mayCreate = can(user, 'mail', 'create');

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('mailTemplates.title')}</h1>
        {mayCreate && <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('/mail-templates/new')}>{t('mailTemplates.new')}</Button>}
      </div>
      <p className={styles.intro}>{t('mailTemplates.intro')}</p>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('mailTemplates.loadFailed', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button></MessageBarBody>
        </MessageBar>
      ) : !data ? (
        loading && <Spinner label={t('app.loading')} />
      ) : data.items.length === 0 ? (
        <p className={styles.empty}>{t('mailTemplates.empty')}</p>
      ) : (
        <ul className={styles.list} aria-label={t('mailTemplates.title')}>
          {data.items.map((m) => (
            <li key={m.id} className={styles.item}>
              <Link className={styles.name} href={`#/mail-templates/${m.id}`}>{m.name}</Link>
              {m.shipped && <Badge appearance="tint">{t('mailTemplates.shipped')}</Badge>}
              <span className={styles.subject}>{m.subject}</span>
              <span className={styles.meta}>
                {t('mailTemplates.meta', { locale: m.locale.toUpperCase(), version: m.version, date: formatDate(m.updatedAt) })}
                {m.attachments > 0 && <><Attach16Regular aria-hidden />{t('mailTemplates.attachmentCount', { count: m.attachments })}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
