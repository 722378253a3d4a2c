import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { t, type StringKey } from '../i18n/strings.js';

export type StepKey = 'file' | 'columns' | 'preview' | 'run' | 'result';
const STEPS: { key: StepKey; label: StringKey }[] = [
  { key: 'file', label: 'imports.step.file' },
  { key: 'columns', label: 'imports.step.columns' },
  { key: 'preview', label: 'imports.step.preview' },
  { key: 'run', label: 'imports.step.run' },
  { key: 'result', label: 'imports.step.result' },
];

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', listStyleType: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  item: { display: 'flex', alignItems: 'center', gap: '4px' },
  number: { display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: '18px', height: '18px', borderRadius: '50%', border: `1px solid ${tokens.colorNeutralStroke1}`, fontSize: tokens.fontSizeBase100 },
  done: { color: tokens.colorNeutralForeground2 },
  current: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  currentNumber: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: 'none' },
});

/** Where the user is in the import: five numbered steps, the current one marked for screen readers too. */
export function Steps({ current }: { current: StepKey }) {
  const styles = useStyles();
  const at = STEPS.findIndex((s) => s.key === current);
  return (
    <ol className={styles.list} aria-label={t('imports.steps')}>
      {STEPS.map((s, i) => (
        <li key={s.key} className={mergeClasses(styles.item, i < at && styles.done, i === at && styles.current)} aria-current={i === at ? 'step' : undefined}>
          <span className={mergeClasses(styles.number, i === at && styles.currentNumber)} aria-hidden>{i < at ? '✓' : i + 1}</span>
          {t(s.label)}
        </li>
      ))}
    </ol>
  );
}
