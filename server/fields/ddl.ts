import { isPostgres, type Tx } from '../db/connect.js';
import type { CustomFieldType, FieldOptions } from './types.js';
import { urlString } from './validation.js';

/**
 * The columns behind custom fields. Each custom field is a real, typed
 * column `cf_<id>` on its entity's table with a B-tree index, so a filter
 * or sort on it is an index scan on SQLite and PostgreSQL alike.
 *
 * SQL identifiers here come from two places only: the table name in the
 * entity's code and the numeric id of the metadata row. Both are checked
 * again below and passed as identifier bindings, so no text a user typed
 * (a key, a label) can ever reach a DDL statement.
 */

const TABLE = /^[a-z][a-z0-9_]{0,62}$/;

// The same type names work on both databases; money and numbers are scaled
// integers (minor units), many_of a JSON array of choice keys. A yes/no
// field reads as "no" on records that existed before it, so it is stored as
// false there too (both databases fill a constant default without a rewrite).
const SQL_TYPES: Record<CustomFieldType, string> = {
  text: 'text', long_text: 'text', email: 'text', phone: 'text', url: 'text', one_of: 'text',
  many_of: 'text', number: 'bigint', money: 'bigint', date: 'date', boolean: 'boolean DEFAULT false', link: 'integer',
};

/**
 * PostgreSQL refuses a B-tree entry over 2704 bytes, so a value that may be
 * longer (text of up to 2000 characters, 4 bytes each in UTF-8) would make
 * its insert fail. Text up to 600 characters (2400 bytes) is indexed;
 * longer text, long text and many-of lists are not (they are filtered with
 * contains/has, which no B-tree serves anyway).
 */
const INDEXABLE_TEXT_LENGTH = 600;

// Web addresses are indexed while their validation keeps them short enough;
// asked of the validator itself so a change there cannot break inserts here.
const URL_FITS = !urlString.safeParse(`https://example.com/${'a'.repeat(INDEXABLE_TEXT_LENGTH)}`).success;

export function isIndexed(type: CustomFieldType, options: FieldOptions): boolean {
  switch (type) {
    case 'long_text':
    case 'many_of':
      return false;
    case 'url':
      return URL_FITS;
    case 'text':
      return (options.maxLength ?? 500) <= INDEXABLE_TEXT_LENGTH;
    default:
      return true;
  }
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`custom field id ${id} is not a positive integer`);
  return id;
}

function checkTable(table: string): string {
  if (!TABLE.test(table)) throw new Error(`entity table name ${JSON.stringify(table)} is not a plain identifier`);
  return table;
}

function customColumn(id: number): string {
  return `cf_${checkId(id)}`;
}

function customIndex(table: string, id: number): string {
  return `${checkTable(table)}_cf_${checkId(id)}_idx`;
}

/** Adds the column (and its index) of a new custom field. */
export async function addColumn(trx: Tx, table: string, id: number, type: CustomFieldType, options: FieldOptions): Promise<string> {
  const column = customColumn(id);
  const sqlType = SQL_TYPES[type];
  if (!sqlType) throw new Error(`no column type for ${type}`);
  // The type is one of the constants above, never input.
  await trx.raw(`ALTER TABLE ?? ADD COLUMN ?? ${sqlType}`, [checkTable(table), column]);
  if (isIndexed(type, options)) await addIndex(trx, table, id);
  return column;
}

/** PostgreSQL's second index, see addIndex. */
function customDescIndex(table: string, id: number): string {
  return `${checkTable(table)}_cf_${checkId(id)}_desc_idx`;
}

/**
 * Lists sort empty values last in both directions. SQLite serves
 * "ASC NULLS LAST" and "DESC NULLS LAST" from one index; PostgreSQL's
 * B-tree serves only one of them per index (a backward scan turns NULLS
 * LAST into NULLS FIRST), and a descending sort over 1,000,000 rows without
 * it takes ~100 ms instead of ~2 ms. So PostgreSQL gets a second index.
 */
export async function addIndex(trx: Tx, table: string, id: number): Promise<void> {
  await trx.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (??)', [customIndex(table, id), checkTable(table), customColumn(id)]);
  if (isPostgres(trx)) {
    await trx.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (?? DESC NULLS LAST)', [customDescIndex(table, id), checkTable(table), customColumn(id)]);
  }
}

export async function dropIndex(trx: Tx, table: string, id: number): Promise<void> {
  await trx.raw('DROP INDEX IF EXISTS ??', [customIndex(table, id)]);
  await trx.raw('DROP INDEX IF EXISTS ??', [customDescIndex(table, id)]);
}

/** Drops a custom field's index and column. SQLite (3.35+) refuses to drop
 *  an indexed column, so the index goes first. */
export async function dropColumn(trx: Tx, table: string, id: number): Promise<void> {
  await dropIndex(trx, table, id);
  await trx.raw('ALTER TABLE ?? DROP COLUMN ??', [checkTable(table), customColumn(id)]);
}
