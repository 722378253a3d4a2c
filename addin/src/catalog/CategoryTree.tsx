import { Button, CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import type { CategoryNode } from './tree.js';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  nested: { paddingLeft: '16px' },
  row: { display: 'flex', alignItems: 'center', gap: '2px', minWidth: 0 },
  toggle: { minWidth: '24px', width: '24px', flex: '0 0 auto' },
  spacer: { width: '24px', flex: '0 0 auto' },
  link: {
    flex: '1 1 auto', minWidth: 0, display: 'flex', alignItems: 'center', gap: '6px', padding: '5px 8px', borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1, textDecoration: 'none', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  name: { flex: '1 1 auto', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
});

/**
 * The category tree as links (#/catalog?category=…): Tab and Enter work,
 * a link can be opened in a new tab, and the choice survives a reload.
 * Branches fold with their own button.
 */
export function CategoryTree({ nodes, selected, total }: { nodes: CategoryNode[]; selected: number | null; total: number | null }) {
  const styles = useStyles();
  const [closed, setClosed] = useState<Set<number>>(new Set());

  function toggle(id: number) {
    setClosed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function branch(list: CategoryNode[], nested: boolean) {
    return (
      <ul className={mergeClasses(styles.list, nested && styles.nested)}>
        {list.map((node) => {
          const open = !closed.has(node.id);
          const current = node.id === selected;
          return (
            <li key={node.id}>
              <div className={styles.row}>
                {node.children.length ? (
                  <Button
                    className={styles.toggle}
                    appearance="transparent"
                    size="small"
                    icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
                    aria-expanded={open}
                    aria-label={t(open ? 'catalog.tree.collapse' : 'catalog.tree.expand', { name: node.name })}
                    onClick={() => toggle(node.id)}
                  />
                ) : (
                  <span className={styles.spacer} />
                )}
                <a className={mergeClasses(styles.link, current && styles.current)} href={href('/catalog', { category: node.id })} aria-current={current ? 'true' : undefined}>
                  <span className={styles.name}>{node.name}</span>
                  <CounterBadge count={node.totalProductCount} showZero appearance="ghost" color="informative" size="small" aria-label={t('catalog.tree.count', { count: node.totalProductCount })} />
                </a>
              </div>
              {open && node.children.length > 0 && branch(node.children, true)}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <nav aria-label={t('catalog.categories')}>
      <ul className={styles.list}>
        <li className={styles.row}>
          <span className={styles.spacer} />
          <a className={mergeClasses(styles.link, selected === null && styles.current)} href={href('/catalog')} aria-current={selected === null ? 'true' : undefined}>
            <span className={styles.name}>{t('catalog.allProducts')}</span>
            {total !== null && <CounterBadge count={total} showZero appearance="ghost" color="informative" size="small" />}
          </a>
        </li>
      </ul>
      {nodes.length ? branch(nodes, false) : null}
    </nav>
  );
}
