import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * The whole sales cycle over the HTTP API, as an integrator would run it:
 * client → contract → invoices → partial payments → paid, with credit.
 */
forEachDatabase('Sales cycle', (kind) => {
  let t: TestServer;
  let clientId: number;
  let contract: any;
  let invoice1: any;
  let invoice2: any;
  let invoice3: any;
  let payment3: any;

  const balance = async () => (await t.admin.expect(200, 'GET', `/clients/${clientId}/balance`)).items[0];
  const invoice = (id: number) => t.admin.expect(200, 'GET', `/invoices/${id}`);

  before(async () => {
    t = await startTestServer(kind, { now: '2026-03-10T10:00:00Z' });
    await t.admin.expect(201, 'POST', '/companies', {
      name: 'Kontora Demo Ltd', defaultCurrency: 'EUR', defaultVatRate: '20', invoiceNumberFormat: 'INV-{YYYY}-{N:4}', paymentTermsDays: 14,
    });
    clientId = (await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Northwind Traders' })).id;
  });
  after(async () => t?.close());

  it('creates a contract with two lines and exact totals', async () => {
    contract = await t.admin.expect(201, 'POST', '/contracts', {
      clientId, subject: 'Consulting and licences 2026', endDate: '2026-12-31',
      lines: [
        { description: 'Consulting', unit: 'h', quantity: '10', price: '80.00' },
        { description: 'Licence', quantity: '1', price: '199.99', discount: '10' },
      ],
    });
    assert.match(contract.number, /^C-2026-\d{4}$/);
    assert.equal(contract.currency, 'EUR');
    assert.equal(contract.state, 'active');
    assert.deepEqual([contract.netTotal, contract.vatTotal, contract.total], ['979.99', '196.00', '1175.99']);
    assert.equal(contract.lines[1].net, '179.99');
  });

  it('issues an invoice under the contract and a direct one, numbered without gaps', async () => {
    const draft = await t.admin.expect(201, 'POST', '/invoices', { contractId: contract.id, lines: contract.lines.map((l: any) => ({ description: l.description, unit: l.unit, quantity: l.quantity, price: l.price, discount: l.discount, vatRate: l.vatRate })) });
    assert.equal(draft.state, 'draft');
    assert.equal(draft.number, null);
    assert.equal(draft.clientId, clientId);
    assert.equal(draft.dueDate, '2026-03-24');
    invoice1 = await t.admin.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    assert.equal(invoice1.number, 'INV-2026-0001');
    assert.equal(invoice1.state, 'issued');
    assert.equal(invoice1.total, '1175.99');

    const direct = await t.admin.expect(201, 'POST', '/invoices', { clientId, lines: [{ description: 'Support', quantity: '1', price: '100' }] });
    invoice2 = await t.admin.expect(200, 'POST', `/invoices/${direct.id}/issue`, { version: direct.version });
    assert.equal(invoice2.number, 'INV-2026-0002');
    assert.equal(invoice2.total, '120.00');
    assert.deepEqual(await balance(), { currency: 'EUR', receivable: '1295.99', overdue: '0.00', credit: '0.00', balance: '1295.99' });
  });

  it('records two partial payments against the first invoice', async () => {
    await t.admin.expect(201, 'POST', '/payments', { clientId, amount: '500.00', allocations: [{ invoiceId: invoice1.id, amount: '500.00' }] });
    let inv = await invoice(invoice1.id);
    assert.equal(inv.state, 'partially_paid');
    assert.equal(inv.remaining, '675.99');
    await t.admin.expect(201, 'POST', '/payments', { clientId, amount: '175.99', allocations: [{ invoiceId: invoice1.id, amount: '175.99' }] });
    inv = await invoice(invoice1.id);
    assert.equal(inv.paid, '675.99');
    assert.equal(inv.remaining, '500.00');
    assert.equal(inv.allocations.length, 2);
    assert.equal((await balance()).receivable, '620.00');
  });

  it('splits one payment over two invoices and keeps the overpayment as credit', async () => {
    payment3 = await t.admin.expect(201, 'POST', '/payments', {
      clientId, amount: '650.00', reference: 'Bank statement 42',
      allocations: [{ invoiceId: invoice1.id, amount: '500.00' }, { invoiceId: invoice2.id, amount: '120.00' }],
    });
    assert.equal(payment3.allocated, '620.00');
    assert.equal(payment3.unallocated, '30.00');
    assert.equal((await invoice(invoice1.id)).state, 'paid');
    assert.equal((await invoice(invoice2.id)).state, 'paid');
    assert.deepEqual(await balance(), { currency: 'EUR', receivable: '0.00', overdue: '0.00', credit: '30.00', balance: '-30.00' });
  });

  it('refuses to allocate more than an invoice still owes or a payment still has', async () => {
    const draft = await t.admin.expect(201, 'POST', '/invoices', { clientId, lines: [{ description: 'Extra work', quantity: '1', price: '50.00' }] });
    invoice3 = await t.admin.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    assert.equal(invoice3.total, '60.00');
    const tooMuch = await t.admin.post(`/payments/${payment3.id}/allocations`, { allocations: [{ invoiceId: invoice3.id, amount: '40.00' }] });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.error.code, 'allocation_exceeds');
    assert.equal(tooMuch.body.error.details[0].field, 'allocations.0.amount');
    const paidInvoice = await t.admin.post(`/payments/${payment3.id}/allocations`, { allocations: [{ invoiceId: invoice1.id, amount: '1.00' }] });
    assert.equal(paidInvoice.body.error.code, 'allocation_exceeds');
  });

  it('applies the credit to a later invoice', async () => {
    const p = await t.admin.expect(200, 'POST', `/payments/${payment3.id}/allocations`, { auto: true });
    assert.equal(p.unallocated, '0.00');
    const inv = await invoice(invoice3.id);
    assert.equal(inv.state, 'partially_paid');
    assert.equal(inv.remaining, '30.00');
    assert.deepEqual(await balance(), { currency: 'EUR', receivable: '30.00', overdue: '0.00', credit: '0.00', balance: '30.00' });
  });

  it('shows an unpaid invoice as overdue after its due date', async () => {
    t.clock.set!('2026-04-15T09:00:00Z');
    assert.equal((await invoice(invoice3.id)).state, 'overdue');
    const overdue = await t.admin.expect(200, 'GET', '/invoices?state=overdue');
    assert.deepEqual(overdue.items.map((i: any) => i.number), ['INV-2026-0003']);
    assert.equal((await balance()).overdue, '30.00');
    const paid = await t.admin.expect(200, 'GET', '/invoices?state=paid&sort=number');
    assert.deepEqual(paid.items.map((i: any) => i.number), ['INV-2026-0001', 'INV-2026-0002']);
  });

  it('refuses to cancel an invoice with payments unless they are released to credit', async () => {
    const inv = await invoice(invoice3.id);
    const refused = await t.admin.post(`/invoices/${inv.id}/cancel`, { version: inv.version });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'invoice_has_payments');
    const cancelled = await t.admin.expect(200, 'POST', `/invoices/${inv.id}/cancel`, { version: inv.version, releasePayments: true });
    assert.equal(cancelled.state, 'cancelled');
    assert.equal(cancelled.paid, '0.00');
    assert.deepEqual(await balance(), { currency: 'EUR', receivable: '0.00', overdue: '0.00', credit: '30.00', balance: '-30.00' });
  });

  it('keeps issued invoices from being edited or deleted', async () => {
    const inv = await invoice(invoice1.id);
    const edit = await t.admin.patch(`/invoices/${inv.id}`, { version: inv.version, lines: [] });
    assert.equal(edit.status, 409);
    assert.equal(edit.body.error.code, 'invalid_state');
    const notes = await t.admin.expect(200, 'PATCH', `/invoices/${inv.id}`, { version: inv.version, notes: 'Paid in three parts' });
    assert.equal(notes.notes, 'Paid in three parts');
    const del = await t.admin.delete(`/invoices/${inv.id}`);
    assert.equal(del.body.error.code, 'invalid_state');
  });

  it('shows the client card with contacts, balance and recent documents', async () => {
    const card = await t.admin.expect(200, 'GET', `/clients/${clientId}`);
    assert.deepEqual(card.recentDocuments.contracts.map((c: any) => c.number), [contract.number]);
    assert.deepEqual(card.recentDocuments.invoices.map((i: any) => [i.number, i.state]), [
      ['INV-2026-0003', 'cancelled'], ['INV-2026-0002', 'paid'], ['INV-2026-0001', 'paid'],
    ]);
    assert.equal(card.balance[0].credit, '30.00');
  });

  it('records the payment history in the invoice audit log', async () => {
    const log = await t.admin.expect(200, 'GET', `/invoices/${invoice1.id}/audit`);
    const actions = log.items.map((e: any) => e.action);
    assert.ok(actions.includes('issue'));
    assert.equal(actions.filter((a: string) => a === 'payment_allocated').length, 3);
  });
});

forEachDatabase('Sales cycle edge cases', (kind) => {
  let t: TestServer;
  let clientId: number;

  const issued = async (lines: unknown[], extra: Record<string, unknown> = {}) => {
    const draft = await t.admin.expect(201, 'POST', '/invoices', { clientId, lines, ...extra });
    return t.admin.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
  };

  before(async () => {
    t = await startTestServer(kind, { now: '2026-03-10T10:00:00Z' });
    await t.admin.expect(201, 'POST', '/companies', { name: 'Edge Ltd', defaultCurrency: 'EUR', defaultVatRate: '0', invoiceNumberFormat: 'E-{YYYY}-{N:4}', paymentTermsDays: 14 });
    clientId = (await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Edge Client' })).id;
  });
  after(async () => t?.close());

  it('cancels an invoice while its payment is being allocated to it, without a deadlock', async function () {
    this.timeout(60_000);
    for (let round = 0; round < 8; round++) {
      const inv = await issued([{ description: `Round ${round}`, quantity: '1', price: '100' }]);
      const payment = await t.admin.expect(201, 'POST', '/payments', { clientId, amount: '100', allocations: [{ invoiceId: inv.id, amount: '40' }] });
      const [cancel, allocation] = await Promise.all([
        t.admin.post(`/invoices/${inv.id}/cancel`, { version: inv.version + 1, releasePayments: true }),
        t.admin.post(`/payments/${payment.id}/allocations`, { allocations: [{ invoiceId: inv.id, amount: '10' }] }),
      ]);
      assert.ok(cancel.status < 500 && allocation.status < 500, JSON.stringify([cancel.body, allocation.body]));
      if (cancel.status === 409 && cancel.body.error.code === 'version_conflict') {
        // The allocation came first and changed the invoice: cancel what it is now.
        assert.equal(allocation.status, 200, JSON.stringify(allocation.body));
        await t.admin.expect(200, 'POST', `/invoices/${inv.id}/cancel`, { version: cancel.body.error.current.version, releasePayments: true });
      } else {
        assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
        assert.ok(allocation.status === 200 || allocation.body.error.code === 'validation_failed', JSON.stringify(allocation.body));
      }
      // Cancelled first: the allocation is refused; allocated first: the cancel released it too.
      const after = await t.admin.expect(200, 'GET', `/payments/${payment.id}`);
      assert.equal(after.unallocated, '100.00');
      assert.equal((await t.admin.expect(200, 'GET', `/invoices/${inv.id}`)).paid, '0.00');
    }
  });

  it('refuses to move an issued invoice\'s due date before its date', async () => {
    const inv = await issued([{ description: 'Due date', quantity: '1', price: '10' }], { date: '2026-03-01' });
    const refused = await t.admin.patch(`/invoices/${inv.id}`, { version: inv.version, dueDate: '2026-02-28' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'validation_failed');
    assert.ok(refused.body.error.details.some((d: any) => d.field === 'dueDate' && d.code === 'out_of_range'), JSON.stringify(refused.body.error.details));
    assert.equal((await t.admin.expect(200, 'GET', `/invoices/${inv.id}`)).dueDate, '2026-03-15');
    const later = await t.admin.expect(200, 'PATCH', `/invoices/${inv.id}`, { version: inv.version, dueDate: '2026-04-30' });
    assert.equal(later.dueDate, '2026-04-30');
    const terms = await t.admin.expect(200, 'PATCH', `/invoices/${inv.id}`, { version: later.version, dueDate: null });
    assert.equal(terms.dueDate, '2026-03-15');
  });

  it('audits each of two allocations to one invoice in one request from where the previous left it', async () => {
    const inv = await issued([{ description: 'Twice', quantity: '1', price: '100' }]);
    const payment = await t.admin.expect(201, 'POST', '/payments', { clientId, amount: '100' });
    await t.admin.expect(200, 'POST', `/payments/${payment.id}/allocations`, { allocations: [{ invoiceId: inv.id, amount: '30' }, { invoiceId: inv.id, amount: '20' }] });
    assert.equal((await t.admin.expect(200, 'GET', `/invoices/${inv.id}`)).paid, '50.00');
    const log = await t.admin.expect(200, 'GET', `/invoices/${inv.id}/audit`);
    const paid = log.items.filter((e: any) => e.action === 'payment_allocated').map((e: any) => [e.changes.paid.old, e.changes.paid.new]).sort();
    assert.deepEqual(paid, [['0.00', '30.00'], ['30.00', '50.00']]);
  });

  it('prices many product lines from the client\'s price list without a query per line', async () => {
    const wholesale = await t.admin.expect(201, 'POST', '/price-types', { name: 'Edge wholesale', currency: 'EUR' });
    const category = await t.admin.expect(201, 'POST', '/client-categories', { name: 'Edge partners', discount: '5', priceTypeId: wholesale.id });
    const partner = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Edge Partner', categoryId: category.id });
    const products: any[] = [];
    for (const [i, amount] of ['10.00', '2.50', '99.99'].entries()) {
      products.push(await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: `Edge product ${i}`, sku: `EDGE-${i}`, vatRate: '0', prices: [{ priceTypeId: wholesale.id, amount }] }));
    }
    const unpriced = await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Edge unpriced', sku: 'EDGE-X', vatRate: '0' });
    const lines = Array.from({ length: 60 }, (_, i) => ({ productId: products[i % 3].id, quantity: '2' }));
    const db = t.server.ctx.db;
    let queries = 0;
    const count = () => queries++;
    db.on('query', count);
    let invoice: any;
    try {
      invoice = await t.admin.expect(201, 'POST', '/invoices', { clientId: partner.id, lines });
    } finally {
      db.off('query', count);
    }
    assert.deepEqual(invoice.lines.slice(0, 3).map((l: any) => [l.price, l.discount, l.net]), [['10.00', '5', '19.00'], ['2.50', '5', '4.75'], ['99.99', '5', '189.98']]);
    assert.equal(invoice.total, '4274.60');
    assert.ok(queries < 60, `${queries} queries for 60 product lines`);

    const missing = await t.admin.post('/invoices', { clientId: partner.id, lines: [{ productId: products[0].id, quantity: '1' }, { productId: unpriced.id, quantity: '1' }] });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error.details.map((d: any) => [d.field, d.code]), [['lines.1.price', 'required']]);
  });

  it('refuses to change a payment\'s currency without its amount in the new currency', async () => {
    const payment = await t.admin.expect(201, 'POST', '/payments', { clientId, amount: '50.50' });
    const refused = await t.admin.patch(`/payments/${payment.id}`, { version: payment.version, currency: 'JPY' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'validation_failed');
    assert.ok(refused.body.error.details.some((d: any) => d.field === 'amount' && d.code === 'required'), JSON.stringify(refused.body.error.details));
    const unchanged = await t.admin.expect(200, 'GET', `/payments/${payment.id}`);
    assert.deepEqual([unchanged.amount, unchanged.currency], ['50.50', 'EUR']);
    const same = await t.admin.expect(200, 'PATCH', `/payments/${payment.id}`, { version: payment.version, currency: 'eur', notes: 'Same currency' });
    assert.equal(same.amount, '50.50');
    const moved = await t.admin.expect(200, 'PATCH', `/payments/${payment.id}`, { version: same.version, currency: 'JPY', amount: '6000' });
    assert.deepEqual([moved.amount, moved.currency], ['6000', 'JPY']);
  });
});
