import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { nowIso, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { EntityName } from '../fields/types.js';
import { idValue, parseOrThrow } from '../fields/validation.js';
import { openStatuses } from '../tasks/entity.js';

export const reassignBody = z.strictObject({ toUserId: idValue });

export interface ReassignResult {
  clients: number;
  contacts: number;
  tasks: number;
  events: number;
  reminders: number;
}

/** Ids in chunks small enough for any database's parameter limit. */
function chunks(ids: number[], size = 500): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/**
 * Moves all of a user's clients (with their contacts and the user's own
 * contacts), open tasks, planned events and reminders still to come to
 * another user, in one transaction: for a manager who leaves. Each moved
 * record gets a new version and an audit entry, and the user gets one
 * "reassign" entry with the counts. Administrators only.
 */
export async function reassign(ctx: AppContext, actor: Actor, fromId: number, body: unknown): Promise<ReassignResult> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an administrator can move a user\'s work to another user.');
  const { toUserId } = parseOrThrow(reassignBody, body);
  if (toUserId === fromId) throw new AppError('validation_failed', 'Choose another user to move the work to.', { details: [{ field: 'toUserId', code: 'invalid_value', message: 'This is the same user.' }] });
  return ctx.db.transaction(async (trx) => {
    const from = await trx('users').where({ id: fromId }).first('id');
    if (!from) throw notFound('User');
    const to = await trx('users').where({ id: toUserId, active: true }).first('id');
    if (!to) throw new AppError('reference_invalid', 'Move the work to an active user.', { details: [{ field: 'toUserId', code: 'reference_invalid', message: `There is no active user ${toUserId}.` }] });
    const at = nowIso(ctx);
    const ids = async (table: string, where: (qb: ReturnType<Tx>) => void) => {
      const qb = trx(table).select('id').orderBy('id');
      where(qb);
      return ((await qb) as { id: number }[]).map((r) => Number(r.id));
    };

    const clients = await ids('clients', (qb) => qb.where('manager_id', fromId));
    const contacts = await ids('contacts', (qb) => qb.where('manager_id', fromId));
    const tasks = await ids('tasks', (qb) => qb.where('assignee_id', fromId).whereIn('status', openStatuses));
    const events = await ids('events', (qb) => qb.where('owner_id', fromId).where('status', 'planned'));

    const move = async (table: string, column: string, key: string, entity: EntityName, list: number[]) => {
      for (const part of chunks(list)) {
        await trx(table).whereIn('id', part).update({ [column]: toUserId, version: trx.raw('version + 1'), updated_at: at });
      }
      for (const id of list) {
        await audit(trx, { actor, entity, recordId: id, action: 'update', before: null, after: null, at, changes: { [key]: { old: fromId, new: toUserId } } });
      }
    };
    await move('clients', 'manager_id', 'managerId', 'client', clients);
    await move('contacts', 'manager_id', 'managerId', 'contact', contacts);
    await move('tasks', 'assignee_id', 'assigneeId', 'task', tasks);
    await move('events', 'owner_id', 'ownerId', 'event', events);

    // Quick search limits an own-scope user to entries they own: the moved clients' entries follow.
    const owner = { owner_id: toUserId, owner_key: `u${toUserId}` };
    for (const part of chunks(clients)) {
      await trx('search_entries').where('entity', 'client').whereIn('record_id', part).update(owner);
      for (const [entity, table] of [['contract', 'contracts'], ['invoice', 'invoices']] as const) {
        await trx('search_entries').where('entity', entity).whereIn('record_id', trx(table).select('id').whereIn('client_id', part)).update(owner);
      }
    }
    for (const part of chunks(contacts)) await trx('search_entries').where('entity', 'contact').whereIn('record_id', part).update(owner);

    // Reminders still to come go to the new owner of the work; fired ones stay in the old user's history.
    const reminders = await trx('reminders').where('user_id', fromId).whereNull('fired_at').update({ user_id: toUserId });

    const result: ReassignResult = { clients: clients.length, contacts: contacts.length, tasks: tasks.length, events: events.length, reminders: Number(reminders) };
    await audit(trx, { actor, entity: 'user', recordId: fromId, action: 'reassign', before: null, after: null, at, changes: { reassignedTo: { old: null, new: { userId: toUserId, ...result } } } });
    return result;
  });
}
