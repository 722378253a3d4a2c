import type { Knex } from 'knex';
import { isPostgres, likeEscape, type Db } from '../server/db/connect.js';
import type { BenchClient } from './http.js';
import type { SearchCase } from './search-cases.js';
import { summarize, timed, type Summary } from './stats.js';

/**
 * Quick search over HTTP against the same matches done as a LIKE '%…%'
 * scan of clients (name, legal name, tax id, city) and their phones and
 * e-mails, on the same data in the same run.
 */
export interface SearchFigures {
  /** GET /search end to end over HTTP, every case of the mix. */
  search: Summary;
  byKind: Record<string, Summary>;
  /** Share of cases whose source client is among the first 20 results. */
  found: Record<string, string>;
  /** The LIKE scan, run directly on the database (no HTTP), on `scanCases` cases. */
  scan: Summary;
  /** Search over HTTP on exactly the cases the scan ran. */
  searchOnScanCases: Summary;
  scanCases: number;
  /** scan p50 / search p50 on the same cases. */
  ratio: number;
}

/**
 * The baseline: every fragment must occur in some column of the client or
 * in one of its phones or e-mails. It stops at 20 rows and does not rank,
 * which only helps it: a frequent word ends the scan early.
 */
function scanQuery(db: Db, c: SearchCase, managerId: number | undefined): Knex.QueryBuilder {
  const like = isPostgres(db) ? 'ILIKE' : 'LIKE';
  const qb = db('clients').select('clients.id', 'clients.name').limit(20);
  for (const fragment of c.like) {
    const pattern = `%${likeEscape(fragment)}%`;
    qb.where((w) => {
      for (const column of ['clients.name', 'clients.legal_name', 'clients.tax_id', 'clients.city']) w.orWhereRaw(`?? ${like} ? ESCAPE '\\'`, [column, pattern]);
      w.orWhereIn(
        'clients.id',
        db('channels').select('owner_id').where('owner_entity', 'client')
          .where((x) => x.whereRaw(`value ${like} ? ESCAPE '\\'`, [pattern]).orWhereRaw(`normalized ${like} ? ESCAPE '\\'`, [pattern])),
      );
    });
  }
  if (managerId !== undefined) qb.where('clients.manager_id', managerId);
  return qb;
}

export async function benchSearch(
  db: Db,
  api: BenchClient,
  cases: SearchCase[],
  options: { passes: number; scanPerKind: number; managerId?: number; say: (line: string) => void },
): Promise<SearchFigures> {
  const url = (c: SearchCase) => `/search?q=${encodeURIComponent(c.q)}&limit=20`;
  // One unmeasured pass: a server that has been running has warm caches.
  for (const c of cases) await api.ok(url(c));
  const all: number[] = [];
  const perCase = new Map<SearchCase, number[]>();
  const kinds = new Map<string, number[]>();
  const found = new Map<string, { hit: number; n: number }>();
  for (let pass = 0; pass < options.passes; pass++) {
    for (const c of cases) {
      const reply = await api.ok(url(c));
      all.push(reply.ms);
      perCase.set(c, [...(perCase.get(c) ?? []), reply.ms]);
      kinds.set(c.kind, [...(kinds.get(c.kind) ?? []), reply.ms]);
      if (pass === 0) {
        const f = found.get(c.kind) ?? { hit: 0, n: 0 };
        f.n++;
        if ((reply.body.items as { entity: string; id: number }[]).some((i) => i.entity === 'client' && i.id === c.targetId)) f.hit++;
        found.set(c.kind, f);
      }
    }
  }

  // The scan: a few cases of each kind (each one reads the whole table).
  const scanCases: SearchCase[] = [];
  for (const kind of kinds.keys()) scanCases.push(...cases.filter((c) => c.kind === kind).slice(0, options.scanPerKind));
  const scanTimes: number[] = [];
  const searchTimes: number[] = [];
  for (const c of scanCases) {
    const { ms, value } = await timed(() => scanQuery(db, c, options.managerId));
    if (!(value as { id: number }[]).some((r) => Number(r.id) === c.targetId) && (value as unknown[]).length < 20) {
      throw new Error(`the LIKE baseline did not find client ${c.targetId} for ${JSON.stringify(c)}`);
    }
    scanTimes.push(ms);
    searchTimes.push(...(perCase.get(c) ?? []));
    options.say(`    scan ${c.kind.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms  "${c.q}"`);
  }
  const scan = summarize(scanTimes);
  const searchOnScanCases = summarize(searchTimes);
  return {
    search: summarize(all),
    byKind: Object.fromEntries([...kinds].map(([k, v]) => [k, summarize(v)])),
    found: Object.fromEntries([...found].map(([k, f]) => [k, `${f.hit}/${f.n}`])),
    scan,
    searchOnScanCases,
    scanCases: scanCases.length,
    ratio: Math.round((scan.p50 / searchOnScanCases.p50) * 10) / 10,
  };
}
