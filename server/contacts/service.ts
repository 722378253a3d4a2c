import { seesAll } from '../access/rights.js';
import { channelSchemas } from '../channels/schema.js';
import { deleteChannels, loadChannels, saveChannels } from '../channels/store.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { RecordService } from '../records/service.js';
import { loadNames } from '../records/rows.js';
import { indexContact } from '../search/documents.js';
import { removeEntry } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { assertClientVisible, assertManager, personName } from '../clients/service.js';
import { deleteOwnerFiles } from '../files/store.js';
import { contactEntity } from './entity.js';

/** Removes what belongs to a contact besides its row: channels, search entry, files. */
export async function removeContactData(trx: Tx, id: number): Promise<void> {
  await deleteChannels(trx, 'contact', id);
  await removeEntry(trx, 'contact', id);
  await deleteOwnerFiles(trx, { entity: 'contact', id });
}

export function contactService(ctx: AppContext): RecordService {
  return new RecordService(ctx, contactEntity, {
    structured: channelSchemas,

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
    },

    async expand(conn, records) {
      await loadChannels(conn, 'contact', records);
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
