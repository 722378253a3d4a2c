import { Badge, Input, Tree, TreeItem, TreeItemLayout, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useId, useMemo, useState } from 'react';
import { t } from '../i18n/strings.js';
import { filterEntries, type FieldEntry } from './tags.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  box: { maxHeight: '320px', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}` },
  flat: { listStyle: 'none', margin: 0, padding: '2px' },
  flatItem: {
    display: 'flex', flexDirection: 'column', alignItems: 'flex-start', width: '100%', textAlign: 'left', padding: '4px 8px', border: 'none', background: 'none', cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, fontFamily: 'inherit', fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold },
  trail: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  none: { padding: '8px', color: tokens.colorNeutralForeground3, margin: 0 },
});

/**
 * Every merge field of a record type as a tree (the record, its lines,
 * related records, our company), or — while the filter box has text — the
 * matching fields as one list with where each sits. Choosing one shows it
 * in the details below the tree, where it is inserted.
 */
export function FieldTree({ entries, selected, onSelect }: { entries: FieldEntry[]; selected: string | null; onSelect: (e: FieldEntry) => void }) {
  const styles = useStyles();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const matches = useMemo(() => (filter.trim() ? filterEntries(entries, filter) : null), [entries, filter]);

  const item = (e: FieldEntry) => (
    <TreeItem key={e.id} value={e.id} itemType={e.children.length ? 'branch' : 'leaf'} onClick={() => onSelect(e)} aria-selected={selected === e.id}>
      <TreeItemLayout className={selected === e.id ? styles.selected : undefined} aside={e.custom ? <Badge size="small" appearance="outline">{t('word.fields.custom')}</Badge> : undefined}>
        {e.label}
      </TreeItemLayout>
      {e.children.length > 0 && <Tree>{e.children.map(item)}</Tree>}
    </TreeItem>
  );

  return (
    <div className={styles.root}>
      <label htmlFor={filterId} className={styles.trail}>{t('word.fields.filterLabel')}</label>
      <Input id={filterId} contentBefore={<Search20Regular />} value={filter} onChange={(_, d) => setFilter(d.value)} placeholder={t('word.fields.filterPlaceholder')} />
      <div className={styles.box}>
        {matches === null ? (
          <Tree aria-label={t('word.fields.tree')}>{entries.map(item)}</Tree>
        ) : matches.length === 0 ? (
          <p className={styles.none} role="status">{t('word.fields.noMatch', { q: filter.trim() })}</p>
        ) : (
          <ul className={styles.flat} aria-label={t('word.fields.matches')}>
            {matches.map((e) => (
              <li key={e.id}>
                <button type="button" className={mergeClasses(styles.flatItem, selected === e.id && styles.selected)} aria-pressed={selected === e.id} onClick={() => onSelect(e)}>
                  <span>{e.label}</span>
                  {e.trail.length > 0 && <span className={styles.trail}>{e.trail.join(' › ')}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
