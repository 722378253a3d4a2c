import { Badge, Button, Link, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { RECORD_TYPES, sortTemplates, type TemplateInfo } from '../documents/api.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { formatDate } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { localeLabel, recordTypeLabel } from './recordTypes.js';
import { UploadDialog } from './UploadDialog.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px', justifyContent: 'space-between' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
  group: { display: 'flex', flexDirection: 'column', gap: '4px' },
  h2: { margin: '4px 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, flex: '1 1 100%' },
  empty: { color: tokens.colorNeutralForeground3, margin: 0 },
});

/** #/templates — the print forms by what they print, the default of each first; admins and accountants add new ones. */
export function TemplateList() {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const { data, error, loading, reload } = useResource<{ items: TemplateInfo[] }>('/templates');
  const [uploading, setUploading] = useState(false);
  const mayCreate = can(user, 'templates', 'create');

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('templates.title')}</h1>
        {mayCreate && <Button appearance="primary" icon={<ArrowUpload20Regular />} onClick={() => setUploading(true)}>{t('templates.new')}</Button>}
      </div>
      <p className={styles.intro}>{t('templates.intro')}</p>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('templates.loadFailed', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button></MessageBarBody>
        </MessageBar>
      ) : !data ? (
        loading && <Spinner label={t('app.loading')} />
      ) : (
        RECORD_TYPES.map((type) => {
          const items = sortTemplates(data.items.filter((x) => x.recordType === type));
          const headingId = `templates-${type}`;
          return (
            <section key={type} className={styles.group} aria-labelledby={headingId}>
              <h2 id={headingId} className={styles.h2}>{recordTypeLabel(type)}</h2>
              {items.length === 0 ? (
                <p className={styles.empty}>{mayCreate ? t('templates.emptyTypeAdmin') : t('templates.emptyType')}</p>
              ) : (
                <ul className={styles.list}>
                  {items.map((tpl) => (
                    <li key={tpl.id} className={styles.item}>
                      <Link className={styles.name} href={`#/templates/${tpl.id}`}>{tpl.title}</Link>
                      {tpl.isDefault && <Badge appearance="tint" color="brand">{t('templates.default')}</Badge>}
                      <span className={styles.meta}>
                        {t('templates.meta', { name: tpl.name, locale: localeLabel(tpl.locale), version: tpl.currentVersion, date: formatDate(tpl.updatedAt) })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
      <UploadDialog
        open={uploading}
        onClose={() => setUploading(false)}
        onSaved={(saved) => {
          setUploading(false);
          notify(t('templates.created', { title: saved.title }));
          reload();
          navigate(`/templates/${saved.id}`);
        }}
      />
    </div>
  );
}
