import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from '../config.js';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Anything queries can run on: the database or an open transaction. */
export type Conn = Knex | Knex.Transaction;

// PostgreSQL answers BIGINT and COUNT(*) as strings and DATE as a Date at
// local midnight. Kontora keeps money in BIGINT minor units well inside the
// safe integer range, and dates as calendar strings, so read them that way.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${v} is outside the safe range`);
  return n;
});
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

/** The pragmas every SQLite connection gets: WAL for readers beside a writer,
 *  a busy timeout so another process (CLI, backup) never surfaces as
 *  "database is locked", and foreign keys that SQLite leaves off by default.
 *  PRAGMA optimize gathers the table statistics the query planner needs to
 *  choose between indexes (SQLite never does on its own; without them a
 *  million-row list can pick an index that reads 100 times more rows), for
 *  tables that have none or changed a lot, sampling at most 1,000 rows per
 *  index so it takes milliseconds (the SQLite documentation's advice for
 *  long-lived connections). */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA cache_size = -65536',
  'PRAGMA temp_store = MEMORY',
  'PRAGMA mmap_size = 268435456',
  'PRAGMA analysis_limit = 1000',
  'PRAGMA optimize = 0x10002',
];

export function connect(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): Db {
  if (config.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: config.databaseUrl,
      pool: { min: 0, max: Number(process.env.KONTORA_PG_POOL ?? 10) },
      acquireConnectionTimeout: 30_000,
    });
  }
  fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
  return beginImmediate(knexFactory({
    client: 'sqlite3',
    connection: { filename: config.sqliteFile },
    useNullAsDefault: true,
    // One connection: SQLite allows one writer, and queuing in the pool
    // (instead of in SQLite's lock) is what keeps "database is locked" away.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) {
        conn.exec(SQLITE_PRAGMAS.join(';\n'), (err) => done(err, conn));
      },
    },
    acquireConnectionTimeout: 120_000,
  }));
}

interface SqliteTransaction {
  begin(conn: unknown): Promise<unknown>;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE, taking the write lock at
 * once. With knex's plain BEGIN a transaction reads first and asks for the
 * write lock at its first write; if another process (kontora reindex, an
 * import, a backup restore check) committed in between, SQLite cannot
 * upgrade the stale read and fails at once with SQLITE_BUSY ("database is
 * locked"), whatever the busy timeout. Taking the lock first makes it wait
 * (busy_timeout) instead. Found by test/search-rebuild.test.ts; inside one
 * process the one-connection pool already runs transactions one at a time.
 * knex has no option for it, so its transaction's begin is replaced.
 */
function beginImmediate(db: Db): Db {
  const client = db.client as { transaction(...args: unknown[]): SqliteTransaction };
  const create = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const trx = create(...args);
    trx.begin = (conn: unknown) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  };
  return db;
}

export function isPostgres(db: Conn): boolean {
  return (db.client as { config: { client: string } }).config.client === 'pg';
}

/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** A row count from COUNT(*), which the drivers answer as number or string. */
export function toCount(row: Record<string, unknown> | undefined): number {
  const v = row ? Object.values(row)[0] : 0;
  return Number(v ?? 0);
}
