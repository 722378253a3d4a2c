import type { Actor } from '../access/rights.js';
import { assertClientVisible, assertManager } from '../clients/service.js';
import { nowIso, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { fieldError } from '../errors/app-error.js';
import { MAX_REMIND_MINUTES, assertSameClient, utc } from '../events/service.js';
import { loadNames, type ApiRecord, type Row } from '../records/rows.js';
import { RecordService } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { planReminder } from '../reminders/store.js';
import { openStatuses, taskEntity } from './entity.js';
import { nextOccurrence, type Repeat } from './repeat.js';

const isOpen = (status: unknown) => (openStatuses as readonly unknown[]).includes(status);

export class TaskService extends RecordService {
  constructor(ctx: AppContext) {
    let self: TaskService | undefined;
    // Who is writing, for the next occurrence a completion creates (afterWrite is not told).
    const writers = new WeakMap<Tx, Actor>();
    super(ctx, taskEntity, {
      async prepare(trx, { values, actor, existing }) {
        writers.set(trx, actor);
        const merged = { ...existing, ...values };
        const extra: Row = {};
        if (!existing) {
          extra.created_by_id = actor.id;
          extra.priority = values.priority ?? 'normal';
          extra.status = values.status ?? 'open';
        }
        if (values.priority === null) extra.priority = 'normal';
        if (values.status === null) extra.status = 'open';
        if (values.assigneeId === null) throw fieldError('assigneeId', 'required', 'Every task has an assignee.');
        if (values.assigneeId !== undefined || !existing) {
          const assigneeId = (values.assigneeId ?? actor.id) as number;
          await assertManager(trx, assigneeId, 'assigneeId');
          extra.assignee_id = assigneeId;
        }
        // Linked records must agree on one client; the client follows from them when not given.
        let clientId = (merged.clientId as number | null | undefined) ?? null;
        if (values.clientId !== undefined && clientId !== null) await assertClientVisible(trx, actor, clientId);
        const linksChanged = ['clientId', 'contactId', 'contractId', 'invoiceId', 'eventId'].some((k) => values[k] !== undefined);
        if (linksChanged) {
          clientId = await assertSameClient(trx, 'contracts', merged.contractId, clientId, 'contractId', 'contract');
          clientId = await assertSameClient(trx, 'invoices', merged.invoiceId, clientId, 'invoiceId', 'invoice');
          clientId = await assertSameClient(trx, 'events', merged.eventId, clientId, 'eventId', 'event');
          clientId = await assertSameClient(trx, 'contacts', merged.contactId, clientId, 'contactId', 'contact');
          if (clientId !== null && clientId !== merged.clientId) await assertClientVisible(trx, actor, clientId);
          extra.client_id = clientId;
        }
        for (const key of ['dueAt', 'remindAt'] as const) if (values[key] !== undefined) extra[key === 'dueAt' ? 'due_at' : 'remind_at'] = utc(values[key]);
        if (merged.remindAt && typeof merged.remindBeforeMinutes === 'number') {
          throw fieldError('remindBeforeMinutes', 'invalid_value', 'Give either a reminder time (remindAt) or minutes before the due time, not both.');
        }
        if (typeof merged.remindBeforeMinutes === 'number') {
          if (!merged.dueAt) throw fieldError('remindBeforeMinutes', 'invalid_value', 'A reminder before the due time needs a due time (dueAt).');
          if (merged.remindBeforeMinutes < 0 || merged.remindBeforeMinutes > MAX_REMIND_MINUTES) throw fieldError('remindBeforeMinutes', 'out_of_range', `Use 0 to ${MAX_REMIND_MINUTES} minutes.`);
        }
        if (merged.repeat && !merged.dueAt) throw fieldError('repeat', 'invalid_value', 'A repeating task needs a due time (dueAt) to repeat from.');
        const status = extra.status ?? merged.status;
        if (existing && status !== existing.status) {
          extra.completed_at = status === 'done' ? nowIso(ctx) : null;
        }
        return extra;
      },

      async expand(conn, records) {
        await loadNames(conn, records, 'assigneeId', 'users', 'assigneeName');
        await loadNames(conn, records, 'clientId', 'clients', 'clientName');
      },

      async afterWrite(trx, record) {
        await planReminder(trx, `task:${record.id}`, taskReminder(record), nowIso(ctx));
        if (record.status === 'done' && record.repeat) await self!.repeatIn(trx, record, writers.get(trx)!);
      },

      search: containsText('tasks', ['title', 'description']),
    });
    self = this;
  }

  /**
   * Creates the next occurrence of a completed repeating task, once:
   * repeated_from_id is unique, and a task completed, reopened and
   * completed again finds its next occurrence already there.
   */
  private async repeatIn(trx: Tx, done: ApiRecord, actor: Actor): Promise<void> {
    if (await trx('tasks').where({ repeated_from_id: done.id }).first('id')) return;
    const due = new Date(done.dueAt as string);
    const { due: next } = nextOccurrence(due, done.repeat as Repeat, this.ctx.clock.now());
    const shift = next.getTime() - due.getTime();
    const copy: Record<string, unknown> = {
      title: done.title, description: done.description, assigneeId: done.assigneeId, priority: done.priority, status: 'open',
      dueAt: next.toISOString(), repeat: done.repeat, remindByEmail: done.remindByEmail,
      remindAt: typeof done.remindAt === 'string' ? new Date(new Date(done.remindAt).getTime() + shift).toISOString() : null,
      remindBeforeMinutes: done.remindBeforeMinutes, clientId: done.clientId, contactId: done.contactId,
      contractId: done.contractId, invoiceId: done.invoiceId, eventId: done.eventId,
    };
    // The copy may link a client the completing user does not manage (a task given to them):
    // it is made with full scope, and the audit log names the user who completed the task.
    const created = await this.createIn(trx, { ...actor, role: 'admin', scope: 'all' }, Object.fromEntries(Object.entries(copy).filter(([, v]) => v !== null && v !== undefined)));
    await trx('tasks').where({ id: created.id }).update({ repeated_from_id: done.id, created_by_id: done.createdById ?? null });
  }
}

/** An open task with a reminder time reminds its assignee then. */
function taskReminder(record: ApiRecord) {
  if (!isOpen(record.status)) return null;
  let dueAt: string | null = null;
  if (typeof record.remindAt === 'string') dueAt = record.remindAt;
  else if (typeof record.remindBeforeMinutes === 'number' && typeof record.dueAt === 'string') {
    dueAt = new Date(new Date(record.dueAt).getTime() - record.remindBeforeMinutes * 60_000).toISOString();
  }
  if (!dueAt) return null;
  return {
    kind: 'task' as const, userId: record.assigneeId as number, dueAt, title: String(record.title),
    body: typeof record.dueAt === 'string' ? `Due ${record.dueAt}` : null, byEmail: Boolean(record.remindByEmail),
    links: { task_id: record.id, client_id: (record.clientId as number | null) ?? null, contract_id: (record.contractId as number | null) ?? null, invoice_id: (record.invoiceId as number | null) ?? null },
  };
}
