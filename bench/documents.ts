/**
 * npm run bench -- documents
 *
 * 1. A typical contract (the shipped form, a demo contract with its lines,
 *    client, company and logo) rendered by Kontora, against a bare
 *    docxtemplater render of the same template with the same values
 *    already formatted as text (a minimal path parser, no formatting, no
 *    images): target ≤ 1.5×.
 * 2. 1,000 invoices issued in one batch (load, render, archive, zip),
 *    as POST /documents/batch does: target ≤ 20 s.
 * Both on a fresh SQLite database with demo data, in this process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { Actor } from '../server/access/rights.js';
import { readConfig } from '../server/config.js';
import { MergeDataLoader } from '../server/documents/data.js';
import { toText } from '../server/documents/formatters.js';
import { renderDocx, docxOptions } from '../server/documents/render.js';
import { DocumentService } from '../server/documents/service.js';
import { Choice, DateValue, Decimal, ImageValue, Money } from '../server/documents/values.js';
import { InvoiceService } from '../server/invoices/service.js';
import { memoryLogger } from '../server/log.js';
import { startServer } from '../server/server.js';
import { summarize, type Summary } from './stats.js';

const say = (line: string) => process.stdout.write(line + '\n');

/** The same values as text: what a bare docxtemplater render is given. */
function plain(value: unknown): unknown {
  if (value instanceof Money || value instanceof Decimal || value instanceof DateValue || value instanceof Choice) return toText(value, { locale: 'en' });
  if (value instanceof ImageValue) return '';
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** A path parser that ignores formatters and conditions: the least docxtemplater can do with these tags. */
function bareParser(tag: string) {
  const path = tag.split('|')[0]!.split(/==|!=/)[0]!.trim().split('.').filter((s) => s && s !== '.');
  return {
    get(scope: unknown) {
      let v: unknown = scope;
      for (const key of path) {
        if (v === null || typeof v !== 'object' || !(key in (v as object))) return undefined;
        v = (v as Record<string, unknown>)[key];
      }
      return v;
    },
  };
}

function bareRender(template: Buffer, data: unknown): Buffer {
  const zip = new PizZip(template);
  const doc = new Docxtemplater(zip, { ...docxOptions, parser: bareParser as never, nullGetter: () => '' });
  doc.render(data as object);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export interface DocumentsResults {
  contract: { kontora: Summary; bare: Summary; ratio: number; runs: number };
  batch: { invoices: number; seconds: number; perDocumentMs: number; zipBytes: number };
}

export async function benchDocuments(options: { runs?: number; invoices?: number } = {}): Promise<DocumentsResults> {
  const runs = options.runs ?? 300;
  const count = options.invoices ?? 1000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-bench-docs-'));
  const server = await startServer({
    config: { ...readConfig({}), databaseUrl: undefined, dataDir, sqliteFile: path.join(dataDir, 'kontora.sqlite'), host: '127.0.0.1', port: 0, adminPassword: 'bench-password-123', demo: true },
    log: memoryLogger(), print: () => undefined, listen: false,
  });
  try {
    const ctx = server.ctx;
    const admin = (await ctx.db('users').where({ login: 'admin' }).first('id')) as { id: number };
    const actor: Actor = { id: Number(admin.id), login: 'admin', name: 'Admin', role: 'admin', scope: 'all' };
    const company = (await ctx.db('companies').orderBy('id').first('id')) as { id: number };
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e85d0000000f4944415478da63f8cfc0f01f0000050101ff9a0ad1e20000000049454e44ae426082', 'hex');
    const { replaceFile } = await import('../server/files/store.js');
    await ctx.db.transaction((trx) => replaceFile(trx, { entity: 'company', id: Number(company.id) }, { purpose: 'logo', name: 'logo.png', mime: 'image/png', sha256: 'bench', content: png }, new Date().toISOString()));

    // 1. A typical contract: the demo contract with the most lines.
    const row = (await ctx.db('contract_lines').select('contract_id').count({ n: '*' }).groupBy('contract_id').orderBy('n', 'desc').first()) as { contract_id: number };
    const { data } = await new MergeDataLoader(ctx).load(actor, 'contract', Number(row.contract_id));
    const template = fs.readFileSync(path.join(process.cwd(), 'templates', 'contract.docx'));
    const plainData = plain(data);
    say(`Contract render: ${(data.lines as unknown[]).length} lines, ${runs} runs each, interleaved…`);
    for (let i = 0; i < 20; i++) {
      renderDocx(template, data, 'en');
      bareRender(template, plainData);
    }
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      renderDocx(template, data, 'en');
      ours.push(performance.now() - t);
      t = performance.now();
      bareRender(template, plainData);
      bare.push(performance.now() - t);
    }
    const kontora = summarize(ours);
    const baseline = summarize(bare);
    const ratio = Math.round((kontora.p50 / baseline.p50) * 100) / 100;
    say(`  Kontora p50 ${kontora.p50} ms (p95 ${kontora.p95}); bare docxtemplater p50 ${baseline.p50} ms (p95 ${baseline.p95}); ratio ${ratio}× (target ≤ 1.5×)`);

    // 2. 1,000 invoices in one batch.
    const invoices = new InvoiceService(ctx);
    const clients = ((await ctx.db('clients').orderBy('id').limit(50).select('id')) as { id: number }[]).map((c) => Number(c.id));
    say(`Creating ${count} invoices for the batch…`);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const lines = Array.from({ length: 1 + (i % 5) }, (_, n) => ({ description: `Service item ${n + 1}`, unit: 'pcs', quantity: String(1 + n), price: `${100 + i % 50}.50`, vatRate: '21' }));
      ids.push((await invoices.create(actor, { clientId: clients[i % clients.length], lines })).id);
    }
    say(`Batch of ${count} invoices (load, render, archive, zip)…`);
    const started = performance.now();
    const batch = await new DocumentService(ctx).batch(actor, { recordType: 'invoice', ids, template: 'invoice' });
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    say(`  ${batch.count} documents in ${seconds} s (${Math.round((seconds * 1000) / batch.count)} ms each), zip ${Math.round(batch.content.length / 1024)} KB (target ≤ 20 s)`);
    return {
      contract: { kontora, bare: baseline, ratio, runs },
      batch: { invoices: batch.count, seconds, perDocumentMs: Math.round((seconds * 1000) / batch.count * 10) / 10, zipBytes: batch.content.length },
    };
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The `documents` phase of npm run bench: runs, prints, writes bench results. */
export async function runDocumentsPhase(print: (line: string) => void, strict: boolean): Promise<number> {
  const results = await benchDocuments();
  const { BENCH_DIR } = await import('./database.js');
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, 'results-documents.json');
  const targets = [
    { name: 'contract render ≤ 1.5× bare docxtemplater', pass: results.contract.ratio <= 1.5, value: `${results.contract.ratio}× (${results.contract.kontora.p50} ms vs ${results.contract.bare.p50} ms, p50)` },
    { name: '1,000 invoices in one batch ≤ 20 s', pass: results.batch.seconds <= 20, value: `${results.batch.seconds} s (${results.batch.perDocumentMs} ms each)` },
  ];
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, ...results, targets }, null, 2));
  print('');
  for (const t of targets) print(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);
  print(`Results written to ${path.relative(process.cwd(), file)}`);
  return strict && targets.some((t) => !t.pass) ? 1 : 0;
}
