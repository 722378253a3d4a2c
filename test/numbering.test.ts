import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

forEachDatabase('Invoice numbering', (kind) => {
  let t: TestServer;
  let clientId: number;
  before(async () => {
    t = await startTestServer(kind, { now: '2026-06-01T12:00:00Z' });
    await t.admin.expect(201, 'POST', '/companies', { name: 'Numbering Co', defaultCurrency: 'EUR', invoiceNumberFormat: '{YYYY}/{N}' });
    clientId = (await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Busy Client' })).id;
  });
  after(async () => t?.close());

  const draft = () => t.admin.expect(201, 'POST', '/invoices', { clientId, lines: [{ description: 'Item', quantity: '1', price: '10.00' }] });

  it('gives concurrently issued invoices consecutive numbers with no gaps or repeats', async () => {
    const drafts = await Promise.all(Array.from({ length: 24 }, draft));
    const issued = await Promise.all(drafts.map((d) => t.admin.post(`/invoices/${d.id}/issue`, { version: d.version })));
    for (const reply of issued) assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const numbers = issued.map((r) => r.body.number as string).sort((a, b) => Number(a.split('/')[1]) - Number(b.split('/')[1]));
    assert.deepEqual(numbers, Array.from({ length: 24 }, (_, i) => `2026/${i + 1}`));
  });

  it('does not use up a number when issuing fails', async () => {
    const empty = await t.admin.expect(201, 'POST', '/invoices', { clientId });
    const failed = await t.admin.post(`/invoices/${empty.id}/issue`, { version: empty.version });
    assert.equal(failed.status, 400);
    assert.equal(failed.body.error.details[0].field, 'lines');
    const next = await draft();
    const issued = await t.admin.expect(200, 'POST', `/invoices/${next.id}/issue`, { version: next.version });
    assert.equal(issued.number, '2026/25');
  });

  it('gives the number back when issuing fails after taking it', async () => {
    // Without {YYYY} a 2027 invoice gets the 2026 invoice's number: the clash is found only after numbering.
    const company = await t.admin.expect(201, 'POST', '/companies', { name: 'Clash Co', defaultCurrency: 'EUR', invoiceNumberFormat: '{N}' });
    const inCompany = (date: string) => t.admin.expect(201, 'POST', '/invoices', { clientId, companyId: company.id, date, lines: [{ description: 'Item', quantity: '1', price: '1.00' }] });
    const first = await inCompany('2026-06-01');
    assert.equal((await t.admin.expect(200, 'POST', `/invoices/${first.id}/issue`, { version: first.version })).number, '1');
    const series = () => t.server.ctx.db('number_series').where({ company_id: company.id, doc_type: 'invoice' }).orderBy('year').select('year', 'last_number');
    const before = (await series()).map((r: any) => [Number(r.year), Number(r.last_number)]);
    assert.deepEqual(before, [[2026, 1]]);

    const next = await inCompany('2027-01-05');
    const failed = await t.admin.post(`/invoices/${next.id}/issue`, { version: next.version });
    assert.equal(failed.status, 409, JSON.stringify(failed.body));
    assert.equal(failed.body.error.code, 'invalid_state');
    assert.match(failed.body.error.message, /"1", which is already used/);
    assert.deepEqual((await series()).map((r: any) => [Number(r.year), Number(r.last_number)]), before, 'no number was taken from the 2027 series');
    const still = await t.admin.expect(200, 'GET', `/invoices/${next.id}`);
    assert.deepEqual([still.status, still.number, still.version], ['draft', null, next.version]);

    const fixed = await t.admin.expect(200, 'GET', `/companies/${company.id}`);
    await t.admin.expect(200, 'PATCH', `/companies/${company.id}`, { version: fixed.version, invoiceNumberFormat: '{YYYY}-{N}' });
    assert.equal((await t.admin.expect(200, 'POST', `/invoices/${next.id}/issue`, { version: next.version })).number, '2027-1');
  });

  it('starts a new series each year', async () => {
    const d = await t.admin.expect(201, 'POST', '/invoices', { clientId, date: '2027-01-05', lines: [{ description: 'Item', quantity: '1', price: '1.00' }] });
    const issued = await t.admin.expect(200, 'POST', `/invoices/${d.id}/issue`, { version: d.version });
    assert.equal(issued.number, '2027/1');
  });
});
