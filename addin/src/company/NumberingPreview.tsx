import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { formatDocumentNumber, numberFormatProblem } from './numbering.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px', padding: '8px 12px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3 },
  line: { overflowWrap: 'anywhere' },
  sample: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

const FORMATS = [
  { key: 'invoiceNumberFormat', label: 'company.numbering.invoice' },
  { key: 'contractNumberFormat', label: 'company.numbering.contract' },
] as const;

/** What the next documents' numbers will look like with the formats being typed. */
export function NumberingPreview({ values }: { values: Record<string, unknown> }) {
  const styles = useStyles();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className={styles.root} aria-live="polite">
      {FORMATS.map(({ key, label }) => {
        const format = typeof values[key] === 'string' ? (values[key] as string) : '';
        if (!format) return null;
        const problem = numberFormatProblem(format);
        return (
          <span key={key} className={styles.line}>
            {t(label)}:{' '}
            {problem ? <span className={styles.problem}>{problem}</span> : <span className={styles.sample}>{formatDocumentNumber(format, 42, today)}</span>}
          </span>
        );
      })}
      <Caption1>{t('company.numbering.help')}</Caption1>
    </div>
  );
}
