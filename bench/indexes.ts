import { isPostgres, type Conn } from '../server/db/connect.js';

/**
 * Secondary indexes of the bulk-loaded tables are dropped before the fill
 * and created again after it: building an index from sorted data is much
 * faster than growing it one random insert at a time. Definitions are read
 * from the database itself, so what is recreated is exactly what the
 * migrations made. Indexes behind constraints (primary keys, UNIQUE) stay.
 */
export interface SavedIndex {
  name: string;
  sql: string;
}

export async function dropIndexes(conn: Conn, tables: string[]): Promise<SavedIndex[]> {
  let saved: SavedIndex[];
  if (isPostgres(conn)) {
    const result = (await conn.raw(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(?)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [tables],
    )) as { rows: SavedIndex[] };
    saved = result.rows;
  } else {
    // sql is NULL for the automatic indexes of PRIMARY KEY and UNIQUE; a
    // CREATE UNIQUE INDEX stays too (upserts rely on it).
    saved = ((await conn('sqlite_master').where('type', 'index').whereIn('tbl_name', tables).whereNotNull('sql').select('name', 'sql')) as SavedIndex[])
      .filter((index) => !/^\s*CREATE\s+UNIQUE/i.test(index.sql));
  }
  for (const index of saved) await conn.raw(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  return saved;
}

export async function restoreIndexes(conn: Conn, saved: SavedIndex[]): Promise<void> {
  if (!isPostgres(conn)) {
    for (const index of saved) await conn.raw(index.sql);
    return;
  }
  // More sort memory for the build than PostgreSQL's 64 MB default (this
  // transaction only): a GIN index over two million entries builds in a
  // fraction of the time.
  await conn.transaction(async (trx) => {
    await trx.raw(`SET LOCAL maintenance_work_mem = '1GB'`);
    for (const index of saved) await trx.raw(index.sql);
  });
}
