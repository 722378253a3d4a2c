import { seesAll } from '../access/rights.js';
import { channelSchemas, tagsSchema } from '../channels/schema.js';
import { deleteChannels, loadChannels, saveChannels } from '../channels/store.js';
import type { AppContext } from '../context.js';
import type { Conn, Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { RecordService } from '../records/service.js';
import { loadNames, type ApiRecord } from '../records/rows.js';
import { indexContact } from '../search/documents.js';
import { removeEntry } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { assertClientVisible, assertManager, personName } from '../clients/service.js';
import { deleteOwnerFiles } from '../files/store.js';
import { contactEntity } from './entity.js';

/** Removes what belongs to a contact besides its row: channels, tags, search entry, files. */
export async function removeContactData(trx: Tx, id: number): Promise<void> {
  await deleteChannels(trx, 'contact', id);
  await trx('contact_tags').where({ contact_id: id }).delete();
  await removeEntry(trx, 'contact', id);
  await deleteOwnerFiles(trx, { entity: 'contact', id });
}

async function loadContactTags(conn: Conn, records: ApiRecord[]): Promise<void> {
  const rows = (await conn('contact_tags').whereIn('contact_id', records.map((r) => r.id)).orderBy(['contact_id', 'tag'])) as { contact_id: number; tag: string }[];
  for (const record of records) record.tags = rows.filter((r) => Number(r.contact_id) === record.id).map((r) => r.tag);
}

/** Replaces a contact's tags; the same tag in another case is kept once. */
async function saveContactTags(trx: Tx, contactId: number, tags: string[] | null): Promise<void> {
  await trx('contact_tags').where({ contact_id: contactId }).delete();
  const unique = [...new Map((tags ?? []).map((t) => [t.toLowerCase(), t])).values()];
  if (unique.length) await trx('contact_tags').insert(unique.map((tag) => ({ contact_id: contactId, tag })));
}

export function contactService(ctx: AppContext): RecordService {
  return new RecordService(ctx, contactEntity, {
    structured: { ...channelSchemas, tags: { create: tagsSchema.nullable().optional(), update: tagsSchema.nullable().optional() } },

    async prepare(trx: Tx, { values, actor, existing }) {
      const merged = { ...existing, ...values };
      const extra: Record<string, unknown> = {};
      let name = typeof merged.name === 'string' ? merged.name.trim() : '';
      if (!name || (existing && values.name === undefined && personName(existing) === existing.name)) name = personName(merged) || name;
      if (!name) throw fieldError('name', 'required', 'Give the contact\'s name or first and last name.');
      extra.name = name;
      extra.name_key = nameKey(name);

      const clientId = merged.clientId as number | null | undefined;
      if (clientId) {
        // A contact may only be attached to a client the user can see.
        const clientManagerId = await assertClientVisible(trx, actor, clientId);
        if (values.managerId !== undefined && values.managerId !== null && values.managerId !== clientManagerId) {
          throw fieldError('managerId', 'invalid_value', 'A client\'s contact belongs to the client\'s manager.');
        }
        extra.manager_id = clientManagerId;
      } else {
        const managerId = (values.managerId ?? existing?.managerId ?? actor.id) as number;
        if (!seesAll(actor) && managerId !== actor.id) throw new AppError('forbidden', 'You can only keep contacts of your own.');
        await assertManager(trx, managerId);
        extra.manager_id = managerId;
      }
      if (merged.isPrimary === true && clientId) {
        // One primary contact per client.
        await trx('contacts').where({ client_id: clientId, is_primary: true }).whereNot('id', existing?.id ?? 0).update({ is_primary: false });
      }
      return extra;
    },

    async saveStructured(trx, id, { values }) {
      await saveChannels(trx, 'contact', id, values as Parameters<typeof saveChannels>[3]);
      if (values.tags !== undefined) await saveContactTags(trx, id, values.tags as string[] | null);
    },

    async expand(conn, records) {
      await loadChannels(conn, 'contact', records);
      await loadContactTags(conn, records);
      await loadNames(conn, records, 'clientId', 'clients', 'clientName');
    },

    async afterWrite(trx, record) {
      await indexContact(trx, record.id);
    },

    async afterDelete(trx, record) {
      await removeContactData(trx, record.id);
    },

    search(qb, conn, q, actor) {
      whereMatches(qb, conn, 'contacts', 'contact', q, actor);
    },
  });
}
