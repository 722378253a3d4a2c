import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { formatDate, formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  list: { margin: '4px 0 0', paddingLeft: '20px' },
});

interface Allocation {
  id: number;
  paymentId: number;
  paymentDate: string;
  amount: string;
}

/**
 * Cancels an issued invoice. While payments are applied to it the server
 * answers invoice_has_payments; the dialog then lists them, explains that
 * releasing returns them to the client's credit, and offers to do both.
 */
export function CancelDialog({ invoice, onClose, onCancelled }: { invoice: RecordData; onClose: () => void; onCancelled: (r: RecordData) => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hasPayments, setHasPayments] = useState(false);
  const allocations = (invoice.allocations as Allocation[] | undefined) ?? [];
  const currency = invoice.currency as string;

  async function cancel(releasePayments: boolean) {
    setBusy(true);
    setError(null);
    try {
      onCancelled(await api.post<RecordData>(`/invoices/${invoice.id}/cancel`, { version: invoice.version, ...(releasePayments ? { releasePayments: true } : {}) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invoice_has_payments') setHasPayments(true);
      else if (err instanceof ApiError && err.code === 'version_conflict') setError(t('form.conflict'));
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const number = String(invoice.number ?? `#${invoice.id}`);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('invoices.cancelTitle', { number })}</DialogTitle>
          <DialogContent className={styles.content}>
            <span>{t('invoices.cancelIntro')}</span>
            {error && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {hasPayments && (
              <MessageBar intent="warning" layout="multiline" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>{t('invoices.hasPayments')}</MessageBarTitle>
                  <ul className={styles.list}>
                    {allocations.map((a) => (
                      <li key={a.id}>
                        <a href={`#/payments/${a.paymentId}`}>{t('invoices.paymentLine', { date: formatDate(a.paymentDate), amount: formatMoney(a.amount, currency) })}</a>
                      </li>
                    ))}
                  </ul>
                  {t('invoices.hasPaymentsHelp')}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {hasPayments ? (
              <Button appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void cancel(true)}>
                {busy ? t('invoices.cancelBusy') : t('invoices.releaseAndCancel')}
              </Button>
            ) : (
              <Button appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void cancel(false)}>
                {busy ? t('invoices.cancelBusy') : t('invoices.cancelSubmit')}
              </Button>
            )}
            <Button onClick={onClose} disabled={busy}>{t('invoices.cancelKeep')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
