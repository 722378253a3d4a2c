import type { ConcurrencyFigures } from './concurrency.js';
import type { FillResult } from './fill.js';
import type { ListFigures } from './list.js';
import type { SearchFigures } from './search.js';
import type { Summary } from './stats.js';

/** Everything one run measured, as written to .bench/results-<db>.json. */
export interface Results {
  date: string;
  database: string;
  machine: { cpus: number; memoryGb: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  clients: number;
  fill?: FillResult & { reused: boolean; filledAt: string };
  search?: Record<string, SearchFigures>;
  list?: Record<string, ListFigures & { as: string; path: string }>;
  concurrency?: ConcurrencyFigures;
  saturation?: ConcurrencyFigures;
  targets: Target[];
}

export interface Target {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
}

const TARGETS = { searchP95: 20, searchRatio: 50, listP95: 30, concurrencyP95: 50 };

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : padLeft(c, widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const summaryCells = (s: Summary) => [ms(s.p50), ms(s.p95), ms(s.p99)];

export function evaluate(results: Results): Target[] {
  const targets: Target[] = [];
  for (const [who, s] of Object.entries(results.search ?? {})) {
    targets.push({ name: `search p95 (${who})`, measured: `${ms(s.search.p95)} ms`, target: `≤ ${TARGETS.searchP95} ms`, pass: s.search.p95 <= TARGETS.searchP95 });
    targets.push({ name: `search vs LIKE scan (${who})`, measured: `${s.ratio}×`, target: `≥ ${TARGETS.searchRatio}×`, pass: s.ratio >= TARGETS.searchRatio });
  }
  for (const [name, l] of Object.entries(results.list ?? {})) {
    targets.push({ name: `list p95: ${name}`, measured: `${ms(l.http.p95)} ms`, target: `≤ ${TARGETS.listP95} ms`, pass: l.http.p95 <= TARGETS.listP95 });
  }
  const c = results.concurrency;
  if (c) {
    targets.push({ name: `${c.virtualUsers} users: p95`, measured: `${ms(c.all.p95)} ms`, target: `≤ ${TARGETS.concurrencyP95} ms`, pass: c.all.p95 <= TARGETS.concurrencyP95 });
    const errors = Object.values(c.errors).reduce((s, n) => s + n, 0) + c.serverLogProblems.length;
    targets.push({ name: `${c.virtualUsers} users: errors (incl. "database is locked", 5xx)`, measured: String(errors), target: '0', pass: errors === 0 });
  }
  return targets;
}

export function render(results: Results): string {
  const out: string[] = [];
  out.push(`Kontora bench — ${results.database}, ${results.clients.toLocaleString('en')} clients, ${results.date}`);
  out.push(`machine: ${results.machine.cpus} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}, load average at start ${results.machine.loadAverageAtStart.map((v) => v.toFixed(1)).join(' ')}`);
  if (results.fill) {
    const f = results.fill;
    out.push('', `Fill${f.reused ? ` (reused, filled ${f.filledAt})` : ''}: ${f.clients.toLocaleString('en')} clients, ${f.contacts.toLocaleString('en')} contacts, ${f.channels.toLocaleString('en')} phones/e-mails, ${f.tags.toLocaleString('en')} tags`);
    out.push(`  rows ${f.insertSeconds.toFixed(0)} s + search index (rebuild.ts) ${f.indexSeconds.toFixed(0)} s + analyze ${f.analyzeSeconds.toFixed(0)} s = ${f.totalSeconds.toFixed(0)} s`);
  }
  if (results.search) {
    out.push('', 'Quick search (GET /search over HTTP, ms) vs LIKE \'%…%\' scan of clients + phones/e-mails (SQL, ms)');
    const rows: string[][] = [];
    for (const [who, s] of Object.entries(results.search)) {
      rows.push([`${who}: search`, String(s.search.n), ...summaryCells(s.search), '']);
      rows.push([`${who}: search, scan cases`, String(s.searchOnScanCases.n), ...summaryCells(s.searchOnScanCases), '']);
      rows.push([`${who}: LIKE scan`, String(s.scan.n), ...summaryCells(s.scan), `${s.ratio}×`]);
    }
    out.push(table(['', 'n', 'p50', 'p95', 'p99', 'scan/search p50'], rows));
    for (const [who, s] of Object.entries(results.search)) {
      out.push('', `  ${who}, by query kind (found = source client in the first 20 results):`);
      out.push(table(['  kind', 'n', 'p50', 'p95', 'p99', 'found'], Object.entries(s.byKind).map(([k, v]) => [`  ${k}`, String(v.n), ...summaryCells(v), s.found[k] ?? ''])));
    }
  }
  if (results.list) {
    out.push('', 'List page, 50 rows (GET /clients over HTTP; SQL = the page + count queries it ran; unindexed = same SQL without indexes), ms');
    const rows = Object.entries(results.list).map(([name, l]) => [
      name, l.as, l.total.toLocaleString('en'), ms(l.http.p50), ms(l.http.p95), ms(l.sql.p50), ms(l.unindexed.p50), `${l.ratio}×`,
    ]);
    out.push(table(['case', 'as', 'total', 'http p50', 'http p95', 'sql p50', 'unindexed p50', 'unindexed/http'], rows));
  }
  for (const [label, c] of [['Concurrency', results.concurrency], ['Saturation (no think time, not a target)', results.saturation]] as const) {
    if (!c) continue;
    out.push('', `${label}: ${c.virtualUsers} virtual users, ${c.seconds} s, think ${c.thinkMs[0]}–${c.thinkMs[1]} ms: ${c.requests} requests, ${c.throughput} req/s, ${c.conflicts} clean 409 version conflicts`);
    out.push(table(['op', 'n', 'p50', 'p95', 'p99'], [['all', String(c.all.n), ...summaryCells(c.all)], ...Object.entries(c.byOp).map(([op, s]) => [op, String(s.n), ...summaryCells(s)])]));
    const errors = Object.entries(c.errors);
    out.push(errors.length ? `  errors: ${errors.map(([k, n]) => `${k} ×${n}`).join(', ')}` : '  errors: none');
    out.push(c.serverLogProblems.length ? `  server log: ${c.serverLogProblems.length} problem lines, e.g. ${c.serverLogProblems[0]}` : '  server log: no "database is locked", SQLITE_BUSY or 5xx');
  }
  out.push('', 'Targets');
  out.push(table(['', 'measured', 'target', ''], results.targets.map((t) => [t.name, t.measured, t.target, t.pass ? 'PASS' : 'FAIL'])));
  return out.join('\n');
}
