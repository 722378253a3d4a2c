import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { importFile } from './import-support.js';

forEachDatabase('Import flow', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
  });
  after(async () => t?.close());

  it('imports a CSV client list with the suggested mapping', async () => {
    const csv = 'Company;INN;Phone;E-mail;City\nNorthwind Traders;7701234567;+7 495 123-45-67;info@northwind.example;Москва\n"Acme; Ltd";7702345678;8 (812) 765-43-21;hello@acme.example;Санкт-Петербург\n';
    const job = await importFile(t.admin, 'clients', 'clients.csv', csv);
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.deepEqual(job.counts, { created: 2, updated: 0, skipped: 0, failed: 0, held: 0 });
    const list = await t.admin.expect(200, 'GET', '/clients?sort=name');
    assert.deepEqual(list.items.map((c: any) => [c.name, c.taxId, c.city, c.phones[0]?.number, c.emails[0]?.address]), [
      ['Acme; Ltd', '7702345678', 'Санкт-Петербург', '8 (812) 765-43-21', 'hello@acme.example'],
      ['Northwind Traders', '7701234567', 'Москва', '+7 495 123-45-67', 'info@northwind.example'],
    ]);
    const found = await t.admin.expect(200, 'GET', '/search?q=northwind');
    assert.equal(found.items[0].title, 'Northwind Traders');
  });
});

forEachDatabase('Import fields', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind);
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Loyalty card', type: 'text' });
  });
  after(async () => t?.close());

  it('lists what a column can be imported into, custom fields included', async () => {
    const fields = await t.admin.expect(200, 'GET', '/import-fields/clients');
    const keys = fields.items.map((f: any) => f.key);
    for (const key of ['name', 'taxId', 'phones', 'emails', 'category', 'manager', 'contactName', 'loyaltyCard']) assert.ok(keys.includes(key), key);
    assert.equal(fields.items.find((f: any) => f.key === 'loyaltyCard').custom, true);
    const bad = await t.admin.request('GET', '/import-fields/invoices');
    assert.equal(bad.status, 400);
  });
});
