import {
  Button, Caption1, Field, Input, Link, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, ApiError, type ListPage } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { compareDecimals, currencyScale, fromScaled, isPositive, minDecimal, normalizeDecimal, parseScaled, sumDecimals, toScaled } from '../lines/decimal.js';
import { StateBadge } from '../lines/StateBadge.js';
import { formatDate, formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';
import { useWide } from '../shell/useWide.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  amountCell: { width: '230px' },
  // Fluent inputs keep a minimum width of their own; here they share the cell with the Fill button.
  amountField: { flex: '1 1 auto', minWidth: 0 },
  amountInput: { minWidth: 0, width: '100%' },
  amountRow: { display: 'flex', gap: '4px', alignItems: 'flex-start' },
  card: { display: 'flex', flexDirection: 'column', gap: '6px', padding: '8px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  cardHead: { display: 'flex', justifyContent: 'space-between', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  cardFacts: { display: 'flex', justifyContent: 'space-between', gap: '8px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  sum: { fontVariantNumeric: 'tabular-nums' },
  sumError: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  empty: { color: tokens.colorNeutralForeground3 },
});

/**
 * Spreads a payment's unallocated amount over the client's open invoices
 * in its currency: an amount per invoice, checked as it is typed against
 * what the invoice still needs and what the payment has left, or the
 * server's automatic "oldest due first".
 */
export function AllocatePanel({ payment, clientName, onAllocated }: { payment: RecordData; clientName: string | null; onAllocated: (amount: string) => void }) {
  const styles = useStyles();
  const wide = useWide(700);
  const currency = String(payment.currency);
  const scale = currencyScale(currency);
  const free = String(payment.unallocated ?? '0');
  const [invoices, setInvoices] = useState<RecordData[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [amounts, setAmounts] = useState<Record<number, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<number, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState<'manual' | 'auto' | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    api
      .get<ListPage<RecordData>>('/invoices', { clientId: payment.clientId, currency, status: 'issued', sort: 'dueDate,id', limit: 200 }, controller.signal)
      .then((p) => setInvoices(p.items.filter((i) => isPositive(i.remaining as string))))
      .catch((err: Error) => err.name !== 'AbortError' && setLoadError(err.message));
    return () => controller.abort();
  }, [payment.clientId, currency, payment.version, tick]);

  function rowError(inv: RecordData): string | null {
    const text = amounts[inv.id] ?? '';
    if (!text.trim()) return null;
    const p = parseScaled(text, scale);
    if (!p.ok) return p.reason === 'too_many_decimals' ? t('invoices.amountDecimals', { n: scale, currency }) : t('form.invalidMoney');
    if (p.value <= 0n) return t('invoices.amountPositive');
    if (p.value > toScaled(inv.remaining as string, scale)) return t('payments.exceedsRemaining', { amount: formatMoney(inv.remaining as string, currency) });
    return null;
  }

  const entered = (invoices ?? []).filter((i) => (amounts[i.id] ?? '').trim() !== '');
  const valid = entered.every((i) => !rowError(i));
  const sum = valid ? fromScaled(entered.reduce((acc, i) => acc + toScaled(normalizeDecimal(amounts[i.id]!), scale), 0n), scale) : null;
  const overPayment = sum !== null && compareDecimals(sum, free) > 0;

  function setAmount(id: number, value: string) {
    setAmounts((a) => ({ ...a, [id]: value }));
    setServerErrors((e) => {
      const { [id]: _, ...rest } = e;
      return rest;
    });
  }

  /** What this invoice can take: its remaining amount, at most what the other rows leave of the payment. */
  function fill(inv: RecordData) {
    const others = (invoices ?? []).filter((i) => i.id !== inv.id && (amounts[i.id] ?? '').trim() && !rowError(i));
    const left = sumDecimals([free, ...others.map((i) => `-${normalizeDecimal(amounts[i.id]!)}`)]);
    const amount = minDecimal(String(inv.remaining), left);
    setAmount(inv.id, isPositive(amount) ? amount : '');
  }

  async function submit(auto: boolean) {
    setBusy(auto ? 'auto' : 'manual');
    setGeneral(null);
    setServerErrors({});
    const requested = auto ? [] : entered;
    try {
      const body = auto ? { auto: true } : { allocations: requested.map((i) => ({ invoiceId: i.id, amount: normalizeDecimal(amounts[i.id]!) })) };
      const saved = await api.post<RecordData>(`/payments/${payment.id}/allocations`, body);
      const amount = sumDecimals([String(saved.allocated), `-${String(payment.allocated)}`]);
      setAmounts({});
      if (auto && !isPositive(amount)) setGeneral(t('payments.nothingAllocated'));
      onAllocated(amount);
    } catch (err) {
      if (err instanceof ApiError) {
        const byRow: Record<number, string> = {};
        const rest: string[] = [];
        for (const d of err.details) {
          const m = /^allocations\.(\d+)\./.exec(d.field ?? '');
          const inv = m ? requested[Number(m[1])] : undefined;
          if (inv) byRow[inv.id] ??= d.message;
          else rest.push(d.message);
        }
        setServerErrors(byRow);
        setGeneral(rest.length || !Object.keys(byRow).length ? [err.message, ...rest].join(' ') : null);
        // The invoices may have changed under us (paid elsewhere): show them as they are now.
        if (err.code === 'allocation_exceeds' || err.code === 'invalid_state') setTick((n) => n + 1);
      } else setGeneral((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const money = (v: unknown) => formatMoney(v as string, currency);

  function amountInput(inv: RecordData) {
    const msg = serverErrors[inv.id] ?? rowError(inv);
    const number = String(inv.number ?? `#${inv.id}`);
    return (
      <div className={styles.amountRow}>
        <Field className={styles.amountField} validationState={msg ? 'error' : 'none'} validationMessage={msg ?? undefined} size="small">
          <Input
            className={styles.amountInput}
            size="small"
            inputMode="decimal"
            aria-label={t('payments.allocateAmountLabel', { number })}
            placeholder="0"
            value={amounts[inv.id] ?? ''}
            input={{ style: { textAlign: 'right' } }}
            contentAfter={<span>{currency}</span>}
            onChange={(_, d) => setAmount(inv.id, d.value)}
          />
        </Field>
        <Button size="small" aria-label={t('payments.fillLabel', { number })} onClick={() => fill(inv)}>{t('payments.fill')}</Button>
      </div>
    );
  }

  if (loadError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{loadError} <Button size="small" onClick={() => setTick((n) => n + 1)}>{t('app.retry')}</Button></MessageBarBody>
      </MessageBar>
    );
  }
  if (!invoices) return <Spinner size="tiny" label={t('app.loading')} />;

  return (
    <section className={styles.root} aria-label={t('payments.allocateTitle')}>
      <h2 className={styles.h2}>{t('payments.allocateTitle')}</h2>
      <span>{t('payments.allocateIntro', { amount: money(free) })}</span>
      {general && (
        <MessageBar intent={general === t('payments.nothingAllocated') ? 'info' : 'error'} role="alert">
          <MessageBarBody>{general}</MessageBarBody>
        </MessageBar>
      )}
      {invoices.length === 0 ? (
        <span className={styles.empty}>{t('payments.noOpenInvoices', { currency })}</span>
      ) : (
        <>
          <Caption1>{t('payments.openInvoices', { client: clientName ?? '…' })}</Caption1>
          {wide ? (
            <Table size="small" aria-label={t('payments.openInvoices', { client: clientName ?? '' })}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('payments.invoice')}</TableHeaderCell>
                  <TableHeaderCell>{t('payments.invoiceDate')}</TableHeaderCell>
                  <TableHeaderCell>{t('payments.invoiceDue')}</TableHeaderCell>
                  <TableHeaderCell className={styles.numeric}>{t('payments.invoiceTotal')}</TableHeaderCell>
                  <TableHeaderCell className={styles.numeric}>{t('payments.invoiceRemaining')}</TableHeaderCell>
                  <TableHeaderCell className={styles.amountCell}>{t('payments.allocateAmount')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invoices.map((inv) => (
                  <TableRow key={inv.id}>
                    <TableCell><Link href={`#/invoices/${inv.id}`}>{String(inv.number ?? `#${inv.id}`)}</Link> <StateBadge kind="invoices" state={inv.state as string} size="small" /></TableCell>
                    <TableCell>{formatDate(inv.date as string)}</TableCell>
                    <TableCell>{formatDate(inv.dueDate as string)}</TableCell>
                    <TableCell className={styles.numeric}>{money(inv.total)}</TableCell>
                    <TableCell className={styles.numeric}>{money(inv.remaining)}</TableCell>
                    <TableCell className={styles.amountCell}>{amountInput(inv)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            invoices.map((inv) => (
              <div key={inv.id} className={styles.card}>
                <div className={styles.cardHead}>
                  <Link href={`#/invoices/${inv.id}`}>{String(inv.number ?? `#${inv.id}`)}</Link>
                  <StateBadge kind="invoices" state={inv.state as string} size="small" />
                </div>
                <div className={styles.cardFacts}>
                  <span>{t('payments.invoiceDue')}: {formatDate(inv.dueDate as string)}</span>
                  <span>{t('payments.invoiceRemaining')}: {money(inv.remaining)}</span>
                </div>
                {amountInput(inv)}
              </div>
            ))
          )}
          <div className={styles.bar}>
            <Button appearance="primary" disabled={!!busy || !entered.length || !valid || overPayment} icon={busy === 'manual' ? <Spinner size="tiny" /> : undefined} onClick={() => void submit(false)}>
              {busy === 'manual' ? t('payments.allocateBusy') : t('payments.allocate')}
            </Button>
            <Button disabled={!!busy} icon={busy === 'auto' ? <Spinner size="tiny" /> : undefined} onClick={() => void submit(true)}>
              {t('payments.allocateAuto')}
            </Button>
            <span className={overPayment ? styles.sumError : styles.sum} aria-live="polite">
              {overPayment
                ? t('payments.exceedsPayment', { sum: money(sum), amount: money(free) })
                : sum !== null && entered.length ? t('payments.sum', { sum: money(sum), amount: money(free) }) : !entered.length ? t('payments.enterSome') : ''}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
