import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { Fact } from '../records/Card.js';
import { formatMoney } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { decimalSign } from './decimal.js';

export interface Balance {
  currency: string;
  receivable: string;
  overdue: string;
  credit: string;
  balance: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: '8px 24px', alignItems: 'flex-end' },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * What the client owes, per currency: receivable (issued, unpaid), the part
 * of it past its due date, and unallocated payments kept as credit.
 */
export function BalanceFacts({ clientId }: { clientId: number }) {
  const styles = useStyles();
  const { data, error, loading, reload } = useResource<{ items: Balance[] }>(`/clients/${clientId}/balance`);
  if (error) {
    return (
      <div className={styles.root} role="group" aria-label={t('clients.balance.label')}>
        <span className={styles.quiet}>{t('clients.balance.failed')}</span>
        <Button size="small" onClick={reload}>{t('app.retry')}</Button>
      </div>
    );
  }
  if (!data) return loading ? <Spinner size="tiny" label={t('clients.balance.loading')} /> : null;
  return (
    <div className={styles.root} role="group" aria-label={t('clients.balance.label')}>
      {data.items.length === 0 && <Fact label={t('clients.balance.receivable')} value={t('clients.balance.nothing')} />}
      {data.items.map((b) => (
        <div key={b.currency} className={styles.root}>
          <Fact label={t('clients.balance.receivable')} value={formatMoney(b.receivable, b.currency)} />
          <Fact label={t('clients.balance.overdue')} value={formatMoney(b.overdue, b.currency)} intent={decimalSign(b.overdue) > 0 ? 'danger' : undefined} />
          {decimalSign(b.credit) !== 0 && <Fact label={t('clients.balance.credit')} value={formatMoney(b.credit, b.currency)} intent="success" />}
        </div>
      ))}
    </div>
  );
}
