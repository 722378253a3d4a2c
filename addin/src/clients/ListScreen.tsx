import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ComponentProps } from 'react';
import { countText } from './count.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  count: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase300 },
  empty: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px' },
});

/**
 * A list page: its title with the record count, the list, and an empty
 * state that offers to add the first record where the user may.
 */
export function ListScreen({ title, countLabel, empty, addFirst, newPath, ...list }: Omit<ComponentProps<typeof RecordList>, 'onNew' | 'onLoaded' | 'emptyText'> & {
  title: string;
  countLabel: (count: string) => string;
  empty: string;
  addFirst: string;
  /** Where "new" leads; undefined when the user may not create. */
  newPath: string | undefined;
}) {
  const styles = useStyles();
  const [count, setCount] = useState<string | null>(null);
  const create = newPath === undefined ? undefined : () => navigate(newPath);
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{title}</h1>
        {count !== null && <span className={styles.count} aria-label={countLabel(count)}>{count}</span>}
      </div>
      <RecordList
        {...list}
        onNew={create}
        onLoaded={(p) => setCount(countText(p))}
        emptyText={
          <span className={styles.empty}>
            <span>{empty}</span>
            {create && <Button appearance="primary" onClick={create}>{addFirst}</Button>}
          </span>
        }
      />
    </div>
  );
}
