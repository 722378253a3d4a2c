import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { useFields } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { actionLabel, describeChanges, type AuditEntry } from './audit.js';

const PAGE = 20;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  entry: { padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { display: 'flex', flexWrap: 'wrap', gap: '4px 8px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  action: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  changes: { margin: '6px 0 0', display: 'grid', gridTemplateColumns: 'minmax(90px, max-content) 1fr', gap: '2px 12px', fontSize: tokens.fontSizeBase200 },
  pair: { display: 'contents' },
  label: { color: tokens.colorNeutralForeground3, margin: 0 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  old: { color: tokens.colorNeutralForeground3, textDecoration: 'line-through' },
  arrow: { color: tokens.colorNeutralForeground3, padding: '0 4px' },
  pager: { display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: '8px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  empty: { color: tokens.colorNeutralForeground3 },
});

/**
 * Who changed what and when, newest first: each change with its old and
 * new value, twenty entries a page.
 */
export function AuditHistory({ path, entity }: { path: string; entity: string }) {
  const styles = useStyles();
  const fields = useFields(entity);
  const { data, error, loading, reload } = useResource<{ items: AuditEntry[] }>(path);
  const [offset, setOffset] = useState(0);

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t('error.generic', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!data || !fields) return loading || !fields ? <Spinner label={t('app.loading')} /> : null;
  if (data.items.length === 0) return <p className={styles.empty}>{t('clients.audit.empty')}</p>;

  const items = data.items.slice(offset, offset + PAGE);
  return (
    <div className={styles.root}>
      <ol className={styles.list} aria-label={t('clients.audit.label')}>
        {items.map((entry) => {
          const changes = describeChanges(entry, fields);
          return (
            <li key={entry.id} className={styles.entry}>
              <div className={styles.head}>
                <span className={styles.action}>{actionLabel(entry.action)}</span>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                <span>{entry.userName ?? t('clients.audit.system')}</span>
              </div>
              {changes.length > 0 && (
                <dl className={styles.changes}>
                  {changes.map((c) => (
                    <div key={c.key} className={styles.pair}>
                      <dt className={styles.label}>{c.label}</dt>
                      <dd className={styles.value}>
                        {entry.action === 'create' ? (
                          c.new
                        ) : (
                          <>
                            {c.old ? <span className={styles.old}>{c.old}</span> : <span className={styles.arrow}>{t('clients.audit.empty.value')}</span>}
                            <span className={styles.arrow} aria-label={t('clients.audit.changedTo')}>→</span>
                            {c.new || <span className={styles.arrow}>{t('clients.audit.empty.value')}</span>}
                          </>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ol>
      {data.items.length > PAGE && (
        <div className={styles.pager}>
          <span aria-live="polite">{t('list.page', { from: offset + 1, to: offset + items.length, total: data.items.length })}</span>
          <Button size="small" icon={<ChevronLeft20Regular />} aria-label={t('list.prev')} disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} />
          <Button size="small" icon={<ChevronRight20Regular />} aria-label={t('list.next')} disabled={offset + PAGE >= data.items.length} onClick={() => setOffset(offset + PAGE)} />
        </div>
      )}
    </div>
  );
}
