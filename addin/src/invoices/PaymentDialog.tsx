import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, makeStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { compareDecimals, currencyScale, fromScaled, normalizeDecimal, parseScaled, toScaled } from '../lines/decimal.js';
import { todayIso } from '../lines/today.js';
import { formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';

const METHODS = ['bank_transfer', 'cash', 'card', 'other'] as const;

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', gap: '8px' },
  // Fluent inputs keep a minimum width of their own; in a narrow pane they must shrink to the column.
  fill: { minWidth: 0, width: '100%' },
});

/** Server field paths of a payment with allocations, mapped to this dialog's inputs. */
function fieldOf(path: string | undefined): 'amount' | 'date' | 'method' | 'reference' | null {
  if (!path) return null;
  if (path === 'amount' || /^allocations\.\d+\.amount$/.test(path)) return 'amount';
  if (path === 'date' || path === 'method' || path === 'reference') return path;
  return null;
}

/**
 * Records a payment for an invoice in one request (POST /payments with the
 * allocation): the amount starts as what remains to pay; less is a partial
 * payment, more leaves the difference as the client's credit.
 */
export function PaymentDialog({ invoice, onClose, onSaved }: { invoice: RecordData; onClose: () => void; onSaved: (amount: string) => void }) {
  const styles = useStyles();
  const currency = String(invoice.currency ?? '');
  const scale = currencyScale(currency);
  const remaining = String(invoice.remaining ?? '0');
  const [amount, setAmount] = useState(remaining);
  const [date, setDate] = useState(todayIso());
  const [method, setMethod] = useState<string>('bank_transfer');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<'amount' | 'date' | 'method' | 'reference', string>>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const parsed = parseScaled(amount, scale);
  const amountError = !amount.trim()
    ? t('form.required')
    : !parsed.ok
      ? parsed.reason === 'too_many_decimals' ? t('invoices.amountDecimals', { n: scale, currency }) : t('form.invalidMoney')
      : parsed.value <= 0n ? t('invoices.amountPositive') : null;
  const over = parsed.ok && parsed.value > toScaled(remaining, scale) ? fromScaled(parsed.value - toScaled(remaining, scale), scale) : null;
  const dateError = /^\d{4}-\d{2}-\d{2}$/.test(date) ? null : t('form.invalidDate');

  async function submit() {
    if (amountError || dateError || !parsed.ok) return;
    setBusy(true);
    setGeneral(null);
    setServerErrors({});
    const value = normalizeDecimal(amount);
    const applied = compareDecimals(value, remaining) > 0 ? remaining : value;
    try {
      await api.post('/payments', {
        clientId: invoice.clientId, companyId: invoice.companyId, currency, date, method, amount: value,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        allocations: [{ invoiceId: invoice.id, amount: applied }],
      });
      onSaved(value);
    } catch (err) {
      if (err instanceof ApiError) {
        const mapped: typeof serverErrors = {};
        const rest: string[] = [];
        for (const d of err.details) {
          const f = fieldOf(d.field);
          if (f) mapped[f] ??= d.message;
          else rest.push(d.message);
        }
        setServerErrors(mapped);
        setGeneral(rest.length || !Object.keys(mapped).length ? [err.message, ...rest].join(' ') : null);
      } else setGeneral((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const amountMessage = serverErrors.amount ?? amountError ?? (over ? t('invoices.paymentOverHint', { amount: formatMoney(over, currency) }) : t('invoices.paymentRemainingHint', { amount: formatMoney(remaining, currency) }));
  const amountState = serverErrors.amount || amountError ? 'error' : over ? 'warning' : 'none';
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <DialogBody>
            <DialogTitle>{t('invoices.paymentTitle', { number: String(invoice.number ?? `#${invoice.id}`) })}</DialogTitle>
            <DialogContent className={styles.content}>
              {general && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{general}</MessageBarBody>
                </MessageBar>
              )}
              <Field label={t('invoices.paymentAmount')} required validationState={amountState} validationMessage={amountMessage}>
                <Input autoFocus inputMode="decimal" value={amount} contentAfter={<span>{currency}</span>} onChange={(_, d) => { setAmount(d.value); setServerErrors((e) => ({ ...e, amount: undefined })); }} />
              </Field>
              <div className={styles.pair}>
                <Field label={t('invoices.paymentDate')} required validationState={serverErrors.date || dateError ? 'error' : 'none'} validationMessage={serverErrors.date ?? dateError}>
                  <Input className={styles.fill} type="date" value={date} onChange={(_, d) => setDate(d.value)} />
                </Field>
                <Field label={t('invoices.paymentMethod')} validationState={serverErrors.method ? 'error' : 'none'} validationMessage={serverErrors.method}>
                  <Dropdown className={styles.fill} value={t(`invoices.method.${method}` as StringKey)} selectedOptions={[method]} onOptionSelect={(_, d) => d.optionValue && setMethod(d.optionValue)}>
                    {METHODS.map((m) => (
                      <Option key={m} value={m}>{t(`invoices.method.${m}` as StringKey)}</Option>
                    ))}
                  </Dropdown>
                </Field>
              </div>
              <Field label={t('invoices.paymentReference')} validationState={serverErrors.reference ? 'error' : 'none'} validationMessage={serverErrors.reference}>
                <Input value={reference} maxLength={200} placeholder={t('invoices.paymentReferencePlaceholder')} onChange={(_, d) => setReference(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy || !!amountError || !!dateError} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? t('invoices.paymentBusy') : t('invoices.paymentSave')}
              </Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
