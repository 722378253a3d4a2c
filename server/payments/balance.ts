import type { Conn } from '../db/connect.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';

export interface Balance {
  currency: string;
  /** Issued invoices not yet paid. */
  receivable: string;
  /** The part of receivable past its due date. */
  overdue: string;
  /** Payments received but not allocated to invoices. */
  credit: string;
  /** receivable − credit: what the client owes (negative: we owe them). */
  balance: string;
}

/**
 * A client's receivables and credit per currency, summed in SQL over the
 * invoice and payment totals that allocations keep exact.
 */
export async function clientBalances(conn: Conn, clientIds: number[], today: string): Promise<Map<number, Balance[]>> {
  const out = new Map<number, Balance[]>();
  if (!clientIds.length) return out;
  const invoiceRows = (await conn('invoices')
    .whereIn('client_id', clientIds)
    .where('status', 'issued')
    .groupBy('client_id', 'currency')
    .select(
      'client_id', 'currency',
      conn.raw('SUM(total - paid) AS receivable'),
      conn.raw('SUM(CASE WHEN due_date < ? THEN total - paid ELSE 0 END) AS overdue', [today]),
    )) as { client_id: number; currency: string; receivable: number | string; overdue: number | string }[];
  const paymentRows = (await conn('payments')
    .whereIn('client_id', clientIds)
    .groupBy('client_id', 'currency')
    .select('client_id', 'currency', conn.raw('SUM(amount - allocated) AS credit'))) as { client_id: number; currency: string; credit: number | string }[];
  const sums = new Map<string, { receivable: bigint; overdue: bigint; credit: bigint }>();
  const slot = (clientId: number, currency: string) => {
    const key = `${Number(clientId)}|${currency}`;
    const s = sums.get(key) ?? { receivable: 0n, overdue: 0n, credit: 0n };
    sums.set(key, s);
    return s;
  };
  for (const r of invoiceRows) {
    const s = slot(r.client_id, r.currency);
    s.receivable += BigInt(r.receivable ?? 0);
    s.overdue += BigInt(r.overdue ?? 0);
  }
  for (const r of paymentRows) slot(r.client_id, r.currency).credit += BigInt(r.credit ?? 0);
  for (const [key, s] of [...sums.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [id, currency] = key.split('|') as [string, string];
    if (s.receivable === 0n && s.credit === 0n) continue;
    const scale = currencyScale(currency);
    const list = out.get(Number(id)) ?? [];
    list.push({
      currency,
      receivable: formatDecimal(s.receivable, scale),
      overdue: formatDecimal(s.overdue, scale),
      credit: formatDecimal(s.credit, scale),
      balance: formatDecimal(s.receivable - s.credit, scale),
    });
    out.set(Number(id), list);
  }
  return out;
}

export const balanceJson = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      currency: { type: 'string' }, receivable: { type: 'string' }, overdue: { type: 'string' }, credit: { type: 'string' }, balance: { type: 'string' },
    },
    required: ['currency', 'receivable', 'overdue', 'credit', 'balance'],
    additionalProperties: false,
  },
};
