import { Tab, TabList, Title3, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { t } from '../i18n/strings.js';
import { navigate } from '../shell/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px' },
  tabs: { overflowX: 'auto' },
  page: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
});

const PAGES = [
  { path: '/catalog', label: 'catalog.products' },
  { path: '/catalog/price-types', label: 'catalog.priceTypes' },
  { path: '/catalog/client-categories', label: 'catalog.clientCategories' },
] as const;

/** The catalog's heading and its three pages: products, price types, client categories. */
export function CatalogTabs({ current }: { current: (typeof PAGES)[number]['path'] }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Title3 as="h1">{t('nav.catalog')}</Title3>
      <TabList className={styles.tabs} size="small" selectedValue={current} onTabSelect={(_, d) => navigate(String(d.value))} aria-label={t('nav.catalog')}>
        {PAGES.map((p) => (
          <Tab key={p.path} value={p.path}>{t(p.label)}</Tab>
        ))}
      </TabList>
    </div>
  );
}

/** A catalog page: the heading and tabs above its content. */
export function CatalogPage({ current, children }: { current: (typeof PAGES)[number]['path']; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <CatalogTabs current={current} />
      {children}
    </div>
  );
}
