import type { Tx } from '../db/connect.js';
import type { EntityDef } from '../records/entity.js';
import { indexClient, indexContact, indexContract, indexInvoice } from '../search/documents.js';
import { customTextColumns } from './search-texts.js';
import { textualTypes, type FieldDef } from './types.js';

/** The quick-search entry writer of each searchable entity. */
const INDEXERS: Partial<Record<string, (trx: Tx, id: number, columns: string[]) => Promise<void>>> = {
  client: indexClient, contact: indexContact, contract: indexContract, invoice: indexInvoice,
};

/** Whether archiving or deleting this field changes what search finds. */
function affectsSearch(def: EntityDef, field: FieldDef): boolean {
  return field.custom && field.column !== null && textualTypes.has(field.type) && INDEXERS[def.name] !== undefined;
}

/**
 * Ids of the records holding a value in a searchable custom field, read
 * before the field is archived or its column dropped. Only these records'
 * search entries change; records with the field empty are left alone.
 */
export async function recordsWithText(trx: Tx, def: EntityDef, field: FieldDef): Promise<number[]> {
  if (!affectsSearch(def, field)) return [];
  const rows = (await trx(def.table).whereNotNull(field.column!).andWhere(field.column!, '<>', '').select('id')) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/**
 * Rewrites the search entries of these records in the caller's transaction,
 * with the entity's searchable custom columns as they are now, read once.
 */
export async function reindex(trx: Tx, def: EntityDef, ids: number[]): Promise<void> {
  const indexer = INDEXERS[def.name];
  if (!indexer || !ids.length) return;
  const columns = await customTextColumns(trx, def.name);
  for (const id of ids) await indexer(trx, id, columns);
}
