import { isPostgres, type Conn } from '../server/db/connect.js';
import type { Value } from './generate.js';

/**
 * Bulk insert for the filler: rows travel as one JSON parameter per
 * statement and the database unpacks them (SQLite json_each, PostgreSQL
 * json_populate_recordset), which is several times faster than binding
 * tens of thousands of parameters one by one. Table and column names come
 * from the bench code, never from input.
 */
const ROWS_PER_STATEMENT = 5000;

export async function bulkInsert(conn: Conn, table: string, columns: readonly string[], rows: Value[][]): Promise<void> {
  const pg = isPostgres(conn);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    if (pg) {
      // Keyed objects typed by the table's own row type.
      const objects = chunk.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]])));
      await conn.raw(`INSERT INTO ${table} (${columns.join(',')}) SELECT ${columns.join(',')} FROM json_populate_recordset(NULL::${table}, ?::json)`, [JSON.stringify(objects)]);
    } else {
      const values = columns.map((_, j) => `value->>${j}`).join(',');
      await conn.raw(`INSERT INTO ${table} (${columns.join(',')}) SELECT ${values} FROM json_each(?)`, [JSON.stringify(chunk)]);
    }
  }
}
