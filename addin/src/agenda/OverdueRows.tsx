import { Badge, Link, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate, formatMoney } from '../records/format.js';
import { t } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import type { ContractItem, InvoiceItem } from './types.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'baseline', justifyContent: 'space-between', flexWrap: 'wrap', padding: '6px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  main: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  strong: { fontWeight: tokens.fontWeightSemibold },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  money: { fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1, whiteSpace: 'nowrap' },
});

/** An unpaid invoice past its due date: number, client, what is still owed. */
export function InvoiceRow({ invoice: i }: { invoice: InvoiceItem }) {
  const styles = useStyles();
  return (
    <li className={styles.row}>
      <span className={styles.main}>
        <Link className={styles.strong} href={href(`/invoices/${i.id}`)}>{t('agenda.invoice', { number: i.number })}</Link>
        <span className={styles.meta}>
          <Link href={href(`/clients/${i.clientId}`)}>{i.clientName}</Link> · {t('agenda.dueSince', { date: formatDate(i.dueDate) })}
        </span>
      </span>
      <span className={styles.money}>{formatMoney(i.remaining, i.currency)}</span>
    </li>
  );
}

/** A contract inside its notice period: it ends (or renews itself) soon. */
export function ContractRow({ contract: c }: { contract: ContractItem }) {
  const styles = useStyles();
  return (
    <li className={styles.row}>
      <span className={styles.main}>
        <Link className={styles.strong} href={href(`/contracts/${c.id}`)}>{t('agenda.contract', { number: c.number })}</Link>
        <span className={styles.meta}>
          <Link href={href(`/clients/${c.clientId}`)}>{c.clientName}</Link> · {t('agenda.endsOn', { date: formatDate(c.endDate) })}
        </span>
      </span>
      {c.autoRenew ? <Badge appearance="tint" color="informative">{t('agenda.renews')}</Badge> : <Badge appearance="tint" color="warning">{t('agenda.ends')}</Badge>}
    </li>
  );
}
