import { MessageBar, MessageBarBody, Tab, TabList, Title3, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { t } from '../i18n/strings.js';
import { href, navigate } from '../shell/router.js';
import { useCan } from '../auth/can.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  tabs: { overflowX: 'auto' },
});

const PAGES = [
  { path: '/admin', label: 'admin.users' },
  { path: '/admin/fields', label: 'admin.fields' },
  { path: '/admin/event-types', label: 'eventTypes.tab' },
  { path: '/admin/reassign', label: 'reassign.tab' },
  { path: '/admin/microsoft', label: 'microsoft.admin.tab' },
] as const;

/** An administration page: heading, tabs, and a refusal for roles other than admin. */
export function AdminPage({ current, children }: { current: (typeof PAGES)[number]['path']; children: ReactNode }) {
  const styles = useStyles();
  const can = useCan();
  const allowed = current === '/admin' ? can('users', 'edit') : can('fields', 'edit');
  return (
    <div className={styles.page}>
      <Title3 as="h1">{t('admin.title')}</Title3>
      <TabList className={styles.tabs} size="small" selectedValue={current} onTabSelect={(_, d) => navigate(String(d.value))} aria-label={t('admin.title')}>
        {PAGES.map((p) => (
          <Tab key={p.path} value={p.path}>{t(p.label)}</Tab>
        ))}
      </TabList>
      {allowed ? (
        children
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>{t('admin.onlyAdmins')}</MessageBarBody>
        </MessageBar>
      )}
      {allowed && (
        <p>
          {t('admin.numberingHint')} <a href={href('/company')}>{t('nav.company')}</a>
        </p>
      )}
    </div>
  );
}
