import { addDays } from '../dates.js';
import { toBool } from '../fields/codec.js';
import { isPostgres, type Conn } from '../db/connect.js';
import { localDate } from '../clock.js';
import { addOnce, type Planned } from './store.js';

/**
 * Automatic reminders (and, where there is work to do, tasks) for the
 * client's manager: a contract inside its notice period before the end
 * (ending, or renewing automatically), an invoice due tomorrow, an invoice
 * overdue, a client's or contact's birthday. Each has an occurrence key
 * (what, which record, which date), unique in the database, so however
 * often and on however many instances this runs, each occurrence gives
 * one reminder and one task.
 */

interface Counts {
  reminders: number;
  tasks: number;
}

export async function generateAutomatic(db: Conn, now: Date, options: { birthdays: boolean } = { birthdays: true }): Promise<Counts> {
  const today = localDate(now);
  const at = now.toISOString();
  const counts: Counts = { reminders: 0, tasks: 0 };
  const add = async (plan: Planned, task?: { title: string }) => {
    if (await addOnce(db, plan, at)) counts.reminders++;
    if (task && (await addTaskOnce(db, plan, task.title, at))) counts.tasks++;
  };

  for (const c of await contractsInNotice(db, today)) {
    const kind = c.auto_renew ? 'contract_renewal' : 'contract_ending';
    const end = dateText(c.end_date);
    const title = c.auto_renew
      ? `Contract ${c.number} with ${c.client_name} renews automatically after ${end}`
      : `Contract ${c.number} with ${c.client_name} ends on ${end}`;
    await add(
      { key: `${kind}:${c.id}:${end}`, kind, userId: Number(c.manager_id), dueAt: at, title, body: c.subject, byEmail: false, links: { contract_id: Number(c.id), client_id: Number(c.client_id) } },
      { title: c.auto_renew ? `Check the terms before contract ${c.number} renews (${c.client_name})` : `Agree a renewal of contract ${c.number} with ${c.client_name}` },
    );
  }

  for (const i of await unpaidInvoices(db, (qb) => qb.where('invoices.due_date', addDays(today, 1)))) {
    const due = dateText(i.due_date);
    await add({ key: `invoice_due:${i.id}:${due}`, kind: 'invoice_due', userId: Number(i.manager_id), dueAt: at, title: `Invoice ${i.number} to ${i.client_name} is due tomorrow`, body: null, byEmail: false, links: { invoice_id: Number(i.id), client_id: Number(i.client_id) } });
  }

  for (const i of await unpaidInvoices(db, (qb) => qb.where('invoices.due_date', '<', today))) {
    const due = dateText(i.due_date);
    await add(
      { key: `invoice_overdue:${i.id}:${due}`, kind: 'invoice_overdue', userId: Number(i.manager_id), dueAt: at, title: `Invoice ${i.number} to ${i.client_name} is overdue (due ${due})`, body: null, byEmail: false, links: { invoice_id: Number(i.id), client_id: Number(i.client_id) } },
      { title: `Chase payment of invoice ${i.number} (${i.client_name})` },
    );
  }

  const year = today.slice(0, 4);
  for (const b of options.birthdays ? await birthdays(db, today) : []) {
    const links = b.entity === 'client' ? { client_id: Number(b.id) } : { contact_id: Number(b.id), client_id: b.client_id === null ? null : Number(b.client_id) };
    await add({ key: `birthday:${b.entity}:${b.id}:${year}`, kind: 'birthday', userId: Number(b.manager_id), dueAt: at, title: `${b.name} has a birthday today`, body: null, byEmail: false, links });
  }
  return counts;
}

/** A DATE column's value (a Date from PostgreSQL, text from SQLite) as YYYY-MM-DD. */
export function dateText(value: unknown): string {
  return value instanceof Date ? localDate(value) : String(value).slice(0, 10);
}

async function addTaskOnce(db: Conn, plan: Planned, title: string, at: string): Promise<boolean> {
  const inserted = (await db('tasks')
    .insert({
      title: title.slice(0, 500), assignee_id: plan.userId, due_at: at, priority: 'high', status: 'open', remind_by_email: false,
      client_id: plan.links.client_id ?? null, contract_id: plan.links.contract_id ?? null, invoice_id: plan.links.invoice_id ?? null,
      auto_key: plan.key, version: 1, created_at: at, updated_at: at,
    })
    .onConflict('auto_key')
    .ignore()
    .returning('id')) as unknown[];
  if (inserted.length) {
    // The reminder opens the task it belongs to.
    const row = inserted[0] as { id: number } | number;
    await db('reminders').where({ occurrence_key: plan.key }).update({ task_id: typeof row === 'object' ? row.id : row });
  }
  return inserted.length > 0;
}

interface ContractRow { id: number; number: string; subject: string; client_id: number; client_name: string; manager_id: number; end_date: unknown; auto_renew: unknown }

/**
 * Narrows a query on contracts to the active ones inside their notice
 * period today and not yet renewed: the automatic reminders and the
 * agenda's "contracts ending" ask the same question.
 */
export function inNoticePeriod(db: Conn, qb: ReturnType<Conn>, today: string): ReturnType<Conn> {
  const noticeStart = isPostgres(db) ? `(contracts.end_date - contracts.notice_days * interval '1 day')::date` : `date(contracts.end_date, '-' || contracts.notice_days || ' days')`;
  return qb.where('contracts.status', 'active')
    .where('contracts.end_date', '>=', today)
    .whereRaw(`${noticeStart} <= ?`, [today])
    .whereNotExists((sub) => sub.select(db.raw('1')).from('contracts as renewal').whereRaw('renewal.renewed_from_id = contracts.id'));
}

/** Active contracts inside their notice period, not yet renewed. */
async function contractsInNotice(db: Conn, today: string): Promise<ContractRow[]> {
  const rows = (await inNoticePeriod(db, db('contracts').join('clients', 'clients.id', 'contracts.client_id'), today)
    .select('contracts.id', 'contracts.number', 'contracts.subject', 'contracts.client_id', 'clients.name as client_name', 'clients.manager_id', 'contracts.end_date', 'contracts.auto_renew')) as ContractRow[];
  return rows.map((r) => ({ ...r, auto_renew: toBool(r.auto_renew) }));
}

interface InvoiceRow { id: number; number: string; client_id: number; client_name: string; manager_id: number; due_date: unknown }

async function unpaidInvoices(db: Conn, where: (qb: ReturnType<Conn>) => void): Promise<InvoiceRow[]> {
  const qb = db('invoices').join('clients', 'clients.id', 'invoices.client_id').where('invoices.status', 'issued').whereRaw('invoices.paid < invoices.total');
  where(qb);
  return (await qb.select('invoices.id', 'invoices.number', 'invoices.client_id', 'clients.name as client_name', 'clients.manager_id', 'invoices.due_date')) as InvoiceRow[];
}

interface BirthdayRow { entity: 'client' | 'contact'; id: number; name: string; manager_id: number; client_id: number | null }

/** Clients and contacts born on today's month and day (29 February on the 28th in other years). */
async function birthdays(db: Conn, today: string): Promise<BirthdayRow[]> {
  const md = today.slice(5);
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
  const monthDay = (column: string) => (isPostgres(db) ? `to_char(${column}, 'MM-DD')` : `substr(${column}, 6, 5)`);
  const placeholders = days.map(() => '?').join(', ');
  const clients = (await db('clients').whereNotNull('birthday').whereRaw(`${monthDay('birthday')} in (${placeholders})`, days)
    .select('id', 'name', 'manager_id')) as Omit<BirthdayRow, 'entity' | 'client_id'>[];
  const contacts = (await db('contacts').whereNotNull('birthday').whereRaw(`${monthDay('birthday')} in (${placeholders})`, days)
    .select('id', 'name', 'manager_id', 'client_id')) as Omit<BirthdayRow, 'entity'>[];
  return [...clients.map((c) => ({ ...c, entity: 'client' as const, client_id: null })), ...contacts.map((c) => ({ ...c, entity: 'contact' as const }))];
}
