import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { formatDecimal, formatMoney } from '../records/format.js';
import { useWide } from '../shell/useWide.js';
import { totalsByRate, type VatMode } from './amounts.js';
import { decimalsOf } from './decimal.js';
import type { Line } from './draft.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  wrap: { overflowX: 'auto' },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  descriptionHead: { width: '36%' },
  cards: { display: 'flex', flexDirection: 'column', gap: '6px', margin: 0, padding: 0, listStyle: 'none' },
  card: { padding: '6px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  cardTitle: { fontWeight: tokens.fontWeightSemibold, display: 'block', overflowWrap: 'anywhere' },
  cardLine: { display: 'flex', justifyContent: 'space-between', gap: '8px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  totals: { display: 'grid', gridTemplateColumns: 'auto auto', justifyContent: 'end', gap: '2px 16px', fontVariantNumeric: 'tabular-nums', margin: 0 },
  term: { color: tokens.colorNeutralForeground2, textAlign: 'right' },
  value: { textAlign: 'right', margin: 0 },
  grand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  empty: { color: tokens.colorNeutralForeground3 },
});

/**
 * Saved lines with the document's totals: net, VAT per rate (what a tax
 * invoice prints) and the total, all as the server computed them.
 */
export function LinesView(props: {
  lines: Line[];
  currency: string | null;
  vatMode: VatMode;
  netTotal: string;
  vatTotal: string;
  total: string;
  /** The company's VAT rounding rule, when known. */
  rounding?: 'line' | 'document';
  /** Extra rows below the total (paid, remaining). */
  after?: { label: string; value: string; strong?: boolean; intent?: 'danger' | 'success' }[];
}) {
  const styles = useStyles();
  const wide = useWide(700);
  const money = (v: string) => formatMoney(v, props.currency);
  const scale = decimalsOf(props.total);
  const rates = totalsByRate(props.lines, props.vatTotal, props.vatMode, scale, props.rounding);
  const amount = (l: Line) => (props.vatMode === 'inclusive' ? l.gross : l.net);
  const discount = (l: Line) => (l.discount && l.discount !== '0' ? `${formatDecimal(l.discount)} %` : '');

  return (
    <div className={styles.root}>
      {props.lines.length === 0 && <span className={styles.empty}>{t('lines.none')}</span>}
      {props.lines.length > 0 && wide && (
        <div className={styles.wrap}>
          <Table size="small" aria-label={t('lines.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.descriptionHead}>{t('lines.description')}</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>{t('lines.quantity')}</TableHeaderCell>
                <TableHeaderCell>{t('lines.unit')}</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>{t('lines.price')}</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>{t('lines.discount')}</TableHeaderCell>
                {props.vatMode !== 'none' && <TableHeaderCell className={styles.numeric}>{t('lines.vatRate')}</TableHeaderCell>}
                <TableHeaderCell className={styles.numeric}>{props.vatMode === 'inclusive' ? t('lines.amountGross') : t('lines.amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {props.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{l.description}</TableCell>
                  <TableCell className={styles.numeric}>{formatDecimal(l.quantity)}</TableCell>
                  <TableCell>{l.unit}</TableCell>
                  <TableCell className={styles.numeric}>{money(l.price)}</TableCell>
                  <TableCell className={styles.numeric}>{discount(l)}</TableCell>
                  {props.vatMode !== 'none' && <TableCell className={styles.numeric}>{formatDecimal(l.vatRate)} %</TableCell>}
                  <TableCell className={styles.numeric}>{money(amount(l))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {props.lines.length > 0 && !wide && (
        <ul className={styles.cards} aria-label={t('lines.title')}>
          {props.lines.map((l) => (
            <li key={l.id} className={styles.card}>
              <span className={styles.cardTitle}>{l.description}</span>
              <span className={styles.cardLine}>
                <span>{formatDecimal(l.quantity)} {l.unit} × {money(l.price)}{discount(l) ? ` − ${discount(l)}` : ''}</span>
                <span>{money(amount(l))}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <dl className={styles.totals} aria-label={t('lines.totals')}>
        {props.vatMode !== 'none' && (
          <>
            <dt className={styles.term}>{t('lines.net')}</dt>
            <dd className={styles.value}>{money(props.netTotal)}</dd>
            {rates.map((r) => (
              <span key={r.vatRate} style={{ display: 'contents' }}>
                <dt className={styles.term}>{t('lines.vatAt', { rate: formatDecimal(r.vatRate), base: money(r.net) })}</dt>
                <dd className={styles.value}>{money(r.vat)}</dd>
              </span>
            ))}
          </>
        )}
        <dt className={`${styles.term} ${styles.grand}`}>{props.vatMode === 'none' ? t('lines.totalNoVat') : t('lines.total')}</dt>
        <dd className={`${styles.value} ${styles.grand}`}>{money(props.total)}</dd>
        {props.after?.map((a) => (
          <span key={a.label} style={{ display: 'contents' }}>
            <dt className={`${styles.term} ${a.strong ? styles.grand : ''}`}>{a.label}</dt>
            <dd className={`${styles.value} ${a.strong ? styles.grand : ''}`} style={{ color: a.intent === 'danger' ? tokens.colorPaletteRedForeground1 : a.intent === 'success' ? tokens.colorPaletteGreenForeground1 : undefined }}>{money(a.value)}</dd>
          </span>
        ))}
      </dl>
    </div>
  );
}
