import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: '8px 4px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', padding: '0 8px 4px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  count: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  list: { margin: 0, padding: 0, listStyleType: 'none' },
  empty: { margin: 0, padding: '8px', color: tokens.colorNeutralForeground3 },
});

/** A block of the Today view: a heading with the count, the items, or a sentence saying what to do when empty. */
export function Section(props: { title: string; count: number; empty: ReactNode; action?: ReactNode; children: ReactNode; id: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={props.id}>
      <div className={styles.head}>
        <h2 className={styles.title} id={props.id}>
          {props.title} {props.count > 0 && <span className={styles.count}>({props.count})</span>}
        </h2>
        {props.action}
      </div>
      {props.count === 0 ? <p className={styles.empty}>{props.empty}</p> : <ul className={styles.list}>{props.children}</ul>}
    </section>
  );
}
