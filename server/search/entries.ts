import type { Tx } from '../db/connect.js';
import { phoneTokens, joinTerms } from './tokens.js';

export type SearchEntity = 'client' | 'contact' | 'contract' | 'invoice';

export interface SearchDocument {
  entity: SearchEntity;
  recordId: number;
  /** The user whose scope the record is in (a client's manager). */
  ownerId: number;
  title: string;
  subtitle: string;
  /** Texts matched with a higher weight (names). */
  names: (string | null | undefined)[];
  /** Everything else a user may type: tax ids, e-mails, numbers, city. */
  texts: (string | null | undefined)[];
  phones?: string[];
}

/** A search_entries row as stored; search/rebuild.ts writes the same rows in batches. */
export interface EntryRow {
  entity: SearchEntity;
  record_id: number;
  owner_id: number;
  owner_key: string;
  title: string;
  subtitle: string;
  name_terms: string;
  terms: string;
}

/** The index row of a document: its words normalised by tokens.ts. */
export function entryRow(doc: SearchDocument): EntryRow {
  const phoneTerms = (doc.phones ?? []).flatMap(phoneTokens);
  return {
    entity: doc.entity,
    record_id: doc.recordId,
    owner_id: doc.ownerId,
    owner_key: `u${doc.ownerId}`,
    title: doc.title.slice(0, 500),
    subtitle: doc.subtitle.slice(0, 500),
    name_terms: joinTerms(doc.names),
    terms: [joinTerms(doc.texts), ...phoneTerms].filter(Boolean).join(' '),
  };
}

/**
 * Writes a record's search entry in the caller's transaction, so the index
 * is never behind the data. SQLite triggers copy it into FTS5; PostgreSQL
 * derives its tsvector column.
 */
export async function putEntry(trx: Tx, doc: SearchDocument): Promise<void> {
  const row = entryRow(doc);
  const updated = await trx('search_entries').where({ entity: doc.entity, record_id: doc.recordId }).update(row);
  if (!updated) await trx('search_entries').insert(row);
}

export async function removeEntry(trx: Tx, entity: SearchEntity, recordId: number): Promise<void> {
  await trx('search_entries').where({ entity, record_id: recordId }).delete();
}

/**
 * A client changed hands: its entry and those of its contacts, contracts
 * and invoices now belong to the new manager's scope.
 */
export async function reownClient(trx: Tx, clientId: number, ownerId: number): Promise<void> {
  const values = { owner_id: ownerId, owner_key: `u${ownerId}` };
  await trx('search_entries').where({ entity: 'client', record_id: clientId }).update(values);
  for (const [entity, table] of [['contact', 'contacts'], ['contract', 'contracts'], ['invoice', 'invoices']] as const) {
    await trx('search_entries')
      .where({ entity })
      .whereIn('record_id', trx(table).select('id').where({ client_id: clientId }))
      .update(values);
  }
}
