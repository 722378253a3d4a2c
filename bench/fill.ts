import { isPostgres, type Db } from '../server/db/connect.js';
import { rebuildSearchIndex } from '../server/search/rebuild.js';
import { hashPassword } from '../server/users/password.js';
import { bulkInsert } from './bulk.js';
import { dropIndexes, restoreIndexes } from './indexes.js';
import { CATEGORIES } from './names.js';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS, CONTACT_COLUMNS, Generator, TAG_COLUMNS } from './generate.js';

/** Every bench user signs in with this password (the bench server listens on 127.0.0.1 only). */
export const BENCH_PASSWORD = 'bench-password-2026';
export const MANAGER_COUNT = 20;
/** Managers 1–15 see their own clients, 16–20 all clients. */
export const OWN_SCOPE_MANAGERS = 15;

export interface FillResult {
  clients: number;
  contacts: number;
  channels: number;
  tags: number;
  /** Seconds: rows written, then the search index built by search/rebuild.ts. */
  insertSeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  totalSeconds: number;
}

const CLIENTS_PER_CHUNK = 10_000;
const CHUNKS_PER_TRANSACTION = 5;

export const managerLogin = (n: number) => `manager${String(n).padStart(2, '0')}`;

/**
 * Fills an empty, migrated database with `count` clients, their contacts,
 * phones, e-mails and tags, 20 managers and 8 categories, in big
 * transactions of multi-row inserts; then builds the search index.
 */
export async function fill(db: Db, count: number, say: (line: string) => void): Promise<FillResult> {
  const started = performance.now();
  const at = new Date().toISOString();
  const hash = await hashPassword(BENCH_PASSWORD);
  const users = [[1, 1, at, at, 'admin', 'admin@bench.example', 'Administrator', 'admin', 'all', true, hash]];
  for (let n = 1; n <= MANAGER_COUNT; n++) {
    users.push([n + 1, 1, at, at, managerLogin(n), `${managerLogin(n)}@bench.example`, `Manager ${n}`, 'manager', n <= OWN_SCOPE_MANAGERS ? 'own' : 'all', true, hash]);
  }
  await bulkInsert(db, 'users', ['id', 'version', 'created_at', 'updated_at', 'login', 'email', 'name', 'role', 'scope', 'active', 'password_hash'], users);
  await bulkInsert(db, 'client_categories', ['id', 'version', 'created_at', 'updated_at', 'name', 'discount'], CATEGORIES.map((name, i) => [i + 1, 1, at, at, name, 0]));

  // Portfolios of different sizes: the first managers carry more clients.
  const managers = Array.from({ length: MANAGER_COUNT }, (_, i) => ({ id: i + 2, weight: 1 / Math.sqrt(i + 1) }));
  const generator = new Generator({ managers, categoryIds: CATEGORIES.map((_, i) => i + 1) });
  let channels = 0;
  let tags = 0;
  const indexes = await dropIndexes(db, ['clients', 'contacts', 'channels', 'client_tags']);
  for (let from = 1; from <= count; ) {
    await db.transaction(async (trx) => {
      for (let c = 0; c < CHUNKS_PER_TRANSACTION && from <= count; c++) {
        const to = Math.min(count, from + CLIENTS_PER_CHUNK - 1);
        const rows = generator.clients(from, to);
        await bulkInsert(trx, 'clients', CLIENT_COLUMNS, rows.clients);
        await bulkInsert(trx, 'contacts', CONTACT_COLUMNS, rows.contacts);
        await bulkInsert(trx, 'channels', CHANNEL_COLUMNS, rows.channels);
        await bulkInsert(trx, 'client_tags', TAG_COLUMNS, rows.tags);
        channels += rows.channels.length;
        tags += rows.tags.length;
        from = to + 1;
      }
    });
    if ((from - 1) % 100_000 === 0 || from > count) say(`  ${from - 1} clients written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  say(`  recreating ${indexes.length} indexes`);
  await restoreIndexes(db, indexes);
  // The search index's own secondary indexes (PostgreSQL: the GIN indexes)
  // are also built once at the end rather than entry by entry: with them in
  // place a GIN index grows through its pending list, several times slower.
  // SQLite's FTS5 table is filled by triggers either way.
  const searchIndexes = await dropIndexes(db, ['search_entries']);
  if (isPostgres(db)) {
    // Explicit ids were inserted: move the sequences past them.
    for (const table of ['users', 'client_categories', 'clients', 'contacts']) {
      await db.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
    }
  }
  const inserted = performance.now();

  await rebuildSearchIndex(db, {
    batchSize: 10_000,
    onProgress: (p) => {
      if (p.records % 200_000 === 0) say(`  search index: ${p.entity} ${p.records}`);
    },
  });
  say(`  recreating ${searchIndexes.length} search indexes`);
  await restoreIndexes(db, searchIndexes);
  const indexed = performance.now();
  // PostgreSQL's autovacuum would vacuum and analyze the new rows within
  // minutes (setting the visibility map that index-only counts need); the
  // bench does not wait for it, and the development and CI machines run
  // their server with autovacuum off. SQLite gets its statistics from the
  // server's own PRAGMA optimize when it opens the database (db/connect.ts).
  if (isPostgres(db)) await db.raw('VACUUM ANALYZE');
  const analyzed = performance.now();
  return {
    clients: count,
    contacts: generator.contactsMade,
    channels,
    tags,
    insertSeconds: (inserted - started) / 1000,
    indexSeconds: (indexed - inserted) / 1000,
    analyzeSeconds: (analyzed - indexed) / 1000,
    totalSeconds: (analyzed - started) / 1000,
  };
}
