import type { Conn } from '../db/connect.js';
import { contractState } from '../contracts/entity.js';
import { invoiceState } from '../invoices/entity.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';

const RECENT = 5;

/**
 * A client's latest contracts and invoices, for the client card: enough to
 * see what is going on without opening the lists.
 */
export async function recentDocuments(conn: Conn, clientId: number, today: string) {
  const contracts = (await conn('contracts').where({ client_id: clientId }).orderBy([{ column: 'date', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(RECENT)
    .select('id', 'number', 'date', 'subject', 'status', 'end_date', 'notice_days', 'total', 'currency')) as {
    id: number; number: string; date: string; subject: string; status: string; end_date: string | null; notice_days: number; total: number; currency: string;
  }[];
  const invoices = (await conn('invoices').where({ client_id: clientId }).orderBy([{ column: 'date', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(RECENT)
    .select('id', 'number', 'date', 'due_date', 'status', 'total', 'paid', 'currency')) as {
    id: number; number: string | null; date: string; due_date: string; status: string; total: number; paid: number; currency: string;
  }[];
  return {
    contracts: contracts.map((c) => ({
      id: Number(c.id), number: c.number, date: String(c.date), subject: c.subject,
      state: contractState({ status: c.status, endDate: c.end_date === null ? null : String(c.end_date), noticeDays: c.notice_days }, today),
      total: formatDecimal(BigInt(c.total), currencyScale(c.currency)), currency: c.currency,
    })),
    invoices: invoices.map((i) => {
      const scale = currencyScale(i.currency);
      const total = BigInt(i.total);
      const paid = BigInt(i.paid);
      return {
        id: Number(i.id), number: i.number, date: String(i.date), dueDate: String(i.due_date),
        state: invoiceState({ status: i.status, total, paid, dueDate: String(i.due_date) }, today),
        total: formatDecimal(total, scale), remaining: formatDecimal(i.status === 'issued' ? total - paid : 0n, scale), currency: i.currency,
      };
    }),
  };
}

const money = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };

export const recentDocumentsJson = {
  type: 'object',
  properties: {
    contracts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, number: { type: 'string' }, date: { type: 'string', format: 'date' }, subject: { type: 'string' }, state: { type: 'string' }, total: money, currency: { type: 'string' } },
        required: ['id', 'number', 'date', 'subject', 'state', 'total', 'currency'], additionalProperties: false,
      },
    },
    invoices: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, number: { type: ['string', 'null'] }, date: { type: 'string', format: 'date' }, dueDate: { type: 'string', format: 'date' },
          state: { type: 'string' }, total: money, remaining: money, currency: { type: 'string' },
        },
        required: ['id', 'number', 'date', 'dueDate', 'state', 'total', 'remaining', 'currency'], additionalProperties: false,
      },
    },
  },
  required: ['contracts', 'invoices'],
  additionalProperties: false,
};
