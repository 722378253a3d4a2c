import { isPostgres, type Db } from '../server/db/connect.js';
import type { BenchClient } from './http.js';
import { summarize, timed, type Summary } from './stats.js';

/**
 * List pages (50 rows, filtered and sorted) over HTTP, beside the very SQL
 * the server ran for them (captured from knex) run again with the clients
 * table's indexes disabled: the unindexed baseline.
 */
export interface ListCase {
  name: string;
  api: BenchClient;
  /** Request paths of this shape with varying values, used in turn. */
  paths: string[];
}

export interface ListFigures {
  /** GET /clients?… end to end over HTTP. */
  http: Summary;
  /** The page and count queries the server ran, timed on the database. */
  sql: Summary;
  /** The same queries with the clients indexes disabled. */
  unindexed: Summary;
  /** unindexed p50 / http p50. */
  ratio: number;
  total: number;
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

// The clients table, with the INDEXED BY the server may have chosen.
const FROM_CLIENTS = /from [`"]clients[`"]( INDEXED BY [`"][^`"]+[`"])?/;

/** The SQL of the clients page and count queries one request runs. */
async function capture(db: Db, run: () => Promise<unknown>): Promise<Captured[]> {
  const seen: Captured[] = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => {
    const sql = q.sql.trim();
    // knex quotes with backticks on SQLite and double quotes on PostgreSQL.
    if (/^select ([`"]clients[`"]\.\*|count\(\*\))/i.test(sql) && FROM_CLIENTS.test(sql)) seen.push({ sql, bindings: q.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await run();
  } finally {
    db.removeListener('query', listener);
  }
  // The count and the query that read the page; when the server first tried
  // the page in sort order and fell back, only the query that answered counts.
  const count = seen.find((q) => /^select count/i.test(q.sql));
  const page = seen.filter((q) => !/^select count/i.test(q.sql)).at(-1);
  if (!count || !page) throw new Error(`expected a page and a count query, captured ${seen.length}`);
  return [count, page];
}

/** knex reports PostgreSQL queries with $n placeholders; knex.raw takes ?. */
const toRaw = (sql: string) => sql.replace(/\$\d+/g, '?');

async function runSql(db: Db, queries: Captured[], indexes: boolean): Promise<number> {
  const { ms } = await timed(async () => {
    if (isPostgres(db)) {
      await db.transaction(async (trx) => {
        if (!indexes) await trx.raw('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off');
        for (const q of queries) await trx.raw(toRaw(q.sql), q.bindings as never);
      });
    } else {
      for (const q of queries) {
        // NOT INDEXED on the main table: a full scan, as without any index.
        const sql = indexes ? q.sql : q.sql.replace(FROM_CLIENTS, 'from `clients` NOT INDEXED');
        await db.raw(sql, q.bindings as never);
      }
    }
  });
  return ms;
}

export async function benchList(db: Db, c: ListCase, options: { iterations: number; baselineRuns: number }): Promise<ListFigures> {
  for (const path of c.paths) await c.api.ok(path); // warm-up
  const http: number[] = [];
  let total = 0;
  for (let i = 0; i < options.iterations; i++) {
    const reply = await c.api.ok(c.paths[i % c.paths.length]!);
    if (reply.body.items.length === 0) throw new Error(`${c.name}: ${c.paths[i % c.paths.length]} found nothing; the case measures nothing`);
    http.push(reply.ms);
    total = Number(reply.body.total);
  }
  const sql: number[] = [];
  const unindexed: number[] = [];
  for (let i = 0; i < options.baselineRuns; i++) {
    const path = c.paths[i % c.paths.length]!;
    const queries = await capture(db, () => c.api.ok(path));
    sql.push(await runSql(db, queries, true));
    unindexed.push(await runSql(db, queries, false));
  }
  const httpSummary = summarize(http);
  const unindexedSummary = summarize(unindexed);
  return {
    http: httpSummary,
    sql: summarize(sql),
    unindexed: unindexedSummary,
    ratio: Math.round((unindexedSummary.p50 / httpSummary.p50) * 10) / 10,
    total,
  };
}
