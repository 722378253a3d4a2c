import { Button, Link, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { Delete20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { isPositive } from '../lines/decimal.js';
import { RecordDetails } from '../lines/RecordDetails.js';
import { can } from '../auth/can.js';
import { useRecordName } from '../lines/useRecordName.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatDate, formatDateTime, formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { AllocatePanel } from './AllocatePanel.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  h2: { margin: '0 0 8px', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  empty: { color: tokens.colorNeutralForeground3 },
  wrap: { overflowX: 'auto' },
});

interface Allocation {
  id: number;
  invoiceId: number;
  invoiceNumber: string | null;
  amount: string;
  createdAt: string;
}

/**
 * #/payments/:id — the amount, what is allocated to which invoices and
 * what is left as the client's credit; allocate the rest across the
 * client's open invoices or release an allocation.
 */
export function PaymentCard({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const payment = useResource(`/payments/${params.id}`);
  const [busy, setBusy] = useState<number | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const r = payment.data;
  const clientName = useRecordName(r ? `/clients/${String(r.clientId)}` : null);

  if (!r) return <CardState loading={payment.loading} error={payment.error} />;

  const currency = r.currency as string;
  const money = (v: unknown) => formatMoney(v as string, currency);
  const allocations = (r.allocations as Allocation[] | undefined) ?? [];
  const canEdit = can(user, 'payments', 'edit');

  async function release(a: Allocation) {
    setBusy(a.id);
    setError(null);
    try {
      payment.set(await api.delete<RecordData>(`/payments/${r!.id}/allocations/${a.id}`));
      notify(t('payments.released', { amount: money(a.amount) }));
    } catch (err) {
      setError((err as Error).message);
      if (err instanceof ApiError && err.status === 404) payment.reload();
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!window.confirm(t('payments.deleteConfirm'))) return;
    setBusy('delete');
    try {
      await api.delete(`/payments/${r!.id}`);
      notify(t('payments.deleted'));
      navigate('/payments', undefined, { replace: true });
    } catch (err) {
      setError((err as Error).message);
      setBusy(null);
    }
  }

  return (
    <Card
      back="/payments"
      title={t('payments.titleN', { amount: money(r.amount) })}
      subtitle={<>{clientName ? <Link href={`#/clients/${String(r.clientId)}`}>{clientName}</Link> : '…'}{r.date ? `, ${formatDate(r.date as string)}` : ''}{r.reference ? ` · ${String(r.reference)}` : ''}</>}
      actions={
        <>
          {canEdit && <Button icon={<Edit20Regular />} onClick={() => navigate(`/payments/${r.id}/edit`)}>{t('form.edit')}</Button>}
          {can(user, 'payments', 'delete') && (
            <Button icon={busy === 'delete' ? <Spinner size="tiny" /> : <Delete20Regular />} disabled={busy !== null} onClick={() => void remove()}>{t('form.delete')}</Button>
          )}
        </>
      }
      facts={
        <>
          <Fact label={t('payments.amount')} value={money(r.amount)} />
          <Fact label={t('payments.allocated')} value={money(r.allocated)} />
          <Fact label={t('payments.unallocated')} value={isPositive(r.unallocated as string) ? money(r.unallocated) : t('payments.fullyAllocated')} intent={isPositive(r.unallocated as string) ? 'success' : undefined} />
        </>
      }
    >
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.stack}>
        {canEdit && isPositive(r.unallocated as string) && (
          <Panel>
            <AllocatePanel
              payment={r}
              clientName={clientName}
              onAllocated={(amount) => {
                if (isPositive(amount)) notify(t('payments.allocated.toast', { amount: money(amount) }));
                payment.reload();
              }}
            />
          </Panel>
        )}
        <Panel>
          <h2 className={styles.h2}>{t('payments.allocations')}</h2>
          {allocations.length === 0 ? (
            <span className={styles.empty}>{t('payments.allocationsEmpty')}</span>
          ) : (
            <div className={styles.wrap}>
              <Table size="small" aria-label={t('payments.allocations')}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('payments.invoice')}</TableHeaderCell>
                    <TableHeaderCell>{t('payments.appliedOn')}</TableHeaderCell>
                    <TableHeaderCell className={styles.numeric}>{t('payments.amountApplied')}</TableHeaderCell>
                    <TableHeaderCell aria-label={t('payments.release')} />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {allocations.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell><Link href={`#/invoices/${a.invoiceId}`}>{a.invoiceNumber ?? `#${a.invoiceId}`}</Link></TableCell>
                      <TableCell>{formatDateTime(a.createdAt)}</TableCell>
                      <TableCell className={styles.numeric}>{money(a.amount)}</TableCell>
                      <TableCell>
                        {canEdit && (
                          <Button size="small" disabled={busy !== null} aria-label={t('payments.releaseLabel', { amount: money(a.amount), number: a.invoiceNumber ?? `#${a.invoiceId}` })} onClick={() => void release(a)}>
                            {busy === a.id ? <Spinner size="tiny" /> : t('payments.release')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </Panel>
        <Panel>
          <h2 className={styles.h2}>{t('payments.tab.details')}</h2>
          <RecordDetails entity="payment" record={r} exclude={['amount', 'allocated', 'unallocated']} />
        </Panel>
      </div>
    </Card>
  );
}
