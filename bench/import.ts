/**
 * npm run bench -- import [--rows N] [--clients N] [--full] [--keep]
 *
 * Import at scale, each figure beside a bare baseline run on the same file
 * in the same run (docs/performance.md, docs/import-export.md):
 * - a N-row .xlsx (default 100,000) imported end to end — detection,
 *   mapping, validation with the API schemas, duplicate check against an
 *   existing base of --clients clients (default 100,000; about 10% of the
 *   rows repeat a tax id of the base and are skipped), insert, search
 *   index, audit, undo log — against a bare exceljs streaming read of the
 *   same file (target ≤ 2×);
 * - the same rows as CSV: the import's reading side (encoding and
 *   delimiter detection, decoding, parsing, mapping and validation, no
 *   database) against a bare csv-parse streaming parse (target ≤ 2×; the
 *   median of three runs each, taken in turns: single runs of these 1–2 s
 *   passes swing by a third), and
 *   the whole CSV import end to end for information;
 * - with --full, a 1,048,576-row .xlsx (a full Excel sheet) end to end:
 *   target ≤ 3 minutes with peak memory (RSS, sampled every 50 ms) < 500 MB.
 * SQLite only. Each import starts from a copy of the filled base.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { systemClock } from '../server/clock.js';
import { readConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateLatest } from '../server/db/migrate.js';
import { createLogger } from '../server/log.js';
import { openContext } from '../server/server.js';
import { importFields } from '../server/imports/fields.js';
import { buildDraft, validate } from '../server/imports/map.js';
import { readRows, detectStructure } from '../server/imports/read/source.js';
import { serviceFor } from '../server/imports/runner.js';
import { analyse } from '../server/imports/analyse.js';
import { isEmptyRow } from '../server/imports/read/table.js';
import { insertValues } from '../server/imports/bulk-insert.js';
import { BENCH_DIR, benchDatabase } from './database.js';
import { fill } from './fill.js';

export interface ImportFigures {
  rows: number;
  baseClients: number;
  xlsx: { bareSeconds: number; bareCpuSeconds: number; importSeconds: number; ratio: number; cpuSeconds: number; peakRssMb: number; created: number; skipped: number; failed: number; rowsPerSecond: number; floorSeconds: number; floorCpuSeconds: number; floorRatio: number; floorOverBare: number };
  csv: { bareSeconds: number; readSeconds: number; readRatio: number; importSeconds: number; importRatio: number; peakRssMb: number; created: number; skipped: number };
  full?: { rows: number; importSeconds: number; cpuSeconds: number; peakRssMb: number; created: number; bareSeconds: number; floorSeconds: number };
}

const FIRST = ['Ivan', 'Anna', 'Peter', 'Olga', 'John', 'Mary', 'Sergey', 'Elena', 'David', 'Laura', 'Алексей', 'Мария', 'Дмитрий', 'Наталья'];
const WORDS = ['North', 'Star', 'Volga', 'Baltic', 'Ural', 'Pine', 'River', 'Stone', 'Green', 'Summit', 'Альфа', 'Вектор', 'Сфера', 'Гранит'];
const TRADES = ['Logistics', 'Trading', 'Foods', 'Systems', 'Build', 'Textiles', 'Consulting', 'Строй', 'Торг', 'Сервис'];
const FORMS = ['Ltd', 'LLC', 'GmbH', 'ООО', 'АО'];
const CITIES = ['Москва', 'Санкт-Петербург', 'London', 'Riga', 'Казань', 'Berlin', 'Новосибирск', 'Tallinn'];

const HEADER = ['Company', 'INN', 'E-mail', 'Phone', 'City', 'Address', 'Contact person', 'Client since', 'Notes'];

/** A phone number of its own for every row (+7 985 000-00-01 …), written the way people do. */
function phoneOf(i: number): string {
  const n = String(i).padStart(7, '0');
  return `+7 (985) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5, 7)}`;
}

/** Row i of the bench file; every tenth row repeats a tax id of the base. */
function row(i: number, baseTaxIds: string[]): (string | number | Date | null)[] {
  const w = (k: number, list: string[]) => list[(i * 7919 + k * 104729) % list.length]!;
  const dup = i % 10 === 0 && baseTaxIds.length ? baseTaxIds[(i / 10) % baseTaxIds.length]! : null;
  const name = `${w(1, WORDS)} ${w(2, TRADES)} ${i} ${w(3, FORMS)}`;
  return [
    name,
    dup ?? String(5_000_000_000 + i),
    `office${i}@import-bench.example`,
    phoneOf(i),
    w(4, CITIES),
    `${w(5, WORDS)} street ${1 + (i % 200)}, office ${1 + (i % 50)}`,
    `${w(6, FIRST)} ${w(7, WORDS)}`,
    new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))),
    i % 3 === 0 ? `Imported row ${i}` : null,
  ];
}

export async function writeXlsx(file: string, rows: number, baseTaxIds: string[]): Promise<void> {
  const tmp = `${file}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Clients');
  ws.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) {
    const r = ws.addRow(row(i, baseTaxIds));
    r.getCell(8).numFmt = 'dd.mm.yyyy';
    r.commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, file);
}

function writeCsv(file: string, rows: number, baseTaxIds: string[]): void {
  const out: string[] = [HEADER.join(',')];
  const q = (v: string | number | Date | null) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  for (let i = 1; i <= rows; i++) out.push(row(i, baseTaxIds).map(q).join(','));
  fs.writeFileSync(file, out.join('\r\n') + '\r\n');
}

async function bareExcel(file: string): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const ws of reader) {
    for await (const r of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      if ((r.values as unknown[]).length) rows++;
    }
  }
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, rows };
}

async function bareCsv(file: string): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  const parser = fs.createReadStream(file).pipe(parse({ relax_column_count: true }));
  for await (const _ of parser) rows++;
  return { seconds: (performance.now() - started) / 1000, rows };
}

/**
 * The database floor of the import: the same file read with the bare
 * exceljs streaming read, and the records the import creates from it
 * (the 9 of every 10 rows that do not repeat a tax id of the base) written
 * with nothing else: each row's client (the file's columns, no conversion
 * or validation), its contact person, its e-mail and phone, and the two
 * search entries (whose insert fills the FTS5 index by trigger), in
 * transactions of 2,000 rows, each table in one statement
 * (bulk-insert.ts, the import's own fastest path). No duplicate check, no
 * audit or undo log, no job bookkeeping, simpler search terms than the
 * import's (no phone suffixes, no prefixes of legal forms): a lower bound
 * of what writing these rows costs on this database, not a competitor.
 */
async function writeFloor(sqliteFile: string, file: string): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const db = connect({ databaseUrl: undefined, sqliteFile });
  try {
    const managerId = Number(((await db('users').where({ role: 'admin' }).orderBy('id').first('id')) as { id: number }).id);
    const at = new Date().toISOString();
    const started = performance.now();
    const cpu = process.cpuUsage();
    let rows = 0;
    let batch: unknown[][] = [];
    const terms = (...texts: unknown[]) => texts.filter(Boolean).join(' ').toLowerCase();
    const flush = async () => {
      if (!batch.length) return;
      const part = batch;
      batch = [];
      await db.transaction(async (trx) => {
        const ids = await insertValues(trx, 'clients', ['kind', 'name', 'name_key', 'tax_id', 'city', 'legal_address', 'notes', 'manager_id', 'status', 'version', 'created_at', 'updated_at'],
          part.map((c) => ['legal', c[0], String(c[0]).toLowerCase(), c[1], c[4], c[5], c[8] ?? null, managerId, 'active', 1, at, at]), true);
        const contactIds = await insertValues(trx, 'contacts', ['client_id', 'manager_id', 'name', 'name_key', 'is_primary', 'version', 'created_at', 'updated_at'],
          part.map((c, i) => [ids[i], managerId, c[6], String(c[6]).toLowerCase(), 1, 1, at, at]), true);
        await insertValues(trx, 'channels', ['owner_entity', 'owner_id', 'kind', 'type', 'value', 'normalized', 'position'],
          part.flatMap((c, i) => [['client', ids[i], 'email', 'work', c[2], String(c[2]).toLowerCase(), 0], ['client', ids[i], 'phone', 'work', c[3], String(c[3]).replace(/\D/g, ''), 0]]));
        await insertValues(trx, 'search_entries', ['entity', 'record_id', 'owner_id', 'owner_key', 'title', 'subtitle', 'name_terms', 'terms'], [
          ...part.map((c, i) => ['client', ids[i], managerId, `u${managerId}`, c[0], String(c[1]), terms(c[0]), terms(c[1], c[4], c[2], String(c[3]).replace(/\D/g, ''))]),
          ...part.map((c, i) => ['contact', contactIds[i], managerId, `u${managerId}`, c[6], String(c[0]), terms(c[6]), '']),
        ]);
      });
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      for await (const r of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        // Row i of the file (row i + 1 of the sheet) repeats a tax id of the base when i is a multiple of 10.
        if (r.number === 1 || (r.number - 1) % 10 === 0) continue;
        batch.push((r.values as unknown[]).slice(1));
        rows++;
        if (batch.length >= 2000) await flush();
      }
    }
    await flush();
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, rows };
  } finally {
    await db.destroy();
  }
}

async function prepareBase(clients: number, say: (l: string) => void): Promise<string> {
  const bench = benchDatabase('sqlite', clients);
  if (!fs.existsSync(bench.markerFile)) {
    say(`Filling a SQLite base with ${clients.toLocaleString('en')} clients…`);
    await bench.reset();
    const db = connect(bench.config);
    try {
      await migrateLatest(db);
      const result = await fill(db, clients, say);
      await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      fs.writeFileSync(bench.markerFile, JSON.stringify({ ...result, filledAt: new Date().toISOString() }, null, 2));
    } finally {
      await db.destroy();
    }
  } else say(`Reusing the SQLite base with ${clients.toLocaleString('en')} clients (.bench/sqlite-${clients}).`);
  return bench.config.sqliteFile;
}

/** A fresh copy of the base to import into. */
async function workCopy(baseFile: string): Promise<string> {
  const dir = path.join(BENCH_DIR, 'import-work');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kontora.sqlite');
  fs.copyFileSync(baseFile, file);
  if (fs.existsSync(`${baseFile}-wal`)) fs.copyFileSync(`${baseFile}-wal`, `${file}-wal`);
  // Migrations added since the base was filled (the imports tables among them).
  const db = connect({ databaseUrl: undefined, sqliteFile: file });
  await migrateLatest(db);
  await db.destroy();
  return file;
}

/**
 * Imports a file into a database in a process of its own, as the server
 * would, so its peak memory is the import's and not this bench's.
 */
function runImport(sqliteFile: string, file: string): Promise<{ seconds: number; cpuSeconds: number; peakMb: number; counts: Record<string, number>; status: string; error: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import-child.ts'), sqliteFile, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the import process exited with ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

/** The import's reading side on a CSV: detection, decoding, parsing, mapping and validation, no database. */
async function importRead(sqliteFile: string, file: string): Promise<{ seconds: number; rows: number }> {
  const config = { ...readConfig({}), databaseUrl: undefined, sqliteFile, dataDir: path.dirname(sqliteFile), demo: false };
  const ctx = await openContext(config, systemClock, createLogger('warn'));
  try {
    const started = performance.now();
    const structure = await detectStructure(file, path.basename(file));
    const { mapping } = await analyse(ctx, 'clients', file, structure, {});
    const byKey = new Map((await importFields(ctx, ctx.db, 'clients')).map((f) => [f.key, f]));
    const service = serviceFor(ctx, 'clients');
    let rows = 0;
    for await (const [n, cells] of readRows(file, structure)) {
      if (n <= mapping.headerRow || isEmptyRow(cells)) continue;
      const draft = buildDraft('clients', byKey, mapping, n, cells);
      if (validate(service, draft.values).values) rows++;
    }
    return { seconds: (performance.now() - started) / 1000, rows };
  } finally {
    await ctx.db.destroy();
  }
}

export async function benchImport(options: { rows: number; clients: number; full: boolean; say: (line: string) => void }): Promise<ImportFigures> {
  const { rows, clients, say } = options;
  const baseFile = await prepareBase(clients, say);
  const baseDb = connect({ databaseUrl: undefined, sqliteFile: baseFile });
  const baseTaxIds = ((await baseDb('clients').whereNotNull('tax_id').orderBy('id').limit(Math.ceil(rows / 10)).select('tax_id')) as { tax_id: string }[]).map((r) => r.tax_id);
  await baseDb.destroy();
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const xlsx = path.join(BENCH_DIR, `import-${rows}.xlsx`);
  const csv = path.join(BENCH_DIR, `import-${rows}.csv`);
  if (!fs.existsSync(xlsx)) {
    say(`Writing a ${rows.toLocaleString('en')}-row .xlsx…`);
    await writeXlsx(xlsx, rows, baseTaxIds);
  }
  if (!fs.existsSync(csv)) writeCsv(csv, rows, baseTaxIds);
  say(`  ${path.relative(process.cwd(), xlsx)}: ${(fs.statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB; CSV ${(fs.statSync(csv).size / 1024 / 1024).toFixed(1)} MB`);

  say('Bare exceljs streaming read…');
  await bareExcel(xlsx); // warm-up: file cache, JIT
  const bare = await bareExcel(xlsx);
  say(`  ${bare.rows.toLocaleString('en')} rows in ${bare.seconds.toFixed(2)} s (CPU ${bare.cpuSeconds.toFixed(2)} s)`);
  say('Import of the .xlsx, end to end…');
  const imported = await runImport(await workCopy(baseFile), xlsx);
  if (imported.status !== 'done') throw new Error(`the bench import ended ${imported.status}: ${JSON.stringify(imported.error)}`);
  say(`  ${imported.seconds.toFixed(2)} s (${(imported.seconds / bare.seconds).toFixed(2)}× the bare read; CPU ${imported.cpuSeconds.toFixed(1)} s), peak RSS ${imported.peakMb} MB, ${JSON.stringify(imported.counts)}`);
  say('Database floor: the bare read plus a bare insert of the records the import creates…');
  const floor = await writeFloor(await workCopy(baseFile), xlsx);
  say(`  ${floor.rows.toLocaleString('en')} clients with their contact persons, e-mails, phones and search entries in ${floor.seconds.toFixed(2)} s (CPU ${floor.cpuSeconds.toFixed(1)} s; ${(floor.seconds / bare.seconds).toFixed(2)}× the bare read); the import is ${(imported.seconds / floor.seconds).toFixed(2)}× this floor`);

  say('Bare csv-parse streaming parse and the import\'s reading side, taken in turns, the median of 3 each…');
  await bareCsv(csv);
  const readCopy = await workCopy(baseFile);
  const bares: { seconds: number; rows: number }[] = [];
  const reads: { seconds: number; rows: number }[] = [];
  for (let i = 0; i < 3; i++) {
    bares.push(await bareCsv(csv));
    reads.push(await importRead(readCopy, csv));
  }
  const bareC = median(bares);
  const read = median(reads);
  say(`  bare: ${bareC.rows.toLocaleString('en')} rows in ${bareC.seconds.toFixed(2)} s (${bares.map((b) => b.seconds.toFixed(2)).join(', ')})`);
  say(`  the import's reading side (detect, decode, parse, map, validate): ${read.seconds.toFixed(2)} s (${reads.map((r) => r.seconds.toFixed(2)).join(', ')}): ${(read.seconds / bareC.seconds).toFixed(2)}×`);
  const csvImport = await runImport(await workCopy(baseFile), csv);
  say(`  CSV import end to end: ${csvImport.seconds.toFixed(2)} s, peak RSS ${csvImport.peakMb} MB, ${JSON.stringify(csvImport.counts)}`);

  const figures: ImportFigures = {
    rows, baseClients: clients,
    xlsx: {
      bareSeconds: round(bare.seconds), bareCpuSeconds: round(bare.cpuSeconds), importSeconds: round(imported.seconds), ratio: round(imported.seconds / bare.seconds), cpuSeconds: round(imported.cpuSeconds), peakRssMb: imported.peakMb,
      floorSeconds: round(floor.seconds), floorCpuSeconds: round(floor.cpuSeconds), floorRatio: round(imported.seconds / floor.seconds), floorOverBare: round(floor.seconds / bare.seconds),
      created: imported.counts.created!, skipped: imported.counts.skipped!, failed: imported.counts.failed!, rowsPerSecond: Math.round(rows / imported.seconds),
    },
    csv: {
      bareSeconds: round(bareC.seconds), readSeconds: round(read.seconds), readRatio: round(read.seconds / bareC.seconds),
      importSeconds: round(csvImport.seconds), importRatio: round(csvImport.seconds / bareC.seconds), peakRssMb: csvImport.peakMb,
      created: csvImport.counts.created!, skipped: csvImport.counts.skipped!,
    },
  };
  if (options.full) {
    const fullRows = 1_048_575; // plus the header: a full sheet of 1,048,576 rows
    const fullFile = path.join(BENCH_DIR, 'import-full-sheet.xlsx');
    if (!fs.existsSync(fullFile)) {
      say('Writing a full-sheet .xlsx (1,048,576 rows)…');
      await writeXlsx(fullFile, fullRows, baseTaxIds);
    }
    const bareFull = await bareExcel(fullFile);
    say(`  bare read: ${bareFull.seconds.toFixed(1)} s`);
    const full = await runImport(await workCopy(baseFile), fullFile);
    if (full.status !== 'done') throw new Error(`the full-sheet import ended ${full.status}: ${JSON.stringify(full.error)}`);
    say(`  full sheet imported in ${full.seconds.toFixed(1)} s (CPU ${full.cpuSeconds.toFixed(1)} s), peak RSS ${full.peakMb} MB, ${JSON.stringify(full.counts)}`);
    const fullFloor = await writeFloor(await workCopy(baseFile), fullFile);
    say(`  database floor of the full sheet (bare read + bare insert): ${fullFloor.seconds.toFixed(1)} s (CPU ${fullFloor.cpuSeconds.toFixed(1)} s)`);
    figures.full = { rows: fullRows, importSeconds: round(full.seconds), cpuSeconds: round(full.cpuSeconds), peakRssMb: full.peakMb, created: full.counts.created!, bareSeconds: round(bareFull.seconds), floorSeconds: round(fullFloor.seconds) };
  }
  fs.rmSync(path.join(BENCH_DIR, 'import-work'), { recursive: true, force: true });
  return figures;
}

const round = (n: number) => Math.round(n * 100) / 100;

function median<T extends { seconds: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

export function importTargets(f: ImportFigures): { name: string; target: string; actual: string; pass: boolean }[] {
  const out = [
    { name: `import ${f.rows.toLocaleString('en')}-row .xlsx end to end vs bare exceljs read`, target: '≤ 2×', actual: `${f.xlsx.ratio}× (${f.xlsx.importSeconds} s vs ${f.xlsx.bareSeconds} s)`, pass: f.xlsx.ratio <= 2 },
    { name: `import ${f.rows.toLocaleString('en')}-row .xlsx vs the database floor (bare read + bare insert of the same records; ${f.xlsx.floorOverBare}× the bare read by itself)`, target: '(information)', actual: `${f.xlsx.floorRatio}× (${f.xlsx.importSeconds} s vs ${f.xlsx.floorSeconds} s; CPU ${f.xlsx.cpuSeconds} s vs ${f.xlsx.floorCpuSeconds} s, the bare read alone ${f.xlsx.bareCpuSeconds} s)`, pass: true },
    { name: 'CSV: the import\'s reading side vs bare csv-parse', target: '≤ 2×', actual: `${f.csv.readRatio}× (${f.csv.readSeconds} s vs ${f.csv.bareSeconds} s)`, pass: f.csv.readRatio <= 2 },
  ];
  if (f.full) {
    out.push({ name: 'full sheet (1,048,576 rows) end to end', target: '≤ 180 s', actual: `${f.full.importSeconds} s (bare read ${f.full.bareSeconds} s; database floor ${f.full.floorSeconds} s)`, pass: f.full.importSeconds <= 180 });
    out.push({ name: 'full sheet peak memory (RSS)', target: '< 500 MB', actual: `${f.full.peakRssMb} MB`, pass: f.full.peakRssMb < 500 });
  }
  return out;
}

/** `npm run bench -- import`: runs, prints and saves the figures; exit 1 with --strict when a target is missed. */
export async function runImportPhase(say: (line: string) => void, strict: boolean, options: { rows: number; base: number; full: boolean }): Promise<number> {
  const figures = await benchImport({ rows: options.rows, clients: options.base, full: options.full, say });
  const targets = importTargets(figures);
  say('\nImport targets:');
  for (const t of targets) say(`  ${t.target === '(information)' ? 'INFO' : t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.actual}${t.target === '(information)' ? '' : ` (target ${t.target})`}`);
  const file = path.join(BENCH_DIR, 'results-import.json');
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, figures, targets }, null, 2));
  say(`\nResults written to ${path.relative(process.cwd(), file)}`);
  return strict && targets.some((t) => !t.pass) ? 1 : 0;
}
