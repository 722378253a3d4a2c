import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { t, type StringKey } from '../i18n/strings.js';
import type { Counts as CountsData } from './api.js';
import { formatCount } from './format.js';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', gap: '8px', margin: 0 },
  item: { display: 'flex', flexDirection: 'column-reverse', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  failed: { color: tokens.colorPaletteRedForeground1 },
  held: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

const KEYS: { key: keyof CountsData; label: StringKey }[] = [
  { key: 'created', label: 'imports.counts.created' },
  { key: 'updated', label: 'imports.counts.updated' },
  { key: 'skipped', label: 'imports.counts.skipped' },
  { key: 'failed', label: 'imports.counts.failed' },
  { key: 'held', label: 'imports.counts.held' },
];

/** The result counts as a term/value list, so each number is read with its meaning. */
export function Counts({ counts }: { counts: CountsData }) {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label={t('imports.counts.title')}>
      {KEYS.map(({ key, label }) => (
        <div key={key} className={styles.item}>
          <dt className={styles.label}>{t(label)}</dt>
          <dd className={mergeClasses(styles.value, key === 'failed' && counts.failed > 0 && styles.failed, key === 'held' && counts.held > 0 && styles.held)}>{formatCount(counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
