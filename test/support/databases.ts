import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';

/**
 * The databases every database suite runs on: SQLite always, PostgreSQL when
 * a server answers (127.0.0.1:5432 with trust auth on development and CI
 * machines, or KONTORA_TEST_PG_URL). Each test server gets a database of
 * its own, dropped afterwards.
 */
export type DbKind = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.KONTORA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    if (process.env.KONTORA_TEST_PG === '0') return false;
    const db = knexFactory({ client: 'pg', connection: { connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 }, pool: { min: 0, max: 1 } });
    try {
      await db.raw('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await db.destroy();
    }
  })();
  return pgAvailable;
}

export interface TestDatabase {
  kind: DbKind;
  /** Config for the server: a fresh SQLite file or PostgreSQL database. */
  config: { databaseUrl: string | undefined; sqliteFile: string; dataDir: string };
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-test-'));
  const sqliteFile = path.join(dataDir, 'kontora.sqlite');
  if (kind === 'sqlite') {
    return {
      kind,
      config: { databaseUrl: undefined, sqliteFile, dataDir },
      async drop() {
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `kontora_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { databaseUrl: url.toString(), sqliteFile, dataDir },
    async drop() {
      const a = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
      try {
        await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

let warned = false;

/**
 * Runs the same suite once per database, as knex's own integration tests
 * do. Without a PostgreSQL server the PostgreSQL copy is skipped with a
 * message that shows in the test output.
 */
export function forEachDatabase(title: string, suite: (kind: DbKind) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${kind}]`, function () {
      if (kind === 'postgres') {
        before(async function () {
          if (!(await postgresAvailable())) {
            if (!warned) {
              warned = true;
              console.log(`\n    ⚠ PostgreSQL is not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}: the PostgreSQL suites are SKIPPED.\n`);
            }
            this.skip();
          }
        });
      }
      suite(kind);
    });
  }
}
