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
 *  "database is locked", and foreign keys that SQLite leaves off by default. */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA cache_size = -65536',
  'PRAGMA temp_store = MEMORY',
  'PRAGMA mmap_size = 268435456',
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
  return knexFactory({
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
  });
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
