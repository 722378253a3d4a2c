import type { Conn } from '../db/connect.js';
import { decode, encode, toIso } from '../fields/codec.js';
import type { FieldDef } from '../fields/types.js';

export type ApiRecord = Record<string, unknown> & { id: number; version: number; createdAt: string; updatedAt: string };
export type Row = Record<string, unknown>;

/**
 * A table row as the API shows it: system fields first, then every active
 * column field (built-in and custom) by key. Money fields whose currency is
 * another field are decoded after it.
 */
export function decodeRecord(fields: FieldDef[], row: Row): ApiRecord {
  const record: Record<string, unknown> = {
    id: Number(row.id),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
  const later: FieldDef[] = [];
  for (const field of fields) {
    if (field.column === null || field.archived || field.key in record) continue;
    if (field.type === 'money' && field.options.currencyField) later.push(field);
    else record[field.key] = decode(field, row[field.column]);
  }
  for (const field of later) {
    const currency = record[field.options.currencyField!];
    record[field.key] = decode(field, row[field.column!], { [field.options.currencyField!]: currency });
  }
  return record as ApiRecord;
}

/**
 * API values → column values, for the keys present in `values` only (a
 * partial update leaves other columns alone). Structured fields are left to
 * the entity's own code.
 */
export function encodeValues(fields: FieldDef[], values: Record<string, unknown>, currency?: string, skip: Set<string> = new Set()): Row {
  const row: Row = {};
  for (const field of fields) {
    if (field.column === null || field.readOnly || !(field.key in values) || skip.has(field.column)) continue;
    const fieldCurrency = field.options.currencyField ? currency : field.options.currency;
    row[field.column] = encode(field, values[field.key], fieldCurrency);
  }
  return row;
}

/**
 * Adds the name of a linked record to each record: record[nameKey] is the
 * `name` of the row of `table` whose id is record[idKey], or null.
 */
export async function loadNames(conn: Conn, records: ApiRecord[], idKey: string, table: string, nameKey: string): Promise<void> {
  const ids = [...new Set(records.map((r) => r[idKey]).filter((v): v is number => typeof v === 'number'))];
  const rows = ids.length ? ((await conn(table).whereIn('id', ids).select('id', 'name')) as { id: number; name: string }[]) : [];
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  for (const record of records) {
    const id = record[idKey];
    record[nameKey] = typeof id === 'number' ? (names.get(id) ?? null) : null;
  }
}
