import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, type ListPage } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { compareDecimals, isPositive, minDecimal, sumDecimals } from '../lines/decimal.js';
import { formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';

/**
 * When the client has paid more than they were billed (unallocated
 * payments in the invoice's currency), offers to apply that credit to this
 * invoice: the oldest payments first, up to what remains to pay.
 */
export function CreditOffer({ invoice, onApplied }: { invoice: RecordData; onApplied: (amount: string) => void }) {
  const [payments, setPayments] = useState<RecordData[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currency = String(invoice.currency);
  const remaining = String(invoice.remaining ?? '0');

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<ListPage<RecordData>>('/payments', { clientId: invoice.clientId, currency, hasCredit: 'true', sort: 'date,id', limit: 100 }, controller.signal)
      .then((p) => setPayments(p.items), () => setPayments([]));
    return () => controller.abort();
  }, [invoice.clientId, currency, invoice.version]);

  const credit = sumDecimals(payments.map((p) => String(p.unallocated ?? '0')));
  if (!isPositive(credit) || !isPositive(remaining)) return null;
  const applicable = minDecimal(credit, remaining);

  async function apply() {
    setBusy(true);
    setError(null);
    let left = remaining;
    let applied: string[] = [];
    try {
      for (const p of payments) {
        if (!isPositive(left)) break;
        const amount = minDecimal(String(p.unallocated), left);
        if (!isPositive(amount)) continue;
        await api.post(`/payments/${p.id}/allocations`, { allocations: [{ invoiceId: invoice.id, amount }] });
        applied = [...applied, amount];
        left = sumDecimals([left, `-${amount}`]);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      if (applied.length) onApplied(sumDecimals(applied));
    }
  }

  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        {t('invoices.credit', { amount: formatMoney(credit, currency) })}
        {error && <div role="alert">{error}</div>}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void apply()}>
          {busy ? t('invoices.creditBusy') : t('invoices.creditApply', { amount: formatMoney(compareDecimals(applicable, remaining) === 0 ? remaining : applicable, currency) })}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
