/**
 * npm run bench [-- [all|fill|search|list|concurrency] [--db sqlite|postgres]
 *   [--clients N] [--keep] [--passes N] [--seconds N] [--vus N] [--think MIN-MAX] [--strict]]
 *
 * Fills a database with N clients (default 1,000,000), starts the real
 * server in this process on 127.0.0.1 and measures quick search, list
 * pages and 50 concurrent users over HTTP, each beside its baseline run on
 * the same data in the same run. See docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateLatest } from '../server/db/migrate.js';
import { createLogger } from '../server/log.js';
import { startServer } from '../server/server.js';
import { benchConcurrency } from './concurrency.js';
import { BENCH_DIR, benchDatabase, type DbKind } from './database.js';
import { BENCH_PASSWORD, MANAGER_COUNT, OWN_SCOPE_MANAGERS, fill, managerLogin, type FillResult } from './fill.js';
import { signIn, type BenchClient } from './http.js';
import { benchList, type ListCase } from './list.js';
import { evaluate, render, type Results } from './report.js';
import { benchSearch } from './search.js';
import { searchCases } from './search-cases.js';
import { ensureCustomField } from './custom-field.js';
import { runDocumentsPhase } from './documents.js';
import { runRemindersPhase } from './reminders.js';
import { runImportPhase } from './import.js';
import { runMailingsPhase } from './mailings.js';

const PHASES = ['all', 'fill', 'search', 'list', 'concurrency', 'documents', 'reminders', 'import', 'mailings'] as const;
type Phase = (typeof PHASES)[number];

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string', default: 'sqlite' },
    clients: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
    passes: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '30' },
    vus: { type: 'string', default: '50' },
    think: { type: 'string', default: '1000-5000' },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    // import phase (bench/import.ts)
    rows: { type: 'string', default: '100000' },
    base: { type: 'string', default: '100000' },
    full: { type: 'boolean', default: false },
  },
});

const say = (line: string) => process.stdout.write(line + '\n');

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got "${text}")`);
  return n;
}

async function prepare(kind: DbKind, clients: number, keep: boolean): Promise<FillResult & { reused: boolean; filledAt: string }> {
  const bench = benchDatabase(kind, clients);
  if (keep && fs.existsSync(bench.markerFile)) {
    const marker = JSON.parse(fs.readFileSync(bench.markerFile, 'utf8')) as FillResult & { filledAt: string };
    say(`Reusing the ${kind} database with ${clients} clients filled ${marker.filledAt} (--keep).`);
    return { ...marker, reused: true };
  }
  say(`Filling a ${kind} database with ${clients.toLocaleString('en')} clients…`);
  await bench.reset();
  const db = connect(bench.config);
  try {
    await migrateLatest(db);
    const result = await fill(db, clients, say);
    const marker = { ...result, filledAt: new Date().toISOString() };
    fs.writeFileSync(bench.markerFile, JSON.stringify(marker, null, 2));
    say(`Filled in ${result.totalSeconds.toFixed(0)} s.`);
    return { ...marker, reused: false };
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<number> {
  if (args.help) {
    say('Usage: npm run bench -- [all|fill|search|list|concurrency] [--db sqlite|postgres] [--clients N] [--keep] [--passes N] [--seconds N] [--vus N] [--think MIN-MAX] [--strict]');
    return 0;
  }
  const phase = (positionals[0] ?? 'all') as Phase;
  if (!PHASES.includes(phase)) throw new Error(`unknown phase "${phase}"; use ${PHASES.join(', ')}`);
  const kind = args.db as DbKind;
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('--db must be sqlite or postgres');
  const clients = positiveInt('clients', args.clients!);
  const passes = positiveInt('passes', args.passes!);
  const seconds = positiveInt('seconds', args.seconds!);
  const vus = positiveInt('vus', args.vus!);
  const think = /^(\d+)-(\d+)$/.exec(args.think!);
  if (!think || Number(think[1]) > Number(think[2])) throw new Error('--think must be MIN-MAX milliseconds, e.g. 100-500');
  const thinkMs: [number, number] = [Number(think[1]), Number(think[2])];

  const results: Results = {
    date: new Date().toISOString(),
    database: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL',
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: os.loadavg() },
    clients,
    targets: [],
  };
  // Print forms need no client base: their own small database (bench/documents.ts).
  if (phase === 'documents') return runDocumentsPhase(say, args.strict!);
  // Reminders too: their own database with a backlog (bench/reminders.ts).
  if (phase === 'reminders') return runRemindersPhase(say, args.strict!, kind);
  // Mailings: 10,000 recipients to a local SMTP server against bare pooled nodemailer (bench/mailings.ts).
  if (phase === 'mailings') return runMailingsPhase(say, args.strict!, kind);
  // Imports: a base of --base clients and generated files (bench/import.ts).
  if (phase === 'import') return runImportPhase(say, args.strict!, { rows: positiveInt('rows', args.rows!), base: positiveInt('base', args.base!), full: args.full! });
  results.fill = await prepare(kind, clients, args.keep! || phase !== 'all' && phase !== 'fill');
  if (phase === 'fill') return 0;

  // The server's log: warnings and errors, and any request answered with a 5xx.
  const logLines: string[] = [];
  const log = createLogger('debug', (line) => {
    if (!line.includes('"level":"debug"') || /"status":5\d\d/.test(line)) {
      logLines.push(line);
      if (!line.includes('"level":"info"')) process.stderr.write(line + '\n');
    }
  });
  const bench = benchDatabase(kind, clients);
  const server = await startServer({
    config: { ...readConfig({}), ...bench.config, host: '127.0.0.1', port: 0, adminPassword: BENCH_PASSWORD, demo: false },
    log, print: () => undefined, listen: false,
  });
  say(`Server at ${server.url}`);
  const db = server.ctx.db;
  try {
    const admin = await signIn(server.url, 'admin', BENCH_PASSWORD);
    const ownManagerId = 2; // manager01: own scope, the largest portfolio
    const manager = await signIn(server.url, managerLogin(1), BENCH_PASSWORD);
    const custom = await ensureCustomField(db, admin, say);

    if (phase === 'all' || phase === 'search') {
      results.search = {};
      for (const [who, api, managerId, seed] of [['admin (all)', admin, undefined, 1], ['manager (own)', manager, ownManagerId, 2]] as const) {
        say(`Quick search as ${who}…`);
        const cases = await searchCases(db, { count: 60, seed, managerId, maxId: clients });
        results.search[who] = await benchSearch(db, api, cases, { passes, scanPerKind: 2, managerId, say });
        say(`  p50 ${results.search[who].search.p50} ms, p95 ${results.search[who].search.p95} ms; scan p50 ${results.search[who].scan.p50} ms`);
      }
    }

    if (phase === 'all' || phase === 'list') {
      results.list = {};
      const enc = encodeURIComponent;
      const managers = Array.from({ length: MANAGER_COUNT }, (_, i) => i + 2);
      const cases: (ListCase & { as: string })[] = [
        { name: 'manager + city, newest first', as: 'admin', api: admin, paths: managers.flatMap((m) => ['Москва', 'London', 'Санкт-Петербург'].map((c) => `/clients?managerId=${m}&city=${enc(c)}&sort=-createdAt&limit=50`)) },
        { name: 'category, by name', as: 'admin', api: admin, paths: [1, 2, 3, 4, 5, 6, 7, 8].map((c) => `/clients?categoryId=${c}&sort=name&limit=50`) },
        { name: 'tag, newest first', as: 'admin', api: admin, paths: ['VIP', 'опт', 'partner', 'dealer'].map((t) => `/clients?tag=${enc(t)}&sort=-createdAt&limit=50`) },
        { name: 'own clients: city, by name', as: 'manager', api: manager, paths: ['Москва', 'London', 'Казань', 'Manchester'].map((c) => `/clients?city=${enc(c)}&sort=name&limit=50`) },
      ];
      if (custom) {
        cases.push({ name: `custom field (${custom.label}), newest first`, as: 'admin', api: admin, paths: custom.values.map((v) => `/clients?${custom.key}=${enc(v)}&sort=-createdAt&limit=50`) });
        cases.push({ name: `custom field + city, by name`, as: 'admin', api: admin, paths: custom.values.flatMap((v) => ['Москва', 'London'].map((c) => `/clients?${custom.key}=${enc(v)}&city=${enc(c)}&sort=name&limit=50`)) });
      } else {
        say('  (no custom-fields API on this server: the custom-field list case is skipped)');
      }
      for (const c of cases) {
        say(`List: ${c.name}…`);
        const figures = await benchList(db, c, { iterations: 100, baselineRuns: 3 });
        results.list[c.name] = { ...figures, as: c.as, path: c.paths[0]! };
        say(`  http p50 ${figures.http.p50} ms, p95 ${figures.http.p95} ms; unindexed p50 ${figures.unindexed.p50} ms`);
      }
    }

    if (phase === 'all' || phase === 'concurrency') {
      const users: { token: string; id: number; seesAll: boolean }[] = [{ token: admin.token!, id: 1, seesAll: true }];
      for (let n = 1; n <= MANAGER_COUNT; n++) {
        const api: BenchClient = n === 1 ? manager : await signIn(server.url, managerLogin(n), BENCH_PASSWORD);
        users.push({ token: api.token!, id: n + 1, seesAll: n > OWN_SCOPE_MANAGERS });
      }
      const queries = (await searchCases(db, { count: 40, seed: 3, maxId: clients })).map((c) => c.q);
      const setup = {
        url: server.url, db, users, maxClientId: clients, queries,
        contacts: server.app.routes.some((r) => r.method === 'post' && r.path === '/contacts'),
        listPaths: (u: { id: number; seesAll: boolean }) => u.seesAll
          ? [`/clients?managerId=${2 + (u.id % MANAGER_COUNT)}&city=${encodeURIComponent('Москва')}&sort=-createdAt`, '/clients?categoryId=3&sort=name', `/clients?tag=VIP&sort=-createdAt`]
          : ['/clients?sort=-createdAt', `/clients?city=${encodeURIComponent('Москва')}&sort=name`, '/clients?status=prospect&sort=name'],
      };
      say(`Concurrency: ${vus} virtual users for ${seconds} s…`);
      results.concurrency = await benchConcurrency(setup, { virtualUsers: vus, seconds, thinkMs, logLines });
      say(`  p95 ${results.concurrency.all.p95} ms, ${results.concurrency.throughput} req/s`);
      say(`Saturation (no think time, for information): ${vus} virtual users for 10 s…`);
      results.saturation = await benchConcurrency(setup, { virtualUsers: vus, seconds: 10, thinkMs: [0, 0], logLines });
    }
  } finally {
    await server.close();
  }

  results.machine.loadAverageAtEnd = os.loadavg();
  results.targets = evaluate(results);
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `results-${kind}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  say('\n' + render(results));
  say(`\nResults written to ${path.relative(process.cwd(), file)}`);
  return args.strict && results.targets.some((t) => !t.pass) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
