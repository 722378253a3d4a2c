import type { Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { nowIso, type AppContext } from '../context.js';
import { isPostgres, type Conn, type Tx } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import type { ApiRecord } from '../records/rows.js';

/**
 * Allocations tie payments to invoices. Each one moves money from a
 * payment's unallocated amount (the client's credit) to an invoice's paid
 * amount; both cached sums change in the same transaction as the row, with
 * the payment and invoice rows locked on PostgreSQL, so they always equal
 * the sum of the allocations.
 */

interface PaymentRow {
  id: number;
  client_id: number;
  currency: string;
  amount: number;
  allocated: number;
}
interface InvoiceRow {
  id: number;
  client_id: number;
  currency: string;
  status: string;
  number: string | null;
  total: number;
  paid: number;
  due_date: string;
}

export type AllocationRequest = { invoiceId: number; amount: bigint } | { invoiceId: number; amount: 'remaining' };

async function lockPayment(trx: Tx, id: number): Promise<PaymentRow> {
  const qb = trx('payments').where({ id });
  if (isPostgres(trx)) qb.forUpdate();
  const row = (await qb.first('id', 'client_id', 'currency', 'amount', 'allocated')) as PaymentRow | undefined;
  if (!row) throw new AppError('not_found', 'Payment was not found.');
  return row;
}

async function lockInvoices(trx: Tx, ids: number[]): Promise<Map<number, InvoiceRow>> {
  const qb = trx('invoices').whereIn('id', ids).orderBy('id');
  if (isPostgres(trx)) qb.forUpdate();
  const rows = (await qb.select('id', 'client_id', 'currency', 'status', 'number', 'total', 'paid', 'due_date')) as InvoiceRow[];
  return new Map(rows.map((r) => [Number(r.id), r]));
}

/**
 * Locks, on PostgreSQL, the payments allocated to an invoice, in id order.
 * Whoever changes allocations locks payments before invoices (allocate
 * does), so a cancel that releases them calls this before locking the invoice.
 */
export async function lockAllocatedPayments(trx: Tx, invoiceId: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx('payments')
    .whereIn('id', trx('allocations').where({ invoice_id: invoiceId }).select('payment_id'))
    .orderBy('id')
    .forUpdate()
    .select('id');
}

/**
 * Allocates part of a payment to invoices. 'auto' pays the client's open
 * invoices in the payment's currency, oldest due first, until the payment's
 * unallocated amount is used up. Every problem is reported at once.
 */
export async function allocate(
  trx: Tx,
  ctx: AppContext,
  actor: Actor,
  paymentId: number,
  requests: AllocationRequest[] | 'auto',
): Promise<{ allocated: bigint }> {
  const payment = await lockPayment(trx, paymentId);
  const scale = currencyScale(payment.currency);
  let free = BigInt(payment.amount) - BigInt(payment.allocated);
  let list: AllocationRequest[];
  if (requests === 'auto') {
    const open = (await trx('invoices')
      .where({ client_id: payment.client_id, currency: payment.currency, status: 'issued' })
      .whereRaw('paid < total')
      .orderBy([{ column: 'due_date' }, { column: 'id' }])
      .select('id')) as { id: number }[];
    list = open.map((o) => ({ invoiceId: Number(o.id), amount: 'remaining' as const }));
  } else {
    list = requests;
  }
  const invoices = await lockInvoices(trx, [...new Set(list.map((r) => r.invoiceId))]);
  const problems: ErrorDetail[] = [];
  const plan: { invoice: InvoiceRow; amount: bigint }[] = [];
  const pendingPaid = new Map<number, bigint>();
  for (const [i, request] of list.entries()) {
    const field = `allocations.${i}`;
    const invoice = invoices.get(request.invoiceId);
    if (!invoice) {
      problems.push({ field: `${field}.invoiceId`, code: 'reference_invalid', message: `There is no invoice ${request.invoiceId}.` });
      continue;
    }
    if (Number(invoice.client_id) !== Number(payment.client_id)) {
      problems.push({ field: `${field}.invoiceId`, code: 'reference_invalid', message: `Invoice ${invoice.number ?? invoice.id} belongs to another client.` });
      continue;
    }
    if (invoice.status !== 'issued') {
      problems.push({ field: `${field}.invoiceId`, code: 'invalid_state', message: `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only issued invoices are paid.` });
      continue;
    }
    if (invoice.currency !== payment.currency) {
      problems.push({ field: `${field}.invoiceId`, code: 'currency_mismatch', message: `Invoice ${invoice.number} is in ${invoice.currency}, the payment in ${payment.currency}.` });
      continue;
    }
    const remaining = BigInt(invoice.total) - BigInt(invoice.paid) - (pendingPaid.get(invoice.id) ?? 0n);
    const amount = request.amount === 'remaining' ? (remaining < free ? remaining : free) : request.amount;
    if (requests === 'auto' && amount <= 0n) continue;
    if (amount <= 0n) problems.push({ field: `${field}.amount`, code: 'out_of_range', message: 'Allocate more than zero.' });
    else if (amount > remaining) {
      problems.push({ field: `${field}.amount`, code: 'exceeds_invoice', message: `Invoice ${invoice.number} has ${formatDecimal(remaining, scale)} ${invoice.currency} left to pay.` });
    } else if (amount > free) {
      problems.push({ field: `${field}.amount`, code: 'exceeds_payment', message: `The payment has ${formatDecimal(free, scale)} ${payment.currency} left to allocate.` });
    } else {
      free -= amount;
      pendingPaid.set(invoice.id, (pendingPaid.get(invoice.id) ?? 0n) + amount);
      plan.push({ invoice, amount });
    }
  }
  if (problems.length) {
    const exceeds = problems.every((p) => p.code === 'exceeds_invoice' || p.code === 'exceeds_payment');
    throw new AppError(exceeds ? 'allocation_exceeds' : problems.some((p) => p.code === 'currency_mismatch') ? 'currency_mismatch' : 'validation_failed', 'The payment cannot be allocated like this.', { details: problems });
  }
  const at = nowIso(ctx);
  let total = 0n;
  // One request may allocate to the same invoice twice: each audit entry starts where the previous one ended.
  const paidNow = new Map<number, bigint>();
  for (const { invoice, amount } of plan) {
    const before = paidNow.get(invoice.id) ?? BigInt(invoice.paid);
    paidNow.set(invoice.id, before + amount);
    await trx('allocations').insert({ created_at: at, payment_id: paymentId, invoice_id: invoice.id, amount: Number(amount), created_by: actor.id });
    await trx('invoices').where({ id: invoice.id }).update({ paid: trx.raw('paid + ?', [Number(amount)]), version: trx.raw('version + 1'), updated_at: at });
    await audit(trx, {
      actor, entity: 'invoice', recordId: invoice.id, action: 'payment_allocated', before: null, after: null, at,
      changes: { paid: { old: formatDecimal(before, scale), new: formatDecimal(before + amount, scale) }, paymentId: { old: null, new: paymentId } },
    });
    total += amount;
  }
  if (total > 0n) {
    await trx('payments').where({ id: paymentId }).update({ allocated: trx.raw('allocated + ?', [Number(total)]), version: trx.raw('version + 1'), updated_at: at });
    await audit(trx, {
      actor, entity: 'payment', recordId: paymentId, action: 'allocate', before: null, after: null, at,
      changes: { allocated: { old: formatDecimal(BigInt(payment.allocated), scale), new: formatDecimal(BigInt(payment.allocated) + total, scale) } },
    });
  }
  return { allocated: total };
}

/** Removes allocations; their amounts go back to the payments' credit. */
export async function releaseAllocations(trx: Tx, ctx: AppContext, actor: Actor, allocationIds: number[]): Promise<void> {
  if (!allocationIds.length) return;
  const rows = (await trx('allocations').whereIn('id', allocationIds).select('id', 'payment_id', 'invoice_id', 'amount')) as {
    id: number; payment_id: number; invoice_id: number; amount: number;
  }[];
  const at = nowIso(ctx);
  for (const row of rows) {
    const payment = await lockPayment(trx, Number(row.payment_id));
    const invoice = (await lockInvoices(trx, [Number(row.invoice_id)])).get(Number(row.invoice_id))!;
    const scale = currencyScale(payment.currency);
    await trx('allocations').where({ id: row.id }).delete();
    await trx('invoices').where({ id: invoice.id }).update({ paid: trx.raw('paid - ?', [Number(row.amount)]), version: trx.raw('version + 1'), updated_at: at });
    await trx('payments').where({ id: payment.id }).update({ allocated: trx.raw('allocated - ?', [Number(row.amount)]), version: trx.raw('version + 1'), updated_at: at });
    const amount = BigInt(row.amount);
    await audit(trx, {
      actor, entity: 'invoice', recordId: invoice.id, action: 'payment_released', before: null, after: null, at,
      changes: { paid: { old: formatDecimal(BigInt(invoice.paid), scale), new: formatDecimal(BigInt(invoice.paid) - amount, scale) }, paymentId: { old: payment.id, new: null } },
    });
    await audit(trx, {
      actor, entity: 'payment', recordId: payment.id, action: 'release', before: null, after: null, at,
      changes: { allocated: { old: formatDecimal(BigInt(payment.allocated), scale), new: formatDecimal(BigInt(payment.allocated) - amount, scale) }, invoiceId: { old: invoice.id, new: null } },
    });
  }
}

interface AllocationView {
  id: number;
  payment_id: number;
  invoice_id: number;
  amount: number;
  created_at: unknown;
  currency: string;
  number: string | null;
  date: string;
}

function view(a: AllocationView) {
  return {
    id: Number(a.id), paymentId: Number(a.payment_id), invoiceId: Number(a.invoice_id), invoiceNumber: a.number, paymentDate: a.date,
    amount: formatDecimal(BigInt(a.amount), currencyScale(a.currency)), createdAt: toIso(a.created_at),
  };
}

/** Adds `allocations` to invoices (by invoice_id) or payments (by payment_id). */
export async function loadAllocations(conn: Conn, records: ApiRecord[], by: 'invoice_id' | 'payment_id'): Promise<void> {
  const rows = (await conn('allocations')
    .join('payments', 'payments.id', 'allocations.payment_id')
    .join('invoices', 'invoices.id', 'allocations.invoice_id')
    .whereIn(`allocations.${by}`, records.map((r) => r.id))
    .orderBy('allocations.id')
    .select('allocations.*', 'payments.currency', 'payments.date', 'invoices.number')) as AllocationView[];
  for (const r of records) r.allocations = rows.filter((a) => Number(a[by]) === r.id).map(view);
}

export const allocationJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, paymentId: { type: 'integer' }, invoiceId: { type: 'integer' }, invoiceNumber: { type: ['string', 'null'] },
    paymentDate: { type: 'string', format: 'date' }, amount: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'paymentId', 'invoiceId', 'invoiceNumber', 'paymentDate', 'amount', 'createdAt'],
  additionalProperties: false,
};

/** The allocations of an invoice's or payment's detail. */
export const allocationsJson = { type: 'array', items: allocationJson };
