import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

async function download(api: Api, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`${api.base}/api/v1${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

forEachDatabase('Export', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Credit limit', type: 'money', options: { currency: 'EUR' } });
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Since', type: 'date' });
    anna = await t.user('anna', 'manager', 'own');
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Baltic Timber', city: 'Riga', taxId: 'LV40003000001', creditLimit: '12500.50', since: '2020-03-15', phones: [{ type: 'work', number: '+371 6700 0001' }] });
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: '=HYPERLINK("http://evil.example","click")', city: 'Riga', notes: '@SUM(1+1)' });
    await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Anna\'s Client', city: 'Tallinn' });
  });
  after(async () => t?.close());

  it('writes an .xlsx table with a header, typed cells and the list\'s filters and sort', async () => {
    const reply = await download(t.admin, '/exports/clients?format=xlsx&city=Riga&sort=name&columns=name,taxId,creditLimit,since,phones,managerId');
    assert.equal(reply.status, 200);
    assert.match(reply.type, /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['Name', 'Tax ID', 'Credit limit', 'Since', 'Phones', 'Manager']);
    assert.equal(ws.rowCount, 3, 'only the two clients in Riga');
    const baltic = ws.getRow(3);
    assert.equal(baltic.getCell(1).value, 'Baltic Timber');
    assert.equal(baltic.getCell(3).value, 12500.5);
    assert.equal(baltic.getCell(3).numFmt, '#,##0.00');
    assert.ok(baltic.getCell(4).value instanceof Date);
    assert.equal((baltic.getCell(4).value as Date).toISOString().slice(0, 10), '2020-03-15');
    assert.equal(baltic.getCell(5).value, '+371 6700 0001');
    assert.equal(baltic.getCell(6).value, 'Administrator', 'a link shows the linked record\'s name');
    assert.ok(ws.autoFilter, 'the table has filter buttons');
  });

  it('writes text that looks like a formula as plain text in .xlsx, never as a formula', async () => {
    const reply = await download(t.admin, '/exports/clients?format=xlsx&sort=name&columns=name,notes');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply.body as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(1);
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, '=HYPERLINK("http://evil.example","click")');
    assert.doesNotMatch(reply.body.toString('latin1'), /<f>/, 'no formula element anywhere in the file');
  });

  it('neutralises formula-looking cells in CSV, with the BOM and delimiter asked for', async () => {
    const reply = await download(t.admin, '/exports/clients?format=csv&bom=1&delimiter=;&sort=name&columns=name,city,notes,creditLimit');
    assert.equal(reply.status, 200);
    const text = reply.body.toString('utf8');
    assert.ok(text.startsWith('\ufeff'), 'starts with a BOM for Excel');
    const lines = text.slice(1).trim().split('\r\n');
    assert.equal(lines[0], 'Name;City;Notes;Credit limit');
    assert.equal(lines[1], `"'=HYPERLINK(""http://evil.example"",""click"")";Riga;'@SUM(1+1);`);
    assert.equal(lines[3], 'Baltic Timber;Riga;;12500.50');
  });

  it('writes an escaped HTML table', async () => {
    const reply = await download(t.admin, '/exports/clients?format=html&sort=name&columns=name,city');
    assert.match(reply.type, /text\/html/);
    const html = reply.body.toString('utf8');
    assert.match(html, /<th>Name<\/th><th>City<\/th>/);
    assert.match(html, /<td>Anna&#39;s Client<\/td>/);
    assert.match(html, /=HYPERLINK\(&quot;http/);
  });

  it('limits an own-scope manager to their own clients and needs the export right', async () => {
    const mine = await download(anna, '/exports/clients?format=csv&columns=name');
    assert.equal(mine.body.toString('utf8').trim().split('\r\n').slice(1).join('|'), 'Anna\'s Client');
    const viewer = await t.user('vera', 'viewer');
    const refused = await viewer.request('GET', '/exports/clients?format=csv');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
  });

  it('refuses an unknown column, filter or format with a clear error', async () => {
    for (const [query, code] of [['columns=name,nosuch', 'invalid_query'], ['nosuch=1', 'invalid_query'], ['format=pdf', 'validation_failed'], ['delimiter=x', 'validation_failed']] as const) {
      const reply = await t.admin.request('GET', `/exports/clients?${query}`);
      assert.equal(reply.status, 400, query);
      assert.equal(reply.body.error.code, code, query);
    }
  });

  it('exports invoices and products too', async () => {
    for (const resource of ['invoices', 'products', 'contacts', 'contracts', 'payments']) {
      const reply = await download(t.admin, `/exports/${resource}?format=csv`);
      assert.equal(reply.status, 200, resource);
    }
  });
});
