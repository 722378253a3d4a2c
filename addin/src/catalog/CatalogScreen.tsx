import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown20Regular, ChevronUp20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { useCan } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { RecordList } from '../records/RecordList.js';
import { useResource } from '../records/useRecord.js';
import { navigate, useLocation } from '../shell/router.js';
import { useWide } from '../shell/useWide.js';
import { CatalogTabs } from './CatalogTabs.js';
import { CategoryPanel } from './CategoryPanel.js';
import { mainPrice } from './price.js';
import { categoryPath, type CategoryNode } from './tree.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  body: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  wide: { flexDirection: 'row', alignItems: 'flex-start' },
  side: { flex: '0 0 260px', minWidth: 0, position: 'sticky', top: 0 },
  main: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  toggle: { justifyContent: 'space-between', width: '100%' },
});

/**
 * #/catalog: the category tree beside the products of the selected
 * category (and its subcategories). In a narrow task pane the tree folds
 * away behind a button that names the current category.
 */
export function CatalogScreen() {
  const styles = useStyles();
  const can = useCan();
  const wide = useWide(900);
  const { query } = useLocation();
  const raw = query.get('category');
  const selected = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const tree = useResource<{ items: CategoryNode[] }>('/product-categories/tree');
  const [treeOpen, setTreeOpen] = useState(false);
  // Picking a category in the folded tree shows its products at once.
  useEffect(() => setTreeOpen(false), [selected]);
  const fixed = useMemo(() => (selected !== null ? { category: selected } : undefined), [selected]);
  const items = tree.data?.items;
  const path = items && selected !== null ? categoryPath(items, selected) : [];
  const heading = selected === null ? t('catalog.allProducts') : path.join(' › ') || t('catalog.category.unknown');
  const total = items ? items.reduce((n, c) => n + c.totalProductCount, 0) : null;

  const panel = <CategoryPanel tree={items} loading={tree.loading} error={tree.error} selected={selected} total={total} onChanged={tree.reload} />;

  return (
    <div className={styles.root}>
      <CatalogTabs current="/catalog" />
      <div className={mergeClasses(styles.body, wide && styles.wide)}>
        {wide ? (
          <div className={styles.side}>{panel}</div>
        ) : (
          <div>
            <Button
              className={styles.toggle}
              appearance="secondary"
              icon={treeOpen ? <ChevronUp20Regular /> : <ChevronDown20Regular />}
              iconPosition="after"
              aria-expanded={treeOpen}
              onClick={() => setTreeOpen((o) => !o)}
            >
              {t('catalog.categoryButton', { name: heading })}
            </Button>
            {treeOpen && panel}
          </div>
        )}
        <div className={styles.main}>
          <h2 className={styles.heading}>{heading}</h2>
          <RecordList
            entity="product"
            path="/products"
            listId="products"
            fixed={fixed}
            defaultColumns={['name', 'sku', 'unit', 'vatRate', 'categoryId', 'active']}
            defaultFilters={['kind', 'active']}
            extraColumns={[{ key: 'price', label: t('catalog.price'), render: mainPrice, numeric: true }]}
            rowHref={(r) => `#/catalog/products/${r.id}`}
            onNew={can('catalog', 'create') ? () => navigate('/catalog/products/new', { category: selected ?? undefined }) : undefined}
            newLabel={t('catalog.product.new')}
          />
        </div>
      </div>
    </div>
  );
}
