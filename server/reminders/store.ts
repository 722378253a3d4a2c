import { toIso } from '../fields/codec.js';
import type { Conn, Tx } from '../db/connect.js';

/**
 * Reminders are rows, one per occurrence (occurrence_key is unique), so
 * they survive restarts and an instance that was down fires them when it
 * comes back. A reminder is due at due_at, fired once (fired_at set by the
 * scheduler's atomic claim), shown until dismissed.
 */

export const reminderKinds = ['task', 'event', 'contract_ending', 'contract_renewal', 'invoice_due', 'invoice_overdue', 'birthday'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export interface ReminderRow {
  id: number;
  user_id: number;
  kind: ReminderKind;
  occurrence_key: string;
  title: string;
  body: string | null;
  task_id: number | null;
  event_id: number | null;
  client_id: number | null;
  contact_id: number | null;
  contract_id: number | null;
  invoice_id: number | null;
  due_at: unknown;
  fired_at: unknown;
  dismissed_at: unknown;
  by_email: unknown;
  email_sent_at: unknown;
  created_at: unknown;
}

export interface ReminderJson {
  id: number;
  kind: ReminderKind;
  title: string;
  body: string | null;
  dueAt: string;
  firedAt: string | null;
  dismissedAt: string | null;
  taskId: number | null;
  eventId: number | null;
  clientId: number | null;
  contactId: number | null;
  contractId: number | null;
  invoiceId: number | null;
}

/** The reminders of these users that show now: fired and not dismissed. */
export function unreadOf(conn: Conn, userIds: number | number[]) {
  const qb = conn('reminders').whereNotNull('fired_at').whereNull('dismissed_at');
  return Array.isArray(userIds) ? qb.whereIn('user_id', userIds) : qb.where('user_id', userIds);
}

const idOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function reminderJson(row: ReminderRow): ReminderJson {
  return {
    id: Number(row.id), kind: row.kind, title: row.title, body: row.body ?? null,
    dueAt: toIso(row.due_at)!, firedAt: toIso(row.fired_at), dismissedAt: toIso(row.dismissed_at),
    taskId: idOrNull(row.task_id), eventId: idOrNull(row.event_id), clientId: idOrNull(row.client_id),
    contactId: idOrNull(row.contact_id), contractId: idOrNull(row.contract_id), invoiceId: idOrNull(row.invoice_id),
  };
}

export const reminderJsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, kind: { enum: [...reminderKinds] }, title: { type: 'string' }, body: { type: ['string', 'null'] },
    dueAt: { type: 'string', format: 'date-time' }, firedAt: { type: ['string', 'null'] }, dismissedAt: { type: ['string', 'null'] },
    taskId: { type: ['integer', 'null'] }, eventId: { type: ['integer', 'null'] }, clientId: { type: ['integer', 'null'] },
    contactId: { type: ['integer', 'null'] }, contractId: { type: ['integer', 'null'] }, invoiceId: { type: ['integer', 'null'] },
  },
  required: ['id', 'kind', 'title', 'body', 'dueAt', 'firedAt', 'dismissedAt', 'taskId', 'eventId', 'clientId', 'contactId', 'contractId', 'invoiceId'],
  additionalProperties: false,
};

export interface Planned {
  key: string;
  kind: ReminderKind;
  userId: number;
  dueAt: string;
  title: string;
  body: string | null;
  byEmail: boolean;
  links: Partial<Record<'task_id' | 'event_id' | 'client_id' | 'contact_id' | 'contract_id' | 'invoice_id', number | null>>;
}

/**
 * Makes the reminder of a task or event match it: created, moved (a new
 * time or assignee fires it again) or removed. Runs in the write's
 * transaction. Only a changed time or user re-arms a reminder that fired.
 */
export async function planReminder(trx: Tx, key: string, plan: Omit<Planned, 'key'> | null, now: string): Promise<void> {
  const existing = (await trx('reminders').where({ occurrence_key: key }).first('id', 'due_at', 'user_id')) as Pick<ReminderRow, 'id' | 'due_at' | 'user_id'> | undefined;
  if (!plan) {
    if (existing) await trx('reminders').where({ id: existing.id }).delete();
    return;
  }
  const fields = { user_id: plan.userId, kind: plan.kind, title: plan.title.slice(0, 500), body: plan.body, by_email: plan.byEmail, due_at: plan.dueAt, ...plan.links };
  if (!existing) {
    await trx('reminders').insert({ ...fields, occurrence_key: key, created_at: now });
    return;
  }
  const moved = toIso(existing.due_at) !== plan.dueAt || Number(existing.user_id) !== plan.userId;
  await trx('reminders').where({ id: existing.id }).update(
    moved ? { ...fields, fired_at: null, fired_by: null, dismissed_at: null, email_sent_at: null, email_claimed_by: null, email_claimed_until: null } : fields,
  );
}

/** Adds a reminder for an occurrence unless one exists; true when added. */
export async function addOnce(conn: Conn, plan: Planned, now: string): Promise<boolean> {
  const inserted = (await conn('reminders')
    .insert({
      occurrence_key: plan.key, kind: plan.kind, user_id: plan.userId, due_at: plan.dueAt, title: plan.title.slice(0, 500), body: plan.body,
      by_email: plan.byEmail, created_at: now, ...plan.links,
    })
    .onConflict('occurrence_key')
    .ignore()
    .returning('id')) as unknown[];
  return inserted.length > 0;
}
