import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { importFile, upload } from './import-support.js';

function zip(entries: [string, Buffer][], compress = true): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, content] of entries) z.addBuffer(content, name, { compress });
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Clients');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MB = 1024 * 1024;

forEachDatabase('Import: bad input', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
  });
  after(async () => t?.close());

  /** Each bad file makes a failed job with a stable code and a sentence, never a 500. */
  const cases: [string, string, () => Promise<Buffer | string>, string][] = [
    ['a text file named .xlsx', 'list.xlsx', async () => 'Name,Phone\nAcme,123\n', 'import_file_corrupt'],
    ['a damaged .xlsx (zip header, garbage after it)', 'list.xlsx', async () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(5000)]), 'import_file_corrupt'],
    ['a truncated .xlsx', 'list.xlsx', async () => (await workbook([['Name'], ['Acme']])).subarray(0, 1500), 'import_file_corrupt'],
    ['a zip that is not a workbook', 'list.xlsx', () => zip([['readme.txt', Buffer.from('hello')]]), 'import_file_corrupt'],
    ['a zip bomb: one part unpacking 1,000 times its size', 'bomb.xlsx', () => zip([['xl/workbook.xml', Buffer.from('<workbook/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(64 * MB, 0x20)]]), 'import_zip_bomb'],
    ['a zip bomb: more than 10,000 parts', 'parts.xlsx', () => zip(Array.from({ length: 10_050 }, (_, i) => [`xl/p${i}.xml`, Buffer.from('x')] as [string, Buffer]), false), 'import_zip_bomb'],
    ['an old Excel 97 .xls', 'old.xls', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), crypto.randomBytes(2000)]), 'import_file_corrupt'],
    ['binary garbage as CSV', 'data.csv', async () => crypto.randomBytes(20_000), 'import_not_text'],
    ['a 1-MB cell in a CSV', 'big.csv', async () => `Name,Notes\nAcme,"${'x'.repeat(MB)}"\n`, 'import_cell_too_large'],
    ['a 1-MB cell in an .xlsx', 'big.xlsx', () => workbook([['Name', 'Notes'], ['Acme', 'y'.repeat(MB)]]), 'import_cell_too_large'],
    ['a vCard file with no card', 'empty.vcf', async () => 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never ended\r\n', 'import_file_corrupt'],
  ];
  for (const [what, name, make, code] of cases) {
    it(`refuses ${what} with ${code}`, async () => {
      const reply = await upload(t.admin, 'clients', name, await make());
      assert.equal(reply.status, 201, JSON.stringify(reply.body).slice(0, 300));
      assert.equal(reply.body.status, 'failed');
      assert.equal(reply.body.error.code, code, reply.body.error.message);
      assert.ok(reply.body.error.message.length > 20);
      const run = await t.admin.request('POST', `/imports/${reply.body.id}/run`, {});
      assert.equal(run.status, 409, 'a failed file cannot be run');
      assert.equal(run.body.error.code, 'invalid_state');
    });
  }

  it('refuses an upload over the size limit with 413 and keeps no file', async () => {
    const limit = t.server.ctx.config.importLimit;
    t.server.ctx.config.importLimit = 64 * 1024;
    try {
      const reply = await upload(t.admin, 'clients', 'huge.csv', 'Name\n' + 'Acme\n'.repeat(20_000));
      assert.equal(reply.status, 413);
      assert.equal(reply.body.error.code, 'payload_too_large');
    } finally {
      t.server.ctx.config.importLimit = limit;
    }
  });

  it('refuses an empty upload, an unknown target, a wrong media type and a bad mapping', async () => {
    const empty = await upload(t.admin, 'clients', 'empty.csv', '');
    assert.deepEqual([empty.status, empty.body.error.code], [422, 'import_empty']);
    const target = await upload(t.admin, 'invoices', 'x.csv', 'a,b\n1,2\n');
    assert.deepEqual([target.status, target.body.error.code], [400, 'validation_failed']);
    const media = await t.admin.request('POST', '/imports?target=clients', 'Name\nAcme\n', { 'content-type': 'text/csv' });
    assert.equal(media.status, 415);
    const job = (await upload(t.admin, 'clients', 'ok.csv', 'Name,City\nAcme,Riga\n')).body;
    const bad = await t.admin.request('PATCH', `/imports/${job.id}`, { mapping: { headerRow: 1, columns: [{ column: 0, field: 'nosuch' }, { column: 9, field: 'city' }] } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details.map((d: any) => [d.field, d.code]), [['mapping.columns.0.field', 'invalid_choice'], ['mapping.columns.1.column', 'out_of_range']]);
    const mapping = await t.admin.request('PATCH', `/imports/${job.id}`, { mappingName: 'never saved' });
    assert.equal(mapping.status, 404);
  });

  it('stops on a huge cell deep in a file, keeping the rows committed before it', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `Client ${i + 1},${i + 1}@deep.example`);
    rows[1100] = `Client 1101,"${'z'.repeat(40_000)}"`;
    const job = await importFile(t.admin, 'clients', 'deep.csv', 'Name,E-mail\n' + rows.join('\n') + '\n');
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'import_cell_too_large');
    assert.match(job.error.message, /1101|1102/);
    // Chunks are sized by pace (server/imports/runner.ts): the first has 500 rows, and
    // every chunk begun before the bad row was read is committed whole.
    const created = job.counts.created as number;
    assert.ok(created >= 500 && created < 1100, `the chunks before the bad row are kept (${created})`);
    assert.equal(job.progress.lastRow, created + 1, 'the cursor is at the last committed row');
    const names = (await t.server.ctx.db('clients').where('name', 'like', 'Client %').pluck('name')) as string[];
    assert.equal(names.length, created, 'each row once');
    assert.deepEqual(new Set(names), new Set(Array.from({ length: created }, (_, i) => `Client ${i + 1}`)), 'the rows before it, none after it');
    const undone = await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
    assert.equal(undone.removed, created);
  });

  it('keeps the server answering after all of it', async () => {
    await t.anonymous.expect(200, 'GET', '/health');
    const job = await importFile(t.admin, 'clients', 'fine.csv', 'Name;City\nStill Works Ltd;Tallinn\n');
    assert.equal(job.counts.created, 1);
    assert.ok(!t.logs.some((l) => l.includes('"level":"error"')), t.logs.filter((l) => l.includes('error')).join('\n'));
  });
});
