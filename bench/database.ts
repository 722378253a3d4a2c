import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';

/**
 * Where the bench keeps its databases: a SQLite file under .bench/ (ignored
 * by git) or a PostgreSQL database of its own, named after the size, so
 * `--keep` can reuse a filled one between runs.
 */
export type DbKind = 'sqlite' | 'postgres';

export const BENCH_DIR = path.resolve(process.cwd(), '.bench');
const PG_ADMIN_URL = process.env.KONTORA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  kind: DbKind;
  config: { databaseUrl: string | undefined; sqliteFile: string; dataDir: string };
  /** A JSON file saying the database was filled completely, and how. */
  markerFile: string;
  /** Removes the database (and its marker) so it can be filled afresh. */
  reset(): Promise<void>;
}

export function benchDatabase(kind: DbKind, clients: number): BenchDatabase {
  const dataDir = path.join(BENCH_DIR, `${kind}-${clients}`);
  const sqliteFile = path.join(dataDir, 'kontora.sqlite');
  const markerFile = path.join(dataDir, 'filled.json');
  const pgName = `kontora_bench_${clients}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${pgName}`;
  return {
    kind,
    config: { databaseUrl: kind === 'postgres' ? url.toString() : undefined, sqliteFile, dataDir },
    markerFile,
    async reset() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
      if (kind !== 'postgres') return;
      const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await admin.raw(`CREATE DATABASE ${pgName}`);
      } finally {
        await admin.destroy();
      }
    },
  };
}
