import { isPostgres, type Conn } from '../db/connect.js';

/**
 * One INSERT per table per chunk: the rows travel as one JSON parameter and
 * the database unpacks them (SQLite json_each, PostgreSQL
 * json_populate_recordset typed by the table's own row type). Binding tens
 * of thousands of parameters one by one through knex cost more than the
 * inserts themselves (building the SQL text, the bindings array, the
 * driver's per-parameter calls, and the garbage of all three).
 *
 * Values are what knex would have bound: strings, numbers, booleans
 * (SQLite reads JSON true as 1, as the driver binds it) and null. Table and
 * column names come from the code and the field metadata; they are quoted
 * as identifiers all the same.
 */

/** Rows per statement: a chunk's rows fit in one; this only bounds the JSON text of a larger call. */
const ROWS_PER_STATEMENT = 5000;

type Value = string | number | boolean | null;

function plain(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v as Value;
}

/**
 * Inserts rows (objects; a column missing from a row is null) and, with
 * `returning`, returns the new ids in the order of the rows.
 */
export function insertRows(conn: Conn, table: string, rows: Record<string, unknown>[], returning = false): Promise<number[]> {
  if (!rows.length) return Promise.resolve([]);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return insertValues(conn, table, columns, rows.map((r) => columns.map((c) => r[c])), returning);
}

/**
 * The same with each row given as its values in the order of `columns`
 * (no object per row to build and take apart again). A bigint in a row is
 * replaced by its text.
 */
export async function insertValues(conn: Conn, table: string, columns: string[], rows: unknown[][], returning = false): Promise<number[]> {
  if (!rows.length) return [];
  const ids: number[] = [];
  const pg = isPostgres(conn);
  const names = columns.map(() => '??').join(', ');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.length <= ROWS_PER_STATEMENT ? rows : rows.slice(i, i + ROWS_PER_STATEMENT);
    let got: { id: number | string }[];
    if (pg) {
      const objects = part.map((r) => {
        const o: Record<string, Value> = {};
        for (let j = 0; j < columns.length; j++) o[columns[j]!] = plain(r[j]);
        return o;
      });
      const sql = `INSERT INTO ?? (${names}) SELECT ${names} FROM json_populate_recordset(NULL::??, ?::json) WITH ORDINALITY ORDER BY ordinality${returning ? ' RETURNING id' : ''}`;
      const result = (await conn.raw(sql, [table, ...columns, ...columns, table, JSON.stringify(objects)])) as { rows: { id: number | string }[] };
      got = result.rows;
    } else {
      // JSON.stringify writes undefined in an array as null and a Date as its ISO text, like plain(); not a bigint.
      for (const r of part) for (let j = 0; j < r.length; j++) if (typeof r[j] === 'bigint') r[j] = plain(r[j]);
      const values = columns.map((_, j) => `value->>${j}`).join(', ');
      const sql = `INSERT INTO ?? (${names}) SELECT ${values} FROM json_each(?) ORDER BY key${returning ? ' RETURNING id' : ''}`;
      got = (await conn.raw(sql, [table, ...columns, JSON.stringify(part)])) as { id: number | string }[];
    }
    // One statement in one transaction: ids ascend in the order of the rows.
    if (returning) ids.push(...got.map((g) => Number(g.id)).sort((a, b) => a - b));
  }
  return ids;
}
