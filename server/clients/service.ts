import { seesAll, type Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { channelSchemas } from '../channels/schema.js';
import { deleteChannels, loadChannels, saveChannels } from '../channels/store.js';
import { nowIso, today, type AppContext } from '../context.js';
import type { Conn, Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import { deleteOwnerFiles } from '../files/store.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { clientBalances } from '../payments/balance.js';
import { RecordService, assertUnused } from '../records/service.js';
import { loadNames, type ApiRecord } from '../records/rows.js';
import { indexClient, indexContact } from '../search/documents.js';
import { removeEntry, reownClient } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { tagsSchema } from '../channels/schema.js';
import { removeContactData } from '../contacts/service.js';
import { recentDocuments } from './documents.js';
import { clientEntity } from './entity.js';

export function personName(parts: Record<string, unknown>): string {
  return [parts.firstName, parts.middleName, parts.lastName].filter((p) => typeof p === 'string' && p.trim()).join(' ');
}

const required = (field: string, message: string) => fieldError(field, 'required', message);

/** The client of a document or contact, which the user must be able to see; returns its manager. */
export async function assertClientVisible(trx: Tx, actor: Actor, clientId: number): Promise<number> {
  const client = (await trx('clients').where({ id: clientId }).first('manager_id')) as { manager_id: number } | undefined;
  if (!client || (!seesAll(actor) && Number(client.manager_id) !== actor.id)) {
    throw fieldError('clientId', 'reference_invalid', `There is no client ${clientId} you can see.`);
  }
  return Number(client.manager_id);
}

/** Checks that a user exists and is active, for manager fields. */
export async function assertManager(trx: Tx, managerId: number, field = 'managerId'): Promise<void> {
  const user = await trx('users').where({ id: managerId, active: true }).first('id');
  if (!user) throw new AppError('reference_invalid', 'The manager must be an active user.', { details: [{ field, code: 'reference_invalid', message: `There is no active user ${managerId}.` }] });
}

export async function assertExists(trx: Tx, table: string, id: unknown, field: string, what: string): Promise<void> {
  if (id === null || id === undefined) return;
  const row = await trx(table).where({ id }).first('id');
  if (!row) throw new AppError('reference_invalid', `There is no ${what} ${String(id)}.`, { details: [{ field, code: 'reference_invalid', message: `There is no ${what} ${String(id)}.` }] });
}

async function loadTags(conn: Conn, records: ApiRecord[]): Promise<void> {
  const rows = (await conn('client_tags').whereIn('client_id', records.map((r) => r.id)).orderBy(['client_id', 'tag'])) as { client_id: number; tag: string }[];
  for (const record of records) record.tags = rows.filter((r) => Number(r.client_id) === record.id).map((r) => r.tag);
}

async function saveTags(trx: Tx, clientId: number, tags: string[] | null): Promise<void> {
  await trx('client_tags').where({ client_id: clientId }).delete();
  const unique = [...new Map((tags ?? []).map((t) => [t.toLowerCase(), t])).values()];
  if (unique.length) await trx('client_tags').insert(unique.map((tag) => ({ client_id: clientId, tag })));
}

async function loadContacts(conn: Conn, record: ApiRecord): Promise<void> {
  const rows = (await conn('contacts').where({ client_id: record.id }).orderBy([{ column: 'is_primary', order: 'desc' }, { column: 'name' }])
    .select('id', 'name', 'job_title', 'is_primary')) as { id: number; name: string; job_title: string | null; is_primary: unknown }[];
  const contacts: ApiRecord[] = rows.map((r) => ({ id: Number(r.id), name: r.name, jobTitle: r.job_title, isPrimary: r.is_primary === true || r.is_primary === 1 }) as unknown as ApiRecord);
  if (contacts.length) await loadChannels(conn, 'contact', contacts);
  for (const c of contacts) delete c.messengers;
  record.contacts = contacts;
}

export function clientService(ctx: AppContext): RecordService {
  return new RecordService(ctx, clientEntity, {
    structured: { ...channelSchemas, tags: { create: tagsSchema.nullable().optional(), update: tagsSchema.nullable().optional() } },

    async prepare(trx, { values, actor, existing }) {
      const merged = { ...existing, ...values };
      const extra: Record<string, unknown> = {};
      let name = typeof merged.name === 'string' ? merged.name.trim() : '';
      if (merged.kind === 'individual' && (!name || (existing && values.name === undefined && personName(existing) === existing.name))) {
        // An individual's name follows their name parts unless typed separately.
        name = personName(merged) || name;
      }
      if (!name) {
        throw merged.kind === 'individual'
          ? required('name', 'Give the client\'s name or first and last name.')
          : required('name', 'Give the client\'s name.');
      }
      extra.name = name;
      extra.name_key = nameKey(name);
      if (typeof values.taxId === 'string') extra.tax_id = values.taxId.replace(/\s+/g, '') || null;
      const managerId = (values.managerId ?? existing?.managerId ?? actor.id) as number;
      if (values.managerId !== undefined || !existing) {
        if (managerId === null) throw required('managerId', 'Every client needs a manager.');
        if (!seesAll(actor) && managerId !== actor.id) {
          throw new AppError('forbidden', 'You can only create and keep clients of your own; ask an administrator to reassign a client.');
        }
        await assertManager(trx, managerId);
        extra.manager_id = managerId;
      }
      if (!existing && values.status === undefined) extra.status = 'active';
      if (values.status === null) extra.status = 'active';
      if (values.categoryId !== undefined) await assertExists(trx, 'client_categories', values.categoryId, 'categoryId', 'client category');
      return extra;
    },

    async saveStructured(trx, id, { values }) {
      await saveChannels(trx, 'client', id, values as Parameters<typeof saveChannels>[3]);
      if (values.tags !== undefined) await saveTags(trx, id, values.tags as string[] | null);
    },

    async expand(conn, records, _actor, detail) {
      await loadChannels(conn, 'client', records);
      await loadTags(conn, records);
      await loadNames(conn, records, 'managerId', 'users', 'managerName');
      await loadNames(conn, records, 'categoryId', 'client_categories', 'categoryName');
      if (detail) {
        const balances = await clientBalances(conn, records.map((r) => r.id), today(ctx));
        for (const record of records) {
          await loadContacts(conn, record);
          record.balance = balances.get(record.id) ?? [];
          record.recentDocuments = await recentDocuments(conn, record.id, today(ctx));
        }
      }
    },

    async afterWrite(trx, record) {
      await indexClient(trx, record.id);
      await reownClient(trx, record.id, record.managerId as number);
      // A client's contacts belong to the client's manager (see contacts/entity.ts).
      await trx('contacts').where({ client_id: record.id }).whereNot({ manager_id: record.managerId as number }).update({ manager_id: record.managerId as number });
      // Contacts show their client's name in search results.
      const contacts = (await trx('contacts').where({ client_id: record.id }).select('id')) as { id: number }[];
      for (const c of contacts) await indexContact(trx, Number(c.id));
    },

    async beforeDelete(trx, record, actor) {
      await assertUnused(trx, [
        { table: 'contracts', column: 'client_id', id: record.id, what: 'contracts' },
        { table: 'invoices', column: 'client_id', id: record.id, what: 'invoices' },
        { table: 'payments', column: 'client_id', id: record.id, what: 'payments' },
      ]);
      // The client's contacts go with it; each leaves an audit entry.
      const contacts = (await trx('contacts').where({ client_id: record.id }).select('id', 'name')) as { id: number; name: string }[];
      for (const contact of contacts) {
        await removeContactData(trx, Number(contact.id));
        await audit(trx, { actor, entity: 'contact', recordId: Number(contact.id), action: 'delete', before: { name: contact.name, clientId: record.id }, after: null, at: nowIso(ctx) });
      }
    },

    async afterDelete(trx, record) {
      await deleteChannels(trx, 'client', record.id);
      await removeEntry(trx, 'client', record.id);
      await deleteOwnerFiles(trx, { entity: 'client', id: record.id });
    },

    search(qb, conn, q, actor: Actor) {
      whereMatches(qb, conn, 'clients', 'client', q, actor);
    },
  });
}
