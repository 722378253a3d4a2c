import { can, type Actor } from '../access/rights.js';
import type { Conn } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import { invoiceState } from '../invoices/entity.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import { clientBalances, type Balance } from '../payments/balance.js';
import { openStatuses } from '../tasks/entity.js';

/** How many open tasks and unpaid invoices the pane lists; the counts say how many there are in all. */
const SHOWN = 5;

export interface SenderCard {
  openTasks: { id: number; title: string; dueAt: string | null; assigneeName: string | null }[];
  openTaskCount: number;
  nextEvent: { id: number; type: string; subject: string; startsAt: string } | null;
  unpaidInvoices: { id: number; number: string | null; dueDate: string; state: string; remaining: string; currency: string }[];
  unpaidInvoiceCount: number;
  balance: Balance[];
}

/**
 * What is open with a client (or, for a contact without a client, with the
 * contact): the same figures as the client card, each part only when the
 * user's role may read it. Callers pass only records the user may open.
 */
export async function senderCard(conn: Conn, actor: Actor, who: { clientId: number | null; contactId: number | null }, now: string, today: string): Promise<SenderCard> {
  const card: SenderCard = { openTasks: [], openTaskCount: 0, nextEvent: null, unpaidInvoices: [], unpaidInvoiceCount: 0, balance: [] };
  const owner = who.clientId !== null ? { column: 'client_id', id: who.clientId } : { column: 'contact_id', id: who.contactId! };

  if (can(actor, 'tasks', 'read')) {
    const open = () => conn('tasks').where(`tasks.${owner.column}`, owner.id).whereIn('tasks.status', openStatuses);
    const [{ n }] = (await open().count({ n: '*' })) as [{ n: number | string }];
    card.openTaskCount = Number(n);
    // Soonest due first; tasks without a due time after those with one.
    const rows = (await open().leftJoin('users', 'users.id', 'tasks.assignee_id')
      .orderByRaw('CASE WHEN tasks.due_at IS NULL THEN 1 ELSE 0 END').orderBy([{ column: 'tasks.due_at' }, { column: 'tasks.id' }]).limit(SHOWN)
      .select('tasks.id', 'tasks.title', 'tasks.due_at', 'users.name as assignee_name')) as { id: number; title: string; due_at: unknown; assignee_name: string | null }[];
    card.openTasks = rows.map((r) => ({ id: Number(r.id), title: r.title, dueAt: toIso(r.due_at), assigneeName: r.assignee_name }));
  }

  if (can(actor, 'events', 'read')) {
    const next = (await conn('events').where(`events.${owner.column}`, owner.id).where('status', 'planned').where('starts_at', '>=', now)
      .orderBy([{ column: 'starts_at' }, { column: 'id' }]).first('id', 'type', 'subject', 'starts_at')) as { id: number; type: string; subject: string; starts_at: unknown } | undefined;
    if (next) card.nextEvent = { id: Number(next.id), type: next.type, subject: next.subject, startsAt: toIso(next.starts_at)! };
  }

  if (who.clientId !== null && can(actor, 'invoices', 'read')) {
    const unpaid = () => conn('invoices').where({ client_id: who.clientId, status: 'issued' }).whereRaw('total > paid');
    const [{ n }] = (await unpaid().count({ n: '*' })) as [{ n: number | string }];
    card.unpaidInvoiceCount = Number(n);
    const rows = (await unpaid().orderBy([{ column: 'due_date' }, { column: 'id' }]).limit(SHOWN)
      .select('id', 'number', 'due_date', 'status', 'total', 'paid', 'currency')) as { id: number; number: string | null; due_date: unknown; status: string; total: number | string; paid: number | string; currency: string }[];
    card.unpaidInvoices = rows.map((r) => {
      const total = BigInt(r.total);
      const paid = BigInt(r.paid);
      const dueDate = String(r.due_date).slice(0, 10);
      return {
        id: Number(r.id), number: r.number, dueDate, currency: r.currency,
        state: invoiceState({ status: r.status, total, paid, dueDate }, today),
        remaining: formatDecimal(total - paid, currencyScale(r.currency)),
      };
    });
    card.balance = (await clientBalances(conn, [who.clientId], today)).get(who.clientId) ?? [];
  }
  return card;
}

const money = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };

export const senderCardJson = {
  type: 'object',
  properties: {
    openTasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, title: { type: 'string' }, dueAt: { type: ['string', 'null'] }, assigneeName: { type: ['string', 'null'] } },
        required: ['id', 'title', 'dueAt', 'assigneeName'], additionalProperties: false,
      },
    },
    openTaskCount: { type: 'integer' },
    nextEvent: {
      type: ['object', 'null'],
      properties: { id: { type: 'integer' }, type: { type: 'string' }, subject: { type: 'string' }, startsAt: { type: 'string' } },
      required: ['id', 'type', 'subject', 'startsAt'], additionalProperties: false,
    },
    unpaidInvoices: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, number: { type: ['string', 'null'] }, dueDate: { type: 'string' }, state: { type: 'string' }, remaining: money, currency: { type: 'string' },
        },
        required: ['id', 'number', 'dueDate', 'state', 'remaining', 'currency'], additionalProperties: false,
      },
    },
    unpaidInvoiceCount: { type: 'integer' },
    balance: { type: 'array' },
  },
  required: ['openTasks', 'openTaskCount', 'nextEvent', 'unpaidInvoices', 'unpaidInvoiceCount', 'balance'],
  additionalProperties: false,
};
