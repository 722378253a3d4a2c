import { assertCan, type Actor } from '../access/rights.js';
import { today, type AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import { toBool, toIso } from '../fields/codec.js';
import { currencyScale } from '../money/currency.js';
import { formatDecimal } from '../money/decimal.js';
import { openStatuses } from '../tasks/entity.js';
import { dateText, inNoticePeriod } from '../reminders/automatic.js';
import { reminderJson, unreadOf, type ReminderJson, type ReminderRow } from '../reminders/store.js';
import { agendaUser, assertKnownParams, dayBounds } from './days.js';

/** Longest lists in the agenda: a day's work, not an archive. */
const LIMIT = 100;

const id = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface EventItem { id: number; type: string; subject: string; status: string; startsAt: string; endsAt: string | null; clientId: number; clientName: string | null; contactId: number | null; contactName: string | null }
export interface TaskItem { id: number; title: string; priority: string; status: string; dueAt: string | null; clientId: number | null; clientName: string | null }

export async function eventItems(conn: Conn, where: (qb: ReturnType<Conn>) => void, limit = LIMIT): Promise<EventItem[]> {
  const qb = conn('events').leftJoin('clients', 'clients.id', 'events.client_id').leftJoin('contacts', 'contacts.id', 'events.contact_id')
    .select('events.*', 'clients.name as client_name', 'contacts.name as contact_name').orderBy('events.starts_at').limit(limit);
  where(qb);
  const rows = (await qb) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id), type: String(r.type), subject: String(r.subject), status: String(r.status), startsAt: toIso(r.starts_at)!, endsAt: toIso(r.ends_at),
    clientId: Number(r.client_id), clientName: (r.client_name as string | null) ?? null, contactId: id(r.contact_id), contactName: (r.contact_name as string | null) ?? null,
  }));
}

export async function taskItems(conn: Conn, where: (qb: ReturnType<Conn>) => void, limit = LIMIT): Promise<TaskItem[]> {
  const qb = conn('tasks').leftJoin('clients', 'clients.id', 'tasks.client_id').select('tasks.*', 'clients.name as client_name').orderBy('tasks.due_at').limit(limit);
  where(qb);
  const rows = (await qb) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id), title: String(r.title), priority: String(r.priority), status: String(r.status), dueAt: toIso(r.due_at),
    clientId: id(r.client_id), clientName: (r.client_name as string | null) ?? null,
  }));
}

export interface Today {
  date: string;
  userId: number;
  events: EventItem[];
  tasks: TaskItem[];
  overdue: { events: EventItem[]; tasks: TaskItem[]; invoices: unknown[] };
  contractsEnding: unknown[];
  reminders: ReminderJson[];
}

/**
 * A user's day: calls and meetings planned for today, tasks due today,
 * what is overdue (tasks, planned events that never got a result, unpaid
 * invoices of their clients past due), contracts of their clients inside
 * the notice period, and their unread reminders.
 */
export async function todayFor(ctx: AppContext, actor: Actor, query: Record<string, unknown>): Promise<Today> {
  assertCan(actor, 'events', 'read');
  assertKnownParams(query, ['userId']);
  const userId = await agendaUser(ctx.db, actor, query.userId);
  const db = ctx.db;
  const date = today(ctx);
  const { start, end } = dayBounds(date);
  const myClients = (qb: ReturnType<Conn>) => qb.select('id').from('clients').where('manager_id', userId);
  const [events, tasks, lateEvents, lateTasks] = await Promise.all([
    eventItems(db, (qb) => qb.where('events.owner_id', userId).where('events.status', 'planned').where('events.starts_at', '>=', start).where('events.starts_at', '<', end)),
    taskItems(db, (qb) => qb.where('tasks.assignee_id', userId).whereIn('tasks.status', openStatuses).where('tasks.due_at', '>=', start).where('tasks.due_at', '<', end)),
    eventItems(db, (qb) => qb.where('events.owner_id', userId).where('events.status', 'planned').where('events.starts_at', '<', start)),
    taskItems(db, (qb) => qb.where('tasks.assignee_id', userId).whereIn('tasks.status', openStatuses).where('tasks.due_at', '<', start)),
  ]);
  const invoices = ((await db('invoices').join('clients', 'clients.id', 'invoices.client_id')
    .whereIn('invoices.client_id', myClients).where('invoices.status', 'issued').whereRaw('invoices.paid < invoices.total').where('invoices.due_date', '<', date)
    .orderBy('invoices.due_date').limit(LIMIT)
    .select('invoices.id', 'invoices.number', 'invoices.client_id', 'clients.name as client_name', 'invoices.due_date', 'invoices.currency', 'invoices.total', 'invoices.paid')) as Record<string, unknown>[])
    .map((r) => ({
      id: Number(r.id), number: String(r.number), clientId: Number(r.client_id), clientName: String(r.client_name), dueDate: dateText(r.due_date),
      currency: String(r.currency), remaining: formatDecimal(BigInt(r.total as number) - BigInt(r.paid as number), currencyScale(String(r.currency))),
    }));
  const contractsEnding = ((await inNoticePeriod(db, db('contracts').join('clients', 'clients.id', 'contracts.client_id').whereIn('contracts.client_id', myClients), date)
    .orderBy('contracts.end_date').limit(LIMIT)
    .select('contracts.id', 'contracts.number', 'contracts.client_id', 'clients.name as client_name', 'contracts.end_date', 'contracts.auto_renew')) as Record<string, unknown>[])
    .map((r) => ({ id: Number(r.id), number: String(r.number), clientId: Number(r.client_id), clientName: String(r.client_name), endDate: dateText(r.end_date), autoRenew: toBool(r.auto_renew) }));
  const reminders = userId === actor.id
    ? ((await unreadOf(db, userId).orderBy('fired_at', 'desc').limit(LIMIT)) as ReminderRow[]).map(reminderJson)
    : [];
  return { date, userId, events, tasks, overdue: { events: lateEvents, tasks: lateTasks, invoices }, contractsEnding, reminders };
}
