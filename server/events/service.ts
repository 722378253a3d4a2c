import { assertClientVisible, assertManager } from '../clients/service.js';
import { nowIso, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { fieldError } from '../errors/app-error.js';
import { loadNames, type ApiRecord, type Row } from '../records/rows.js';
import { RecordService } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { planReminder } from '../reminders/store.js';
import { eventEntity } from './entity.js';
import { findType } from './types.js';

export const MAX_REMIND_MINUTES = 43_200; // 30 days

/** An instant as the one form both databases store and compare: UTC ISO. */
export function utc(value: unknown): string | null {
  return typeof value === 'string' ? new Date(value).toISOString() : null;
}

/**
 * A related record (contact, contract, invoice, event) must exist and
 * belong to the same client; returns that client.
 */
export async function assertSameClient(trx: Tx, table: string, id: unknown, clientId: number | null, field: string, what: string): Promise<number | null> {
  if (typeof id !== 'number') return clientId;
  const row = (await trx(table).where({ id }).first('client_id')) as { client_id: number | null } | undefined;
  if (!row) throw fieldError(field, 'reference_invalid', `There is no ${what} ${id}.`);
  const owner = row.client_id === null ? null : Number(row.client_id);
  if (clientId !== null && owner !== clientId) throw fieldError(field, 'reference_invalid', `The ${what} belongs to another client.`);
  return owner ?? clientId;
}

export function eventService(ctx: AppContext): RecordService {
  return new RecordService(ctx, eventEntity, {
    async prepare(trx, { values, actor, existing }) {
      const merged = { ...existing, ...values };
      const extra: Row = {};
      const typeKey = merged.type as string;
      if (values.type !== undefined || values.result !== undefined || !existing) {
        const type = await findType(trx, typeKey);
        if (!type || (type.archived && values.type !== undefined)) throw fieldError('type', 'invalid_choice', `There is no event type "${typeKey}"; see GET /event-types.`);
        const result = merged.result as string | null | undefined;
        if (typeof result === 'string' && result !== '' && !type.results.some((r) => r.key === result)) {
          throw fieldError('result', 'invalid_choice', `A ${type.label.toLowerCase()} ends with one of: ${type.results.map((r) => r.key).join(', ') || 'no results'}.`);
        }
      }
      const clientId = merged.clientId as number;
      if (values.clientId !== undefined) await assertClientVisible(trx, actor, clientId);
      if (values.clientId !== undefined || values.contactId !== undefined) await assertSameClient(trx, 'contacts', merged.contactId, clientId, 'contactId', 'contact');
      if (values.clientId !== undefined || values.contractId !== undefined) await assertSameClient(trx, 'contracts', merged.contractId, clientId, 'contractId', 'contract');
      if (values.clientId !== undefined || values.invoiceId !== undefined) await assertSameClient(trx, 'invoices', merged.invoiceId, clientId, 'invoiceId', 'invoice');
      if (values.ownerId !== undefined || !existing) {
        const ownerId = (values.ownerId ?? existing?.ownerId ?? actor.id) as number | null;
        if (ownerId === null) throw fieldError('ownerId', 'required', 'Every event has someone responsible.');
        await assertManager(trx, ownerId, 'ownerId');
        extra.owner_id = ownerId;
      }
      const startsAt = utc(merged.startsAt)!;
      const endsAt = utc(merged.endsAt);
      if (values.startsAt !== undefined) extra.starts_at = startsAt;
      if (values.endsAt !== undefined) extra.ends_at = endsAt;
      if (endsAt && endsAt < startsAt) throw fieldError('endsAt', 'out_of_range', 'The event ends before it starts.');
      // A new event without a status is planned if it lies ahead, done if it happened.
      const status = (merged.status ?? (startsAt > nowIso(ctx) ? 'planned' : 'done')) as string;
      extra.status = status;
      if (status === 'planned' && typeof merged.result === 'string' && merged.result !== '') {
        throw fieldError('result', 'invalid_state', 'Mark the event done (status: "done") to write its result.');
      }
      const minutes = merged.remindBeforeMinutes;
      if (typeof minutes === 'number' && (minutes < 0 || minutes > MAX_REMIND_MINUTES)) {
        throw fieldError('remindBeforeMinutes', 'out_of_range', `Use 0 to ${MAX_REMIND_MINUTES} minutes.`);
      }
      return extra;
    },

    async expand(conn, records) {
      await loadNames(conn, records, 'clientId', 'clients', 'clientName');
      await loadNames(conn, records, 'contactId', 'contacts', 'contactName');
      await loadNames(conn, records, 'ownerId', 'users', 'ownerName');
    },

    async afterWrite(trx, record) {
      await planReminder(trx, `event:${record.id}`, eventReminder(record), nowIso(ctx));
    },

    search: containsText('events', ['subject', 'description', 'result_notes']),
  });
}

/** A planned event with remindBeforeMinutes reminds its owner that long before it starts. */
function eventReminder(record: ApiRecord) {
  if (record.status !== 'planned' || typeof record.remindBeforeMinutes !== 'number') return null;
  const dueAt = new Date(new Date(record.startsAt as string).getTime() - record.remindBeforeMinutes * 60_000).toISOString();
  return {
    kind: 'event' as const, userId: record.ownerId as number, dueAt, title: String(record.subject),
    body: `${String(record.clientName ?? '')}, ${String(record.startsAt)}`, byEmail: Boolean(record.remindByEmail),
    links: { event_id: record.id, client_id: record.clientId as number, contact_id: (record.contactId as number | null) ?? null },
  };
}
