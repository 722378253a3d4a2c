import { Button, Link, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { Delete20Regular, DismissCircle20Regular, Edit20Regular, Money20Regular, Send20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import type { VatMode } from '../lines/amounts.js';
import { isPositive } from '../lines/decimal.js';
import type { Line } from '../lines/draft.js';
import { LinesView } from '../lines/LinesView.js';
import { useRecordName } from '../lines/useRecordName.js';
import { useRounding } from '../lines/useRounding.js';
import { RecordDetails } from '../lines/RecordDetails.js';
import { can } from '../auth/can.js';
import { StateBadge } from '../lines/StateBadge.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatDate, formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { PrintMenu } from '../documents/PrintMenu.js';
import { RecordDocuments } from '../documents/RecordDocuments.js';
import { CancelDialog } from './CancelDialog.js';
import { CreditOffer } from './CreditOffer.js';
import { PaymentDialog } from './PaymentDialog.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  h2: { margin: '0 0 8px', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  empty: { color: tokens.colorNeutralForeground3 },
  wrap: { overflowX: 'auto' },
});

interface Allocation {
  id: number;
  paymentId: number;
  paymentDate: string;
  amount: string;
  createdAt: string;
}

/**
 * #/invoices/:id — lines and totals, what is paid and what remains, and the
 * actions that move an invoice along: issue, record a payment, apply the
 * client's credit, cancel.
 */
export function InvoiceCard({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const invoice = useResource(`/invoices/${params.id}`);
  const [dialog, setDialog] = useState<'payment' | 'cancel' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ message: string; conflict: boolean } | null>(null);
  const r = invoice.data;
  const rounding = useRounding(r?.companyId);
  const clientName = useRecordName(r ? `/clients/${String(r.clientId)}` : null);
  const contractName = useRecordName(r && typeof r.contractId === 'number' ? `/contracts/${r.contractId}` : null);

  if (!r) return <CardState loading={invoice.loading} error={invoice.error} />;

  const currency = r.currency as string;
  const state = r.state as string;
  const money = (v: unknown) => formatMoney(v as string, currency);
  const open = r.status === 'issued' && isPositive(r.remaining as string);
  const allocations = (r.allocations as Allocation[] | undefined) ?? [];
  const title = r.number ? t('invoices.titleN', { number: String(r.number) }) : t('invoices.draftTitle');

  async function act(name: string, run: () => Promise<RecordData | void>, done?: (r: RecordData | void) => string) {
    setBusy(name);
    setActionError(null);
    try {
      const result = await run();
      if (done) notify(done(result));
      if (result) invoice.set(result);
      else invoice.reload();
    } catch (err) {
      const conflict = err instanceof ApiError && err.code === 'version_conflict';
      const lines = err instanceof ApiError ? err.details.filter((d) => d.field?.startsWith('lines')).map((d) => d.message) : [];
      setActionError({ message: conflict ? t('form.conflict') : [(err as Error).message, ...lines].join(' '), conflict });
    } finally {
      setBusy(null);
    }
  }

  const issue = () => act('issue', () => api.post<RecordData>(`/invoices/${r.id}/issue`, { version: r.version }), (x) => t('invoices.issued', { number: String((x as RecordData).number) }));
  const remove = () => {
    if (!window.confirm(t('invoices.deleteConfirm'))) return;
    void act('delete', async () => {
      await api.delete(`/invoices/${r.id}`);
      notify(t('invoices.deleted'));
      navigate('/invoices', undefined, { replace: true });
    });
  };
  const release = (a: Allocation) =>
    act(`release-${a.id}`, async () => {
      await api.delete(`/payments/${a.paymentId}/allocations/${a.id}`);
    }, () => t('invoices.released', { amount: money(a.amount) }));

  const actions = (
    <>
      {r.status === 'draft' && can(user, 'invoices', 'edit') && (
        <Button appearance="primary" icon={busy === 'issue' ? <Spinner size="tiny" /> : <Send20Regular />} disabled={!!busy} onClick={() => void issue()}>
          {busy === 'issue' ? t('invoices.issueBusy') : t('invoices.issue')}
        </Button>
      )}
      {open && can(user, 'payments', 'create') && (
        <Button appearance="primary" icon={<Money20Regular />} disabled={!!busy} onClick={() => setDialog('payment')}>{t('invoices.recordPayment')}</Button>
      )}
      <PrintMenu recordType="invoice" recordId={r.id} />
      {r.status !== 'cancelled' && can(user, 'invoices', 'edit') && (
        <Button icon={<Edit20Regular />} disabled={!!busy} onClick={() => navigate(`/invoices/${r.id}/edit`)}>{t('form.edit')}</Button>
      )}
      {r.status === 'issued' && can(user, 'invoices', 'edit') && (
        <Button icon={<DismissCircle20Regular />} disabled={!!busy} onClick={() => setDialog('cancel')}>{t('invoices.cancel')}</Button>
      )}
      {r.status === 'draft' && can(user, 'invoices', 'delete') && (
        <Button icon={<Delete20Regular />} disabled={!!busy} onClick={remove}>{t('form.delete')}</Button>
      )}
    </>
  );

  const allocationsPanel = (
    <Panel>
      <h2 className={styles.h2}>{t('invoices.allocations')}</h2>
      {allocations.length === 0 ? (
        <span className={styles.empty}>{t('invoices.allocationsEmpty')}</span>
      ) : (
        <div className={styles.wrap}>
          <Table size="small" aria-label={t('invoices.allocations')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('invoices.allocationDate')}</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>{t('invoices.allocationAmount')}</TableHeaderCell>
                <TableHeaderCell aria-label={t('invoices.release')} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {allocations.map((a) => (
                <TableRow key={a.id}>
                  <TableCell><Link href={`#/payments/${a.paymentId}`}>{t('invoices.paymentOf', { date: formatDate(a.paymentDate) })}</Link></TableCell>
                  <TableCell className={styles.numeric}>{money(a.amount)}</TableCell>
                  <TableCell>
                    {can(user, 'payments', 'edit') && r.status === 'issued' && (
                      <Button size="small" disabled={!!busy} aria-label={t('invoices.releaseLabel', { date: formatDate(a.paymentDate) })} onClick={() => void release(a)}>
                        {t('invoices.release')}
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
  );

  const paidRows = r.status === 'draft' ? [] : [
    { label: t('invoices.paid'), value: r.paid as string },
    { label: t('invoices.remaining'), value: r.remaining as string, strong: true, intent: state === 'overdue' ? ('danger' as const) : undefined },
  ];

  return (
    <>
      <Card
        back="/invoices"
        title={<>{title} <StateBadge kind="invoices" state={state} /></>}
        subtitle={
          <>
            {clientName ? <Link href={`#/clients/${String(r.clientId)}`}>{clientName}</Link> : '…'}
            {typeof r.contractId === 'number' && <> · {t('invoices.contract')} <Link href={`#/contracts/${r.contractId}`}>{contractName ?? `#${r.contractId}`}</Link></>}
          </>
        }
        actions={actions}
        facts={
          <>
            <Fact label={t('invoices.total')} value={money(r.total)} />
            {r.status !== 'draft' && <Fact label={t('invoices.paid')} value={money(r.paid)} intent={state === 'paid' ? 'success' : undefined} />}
            {r.status === 'issued' && <Fact label={t('invoices.remaining')} value={money(r.remaining)} intent={state === 'overdue' ? 'danger' : undefined} />}
            <Fact label={t('invoices.dueDate')} value={formatDate(r.dueDate as string)} intent={state === 'overdue' ? 'danger' : undefined} />
          </>
        }
      >
        {actionError && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              {actionError.message}{' '}
              {actionError.conflict && <Button size="small" onClick={() => { setActionError(null); invoice.reload(); }}>{t('form.conflictReload')}</Button>}
            </MessageBarBody>
          </MessageBar>
        )}
        {r.status === 'draft' && (
          <MessageBar intent="info">
            <MessageBarBody>{t('invoices.draftHint')}</MessageBarBody>
          </MessageBar>
        )}
        {open && can(user, 'payments', 'edit') && (
          <CreditOffer invoice={r} onApplied={(amount) => { notify(t('invoices.creditApplied', { amount: money(amount) })); invoice.reload(); }} />
        )}
        <div className={styles.stack}>
          <Panel>
            <h2 className={styles.h2}>{t('lines.title')}</h2>
            <LinesView lines={(r.lines as Line[]) ?? []} currency={currency} vatMode={(r.vatMode as VatMode) ?? 'exclusive'} netTotal={r.netTotal as string} vatTotal={r.vatTotal as string} total={r.total as string} rounding={rounding} after={paidRows} />
          </Panel>
          {r.status !== 'draft' && allocationsPanel}
          <Panel>
            <h2 className={styles.h2}>{t('invoices.details')}</h2>
            <RecordDetails entity="invoice" record={r} exclude={['netTotal', 'vatTotal', 'total', 'paid', 'remaining']} />
          </Panel>
          <Panel>
            <h2 className={styles.h2}>{t('documents.list.title')}</h2>
            <RecordDocuments recordType="invoice" recordId={r.id} />
          </Panel>
        </div>
      </Card>
      {dialog === 'payment' && (
        <PaymentDialog
          invoice={r}
          onClose={() => setDialog(null)}
          onSaved={(amount) => {
            setDialog(null);
            notify(t('invoices.paymentSaved', { amount: money(amount) }));
            invoice.reload();
          }}
        />
      )}
      {dialog === 'cancel' && (
        <CancelDialog
          invoice={r}
          onClose={() => setDialog(null)}
          onCancelled={(x) => {
            setDialog(null);
            notify(t('invoices.cancelled'));
            invoice.set(x);
          }}
        />
      )}
    </>
  );
}
