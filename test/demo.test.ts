import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** What a newcomer sees after `npm start` on an empty database. */
forEachDatabase('Demo data', (kind) => {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startTestServer(kind, { demo: true });
  });
  after(async () => t?.close());

  it('has our company, a catalog with two price types, and ~200 clients of both kinds with contacts', async () => {
    assert.equal((await t.admin.expect(200, 'GET', '/companies')).total, 1);
    assert.equal((await t.admin.expect(200, 'GET', '/price-types')).total, 2);
    assert.ok((await t.admin.expect(200, 'GET', '/products')).total >= 20);
    assert.equal((await t.admin.expect(200, 'GET', '/clients?kind=legal&limit=1')).total + (await t.admin.expect(200, 'GET', '/clients?kind=individual&limit=1')).total, 200);
    assert.ok((await t.admin.expect(200, 'GET', '/clients?kind=individual&limit=1')).total > 20);
    assert.ok((await t.admin.expect(200, 'GET', '/contacts?limit=1')).total > 150);
  });

  it('has invoices in every state and contracts ending soon', async () => {
    for (const state of ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'cancelled']) {
      assert.ok((await t.admin.expect(200, 'GET', `/invoices?state=${state}&limit=1`)).total > 0, `no ${state} invoice`);
    }
    for (const state of ['active', 'expiring', 'expired']) {
      assert.ok((await t.admin.expect(200, 'GET', `/contracts?state=${state}&limit=1`)).total > 0, `no ${state} contract`);
    }
  });

  it('keeps every paid and allocated amount equal to the sum of its allocations', async () => {
    const db = t.server.ctx.db;
    const badInvoices = await db('invoices')
      .leftJoin(db('allocations').select('invoice_id').sum({ s: 'amount' }).groupBy('invoice_id').as('a'), 'a.invoice_id', 'invoices.id')
      .whereRaw('invoices.paid <> coalesce(a.s, 0)')
      .count({ n: '*' });
    assert.equal(Number(badInvoices[0]!.n), 0);
    const badPayments = await db('payments')
      .leftJoin(db('allocations').select('payment_id').sum({ s: 'amount' }).groupBy('payment_id').as('a'), 'a.payment_id', 'payments.id')
      .whereRaw('payments.allocated <> coalesce(a.s, 0) OR payments.allocated > payments.amount')
      .count({ n: '*' });
    assert.equal(Number(badPayments[0]!.n), 0);
    const overpaid = await db('invoices').whereRaw('paid > total').count({ n: '*' });
    assert.equal(Number(overpaid[0]!.n), 0);
  });

  it('finds demo records by name, number and phone', async () => {
    const invoice = (await t.admin.expect(200, 'GET', '/invoices?state=paid&limit=1')).items[0];
    const hits = await t.admin.expect(200, 'GET', `/search?q=${encodeURIComponent(invoice.number)}`);
    assert.equal(hits.items[0].id, invoice.id);
    const client = (await t.admin.expect(200, 'GET', '/clients?limit=1&sort=name')).items[0];
    const byName = await t.admin.expect(200, 'GET', `/search?q=${encodeURIComponent(client.name)}`);
    assert.ok(byName.items.some((i: any) => i.entity === 'client' && i.id === client.id));
    const byPhone = await t.admin.expect(200, 'GET', `/search?q=${encodeURIComponent(client.phones[0].number.replace('+371 ', ''))}`);
    assert.ok(byPhone.items.some((i: any) => i.id === client.id));
  });
});
