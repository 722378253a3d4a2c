import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { fixedClock } from '../server/clock.js';
import { readConfig } from '../server/config.js';
import { memoryLogger } from '../server/log.js';
import { startServer } from '../server/server.js';
import { forEachDatabase } from './support/databases.js';
import { ADMIN_PASSWORD, login, startTestServer, type Api, type TestServer } from './support/server.js';
import { importFile, settle, upload } from './import-support.js';

const bigCsv = (n: number, prefix: string) => 'Name,INN,E-mail\n' + Array.from({ length: n }, (_, i) => `${prefix} ${i + 1} Ltd,${String(9000000000 + i)},${prefix.toLowerCase()}${i + 1}@bulk.example`).join('\n') + '\n';

forEachDatabase('Import jobs', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    anna = await t.user('anna', 'manager', 'own');
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Existing Corp', taxId: '7700000001', phones: [{ type: 'work', number: '+7 495 000-00-01' }], city: 'Moscow' });
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Mailbox GmbH', emails: [{ type: 'work', address: 'Office@Mailbox.example' }] });
  });
  after(async () => t?.close());

  it('checks each row with the API\'s rules and lists the failed rows with reasons in the error report', async () => {
    const csv = 'Name,E-mail,Website,Birthday\nGood Co,good@co.example,good.example,\nBad Mail Co,not-an-email,,\n,nobody@co.example,,\nPerson Inc,p@co.example,,31.02.1990\n';
    const job = await importFile(t.admin, 'clients', 'rows.csv', csv);
    assert.deepEqual(job.counts, { created: 1, updated: 0, skipped: 0, failed: 3, held: 0 });
    const failed = await t.admin.expect(200, 'GET', `/imports/${job.id}/rows?outcome=failed`);
    assert.deepEqual(failed.items.map((r: any) => [r.rowNumber, r.problems.map((p: any) => `${p.field}:${p.code}`).join(',')]), [
      [3, 'emails.0.address:invalid_format'],
      [4, 'name:required'],
      [5, 'birthday:invalid_format'],
    ]);
    const res = await fetch(`${t.url}/api/v1/imports/${job.id}/report`, { headers: { authorization: `Bearer ${t.admin.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="rows - not imported.xlsx"; filename*=UTF-8''${encodeURIComponent('rows - not imported.xlsx')}`, 'downloaded under the file\'s own name');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['Row', 'Outcome', 'Reason', 'Name', 'E-mail', 'Website', 'Birthday']);
    assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1, 6), [3, 'not imported', 'emails.0.address: This is not an e-mail address.', 'Bad Mail Co', 'not-an-email']);
    assert.equal(ws.rowCount, 4);
  });

  it('finds duplicates in the base and in the file, and skips them by default', async () => {
    const csv = 'Name,INN,E-mail,Phone\nExisting Corp (new spelling),7700000001,,\nOther Name,,office@mailbox.example,\nPhone Match,,,8 (495) 000-00-01\nFresh One,7799999999,fresh@one.example,\nFresh One again,7799999999,,\n';
    const job = await importFile(t.admin, 'clients', 'dups.csv', csv);
    assert.deepEqual(job.counts, { created: 1, updated: 0, skipped: 4, failed: 0, held: 0 });
    const skipped = await t.admin.expect(200, 'GET', `/imports/${job.id}/rows?outcome=skipped`);
    assert.deepEqual(skipped.items.map((r: any) => r.problems[0].duplicateOf), ['tax_id', 'email', 'phone', 'tax_id']);
    await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
  });

  it('previews rows as they will be saved, with the problems the run would report and the duplicate each meets, writing nothing', async () => {
    const csv = 'Company;ИНН;Город;Менеджер;Контактное лицо;Email контакта\nExisting Corp;7700000001;Москва;;;\nBrand New;7711111111;Казань;;;\nNo Such Manager;7733333333;Омск;nobody-here;;\nBad Contact;7744444444;Тула;;Ivan Petrov;not-an-address\n';
    const reply = await upload(t.admin, 'clients', 'preview.csv', csv);
    const before = (await t.admin.get('/clients?limit=1')).body.total;
    const preview = await t.admin.expect(200, 'GET', `/imports/${reply.body.id}/preview`);
    assert.deepEqual(preview.items.map((r: any) => [r.rowNumber, r.values.name, r.values.city, r.duplicate?.name ?? null]), [
      [2, 'Existing Corp', 'Москва', 'Existing Corp'],
      [3, 'Brand New', 'Казань', null],
      [4, 'No Such Manager', 'Омск', null],
      [5, 'Bad Contact', 'Тула', null],
    ]);
    assert.deepEqual(preview.items.map((r: any) => r.problems.map((p: any) => p.field)), [[], [], ['manager'], ['contact.emails.0.address']]);
    const run = await importFile(t.admin, 'clients', 'preview-run.csv', csv, { onDuplicate: 'skip' });
    const failed = (await t.admin.get(`/imports/${run.id}/rows?outcome=failed`)).body.items;
    assert.deepEqual(failed.map((r: any) => [r.rowNumber, r.problems.map((p: any) => p.field)]), [[4, ['manager']], [5, ['contact.emails.0.address']]], 'the run reports what the preview showed');
    await t.admin.expect(200, 'POST', `/imports/${run.id}/undo`);
    assert.equal((await t.admin.get('/clients?limit=1')).body.total, before);
  });

  it('updates duplicates when asked, and undo restores them unless changed since', async () => {
    const csv = 'Name,INN,City,Phone\nExisting Corp,7700000001,Kazan,+7 999 111-22-33\nMailbox GmbH,,Berlin,\n';
    const job = await importFile(t.admin, 'clients', 'update.csv', csv, { onDuplicate: 'update' });
    // Mailbox GmbH has no tax id, e-mail or phone in the file: its name decides.
    assert.deepEqual(job.counts, { created: 0, updated: 2, skipped: 0, failed: 0, held: 0 });
    const existing = (await t.admin.get('/clients?taxId=7700000001')).body.items[0];
    assert.equal(existing.city, 'Kazan');
    assert.deepEqual(existing.phones.map((p: any) => p.number), ['+7 495 000-00-01', '+7 999 111-22-33'], 'a new phone is added, the old one kept');
    const undo = await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
    assert.deepEqual([undo.restored, undo.refused.length], [2, 0]);
    assert.equal((await t.admin.get(`/clients?name=${encodeURIComponent('Mailbox GmbH')}`)).body.items[0].city, null);
    const restored = (await t.admin.get('/clients?taxId=7700000001')).body.items[0];
    assert.equal(restored.city, 'Moscow');
    assert.deepEqual(restored.phones.map((p: any) => p.number), ['+7 495 000-00-01']);

    const again = await importFile(t.admin, 'clients', 'update2.csv', 'Name,INN,City\nExisting Corp,7700000001,Omsk\nBrand Newer,7722222222,Tomsk\n', { onDuplicate: 'update' });
    const newer = (await t.admin.get('/clients?taxId=7722222222')).body.items[0];
    const current = (await t.admin.get('/clients?taxId=7700000001')).body.items[0];
    await t.admin.expect(200, 'PATCH', `/clients/${current.id}`, { version: current.version, city: 'Changed by hand' });
    await t.admin.expect(200, 'PATCH', `/clients/${newer.id}`, { version: newer.version, notes: 'edited' });
    const refused = await t.admin.expect(200, 'POST', `/imports/${again.id}/undo`);
    assert.deepEqual([refused.removed, refused.restored], [0, 0]);
    assert.deepEqual(refused.refused.map((r: any) => [r.rowNumber, r.code]).sort(), [[2, 'changed_since'], [3, 'changed_since']]);
    assert.equal((await t.admin.get(`/clients/${current.id}`)).body.city, 'Changed by hand');
  });

  it('holds duplicates for review and applies the decisions', async () => {
    const csv = 'Name,INN,E-mail\nReview Me,7700000001,\nAlso Review,,office@mailbox.example\nNo Dup,7733333333,\n';
    const job = await importFile(t.admin, 'clients', 'review.csv', csv, { onDuplicate: 'review' });
    assert.deepEqual(job.counts, { created: 1, updated: 0, skipped: 0, failed: 0, held: 2 });
    const held = await t.admin.expect(200, 'GET', `/imports/${job.id}/rows?outcome=held`);
    assert.deepEqual(held.items.map((r: any) => [r.rowNumber, r.problems[0].code, r.cells[0]]), [[2, 'duplicate', 'Review Me'], [3, 'duplicate', 'Also Review']]);
    const done = await t.admin.expect(200, 'POST', `/imports/${job.id}/review`, { decisions: [{ rowNumber: 2, action: 'update' }, { rowNumber: 3, action: 'create' }] });
    assert.deepEqual(done.counts, { created: 2, updated: 1, skipped: 0, failed: 0, held: 0 });
    assert.equal((await t.admin.get('/clients?taxId=7700000001')).body.items[0].name, 'Review Me');
    assert.equal((await t.admin.get(`/clients?name=${encodeURIComponent('Also Review')}`)).body.total, 1);
    const notHeld = await t.admin.request('POST', `/imports/${job.id}/review`, { decisions: [{ rowNumber: 4, action: 'create' }] });
    assert.deepEqual([notHeld.status, notHeld.body.error.details[0].code], [400, 'not_held']);
    await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
    assert.equal((await t.admin.get('/clients?taxId=7700000001')).body.items[0].name, 'Existing Corp', 'undo restores the reviewed update too');
  });

  it('applies a decision on a held row once when two reviews of it arrive together', async () => {
    const csv = 'Name,INN\nTwice Decided,7700000001\n';
    const job = await importFile(t.admin, 'clients', 'twice.csv', csv, { onDuplicate: 'review' });
    assert.equal(job.counts.held, 1);
    const decide = () => t.admin.request('POST', `/imports/${job.id}/review`, { decisions: [{ rowNumber: 2, action: 'create' }] });
    const answers = await Promise.all([decide(), decide()]);
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `one review applies, the other is refused: ${statuses.join(', ')}`);
    const refused = answers.find((a) => a.status !== 200)!;
    assert.ok(['not_held', 'invalid_state'].includes(refused.body.error.details?.[0]?.code ?? refused.body.error.code), JSON.stringify(refused.body));
    assert.equal((await t.admin.get(`/clients?name=${encodeURIComponent('Twice Decided')}`)).body.total, 1, 'one client, not two');
    const after = await t.admin.expect(200, 'GET', `/imports/${job.id}`);
    assert.deepEqual([after.counts.created, after.counts.held], [1, 0]);
    await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
  });

  it('reuses a saved mapping by name on a file with its columns in another order', async () => {
    const first = (await upload(t.admin, 'clients', 'a.csv', 'Firma,Steuer,Ort\nAlpha,7744444444,Riga\n')).body;
    const mapping = { headerRow: 1, columns: [{ column: 0, header: 'Firma', field: 'name' }, { column: 1, header: 'Steuer', field: 'taxId' }, { column: 2, header: 'Ort', field: 'city' }] };
    await t.admin.expect(201, 'POST', '/import-mappings', { target: 'clients', name: 'German list', mapping });
    const list = await t.admin.expect(200, 'GET', '/import-mappings?target=clients');
    assert.deepEqual(list.items.map((m: any) => m.name), ['German list']);
    await t.admin.expect(204, 'DELETE', `/imports/${first.id}`);
    const job = await importFile(t.admin, 'clients', 'b.csv', 'Ort;Firma;Steuer\nTallinn;Beta;7755555555\n', {}, { mapping: 'German list' });
    assert.equal(job.counts.created, 1);
    const beta = (await t.admin.get('/clients?taxId=7755555555')).body.items[0];
    assert.deepEqual([beta.name, beta.city], ['Beta', 'Tallinn']);
    await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
  });

  it('imports rows sent as JSON in chunks (the Excel pane)', async () => {
    const created = await anna.expect(201, 'POST', '/imports/rows', { target: 'clients', fileName: 'Sheet1', rows: [['Name', 'Phone', 'Since'], ['Pane Client 1', '+7 900 000-00-01', 45000]] });
    await anna.expect(200, 'POST', `/imports/${created.id}/rows`, { rows: [['Pane Client 2', '+7 900 000-00-02', null], ['=cmd|calc', null, null]] });
    await anna.expect(202, 'POST', `/imports/${created.id}/run`, {});
    const job = await settle(anna, created.id);
    assert.deepEqual(job.counts, { created: 3, updated: 0, skipped: 0, failed: 0, held: 0 });
    const mine = await anna.expect(200, 'GET', '/clients?sort=name');
    assert.deepEqual(mine.items.map((c: any) => c.name), ['=cmd|calc', 'Pane Client 1', 'Pane Client 2'], 'owned by the importing manager, text kept as text');
    const bad = await anna.request('POST', `/imports/${created.id}/rows`, { rows: [['Too Late']] });
    assert.equal(bad.status, 409, 'no rows after the run');
    const badCell = await anna.request('POST', '/imports/rows', { target: 'clients', rows: [['Name'], [{ nested: true }]] });
    assert.deepEqual([badCell.status, badCell.body.error.details[0].field], [400, 'rows.1.0']);
    await anna.expect(200, 'POST', `/imports/${created.id}/undo`);
  });

  it('keeps imports to the rights and scope of the user', async () => {
    const viewer = await t.user('vic', 'viewer');
    const refused = await upload(viewer, 'clients', 'x.csv', 'Name\nX\n');
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
    const products = await upload(anna, 'products', 'p.csv', 'Name\nX\n');
    assert.equal(products.status, 403, 'managers may not create products');
    const adminJob = (await upload(t.admin, 'clients', 'admin.csv', 'Name\nX\n')).body;
    assert.equal((await anna.request('GET', `/imports/${adminJob.id}`)).status, 404, 'another user\'s import is not visible');
    const other = await importFile(anna, 'clients', 'mgr.csv', 'Name,Manager\nNot Mine,admin\n');
    assert.equal(other.counts.failed, 1, 'an own-scope manager cannot import clients for someone else');
  });

  it('cancels a running import after a chunk and resumes it without duplicates', async () => {
    // Chunks grow with the pace (up to 2,000 rows), so the file is long enough
    // for several; the cancel is sent once the first chunk has committed.
    const reply = await upload(t.admin, 'clients', 'big.csv', bigCsv(6000, 'Cancel'));
    await t.admin.expect(202, 'POST', `/imports/${reply.body.id}/run`, {});
    while ((await t.admin.expect(200, 'GET', `/imports/${reply.body.id}`)).counts.created === 0);
    await t.admin.expect(200, 'POST', `/imports/${reply.body.id}/cancel`);
    const cancelled = await settle(t.admin, reply.body.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.counts.created < 6000, `cancelled after ${cancelled.counts.created}`);
    await t.admin.expect(202, 'POST', `/imports/${reply.body.id}/resume`);
    const done = await settle(t.admin, reply.body.id);
    assert.equal(done.status, 'done');
    assert.equal(done.counts.created, 6000);
    assert.equal((await t.admin.get(`/clients?name[startsWith]=Cancel&limit=1`)).body.total, 1000, 'counted up to the list\'s exact limit');
    const undo = await t.admin.expect(200, 'POST', `/imports/${reply.body.id}/undo`);
    assert.equal(undo.removed, 6000);
  });

  it('serves other requests while an import runs', async () => {
    const reply = await upload(t.admin, 'clients', 'busy.csv', bigCsv(4000, 'Busy'));
    await t.admin.expect(202, 'POST', `/imports/${reply.body.id}/run`, {});
    let answered = 0;
    for (;;) {
      const job = await t.admin.expect(200, 'GET', `/imports/${reply.body.id}`);
      await t.admin.expect(200, 'GET', '/clients?limit=5');
      answered++;
      if (job.status !== 'running') break;
    }
    assert.ok(answered >= 2, `requests were answered during the import (${answered})`);
    const undo = await t.admin.expect(200, 'POST', `/imports/${reply.body.id}/undo`);
    assert.equal(undo.removed, 4000);
  });

  it('loses nothing committed when the server is killed mid-import, and resumes after restart', async function () {
    this.timeout(60_000);
    const tdb = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    const config = tdb.server.ctx.config;
    const reply = await upload(tdb.admin, 'clients', 'crash.csv', bigCsv(5000, 'Crash'));
    await tdb.admin.expect(202, 'POST', `/imports/${reply.body.id}/run`, {});
    for (;;) {
      const job = await tdb.admin.expect(200, 'GET', `/imports/${reply.body.id}`);
      if (job.counts.created >= 1000) break;
    }
    await tdb.server.close(); // the database connection goes away mid-run, as when the process dies
    const restarted = await startServer({ config: { ...readConfig({}), ...config, port: 0, demo: false, adminPassword: ADMIN_PASSWORD }, clock: fixedClock('2026-11-27T10:05:00Z'), log: memoryLogger(), print: () => undefined });
    try {
      const admin = await login(restarted.url, 'admin', ADMIN_PASSWORD);
      const interrupted = await admin.expect(200, 'GET', `/imports/${reply.body.id}`);
      assert.equal(interrupted.status, 'interrupted');
      const count = async () => Number(((await restarted.ctx.db('clients').where('name', 'like', 'Crash %').count({ n: '*' }).first()) as any).n);
      assert.equal(await count(), interrupted.counts.created, 'every committed row is counted, nothing half-written');
      assert.equal(interrupted.progress.lastRow, interrupted.counts.created + 1, 'the cursor is at the last committed row');
      await admin.expect(202, 'POST', `/imports/${reply.body.id}/resume`);
      const done = await settle(admin, reply.body.id);
      assert.equal(done.status, 'done');
      assert.equal(done.counts.created, 5000);
      assert.equal(await count(), 5000, 'no row imported twice');
      if (kind === 'sqlite') assert.deepEqual(await restarted.ctx.db.raw('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    } finally {
      await restarted.close();
      await tdb.close().catch(() => undefined);
    }
  });
});
