import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, FAILED_REQUEST, go, openPage, pick, shoot, signIn, startE2EServer, waitForValue } from './support.js';

// The sales cycle as an accountant does it on screen: a contract, an
// invoice with two lines under it, issuing it, a partial payment, and the
// invoice's status and the client's balance following.
describeBrowser('E2E: contract, invoice and payment', function (b) {
  let t: TestServer;
  let client: { id: number; name: string };
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Harbor Lights Ltd', city: 'Riga' });
  });
  after(async () => t?.close());

  // Optional tabs ask the server whether it offers them; a 404 is logged by the browser.
  const PROBES = [FAILED_REQUEST(404)];

  let contractId: number;
  let invoiceId: number;

  async function fillLine(page: Page, n: number, description: string, quantity: string, price: string): Promise<void> {
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel(`Line ${n} Description`).fill(description);
    await page.getByLabel(`Line ${n} Quantity`).fill(quantity);
    await page.getByLabel(`Line ${n} Price`).fill(price);
  }

  it('creates a contract for the client', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: '#/contracts' });
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    await page.getByRole('button', { name: /New contract/ }).click();
    await page.getByRole('heading', { level: 1, name: 'New contract' }).waitFor();
    await page.getByLabel('Subject').fill('Harbour lighting maintenance 2026');
    await pick(page, 'Client', 'Harbor Lights', client.name);
    await page.getByLabel('End date').fill('2027-12-31');
    await fillLine(page, 1, 'Monthly maintenance visit', '12', '150.00');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/contracts\/\d+(\?|$)/);
    contractId = Number(/#\/contracts\/(\d+)/.exec(page.url())![1]);
    const saved = await t.admin.expect(200, 'GET', `/contracts/${contractId}`);
    assert.equal(saved.clientId, client.id);
    assert.equal(saved.subject, 'Harbour lighting maintenance 2026');
    await page.getByRole('heading', { level: 1, name: new RegExp(saved.number ?? 'Contract') }).waitFor();
    await page.getByText('Harbour lighting maintenance 2026').first().waitFor();
    await shoot(page, 'contract-card');
    assertNoErrors(b, page, PROBES);
  });

  it('creates an invoice with two lines under the contract, with totals worked out while typing, and issues it', async function () {
    assert.ok(contractId, 'the contract of the previous step');
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: `#/contracts/${contractId}` });
    await page.getByRole('button', { name: 'New invoice from contract' }).click();
    await page.getByRole('heading', { level: 1, name: /New invoice/ }).waitFor();
    // The contract's client and the contract itself are filled in.
    await page.getByRole('combobox', { name: 'Client', exact: true }).and(page.locator(`[value="${client.name}"]`)).waitFor();
    // The contract's line comes along; this month's invoice bills one visit and adds a call-out.
    await waitForValue(page.getByLabel('Line 1 Description'), 'Monthly maintenance visit');
    await page.getByLabel('Line 1 Quantity').fill('1');
    await fillLine(page, 2, 'Emergency call-out', '1', '120.00');
    await page.getByLabel('Line 2 VAT, %').fill('21');
    // 150.00 + 120.00 = 270.00 without VAT, 56.70 VAT, 326.70 in all: worked out before saving.
    const lines = page.getByRole('region', { name: 'Lines' });
    await lines.getByText(/326\.70/).first().waitFor();
    await lines.getByText(/56\.70/).first().waitFor();
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/invoices\/\d+(\?|$)/);
    invoiceId = Number(/#\/invoices\/(\d+)/.exec(page.url())![1]);
    const draft = await t.admin.expect(200, 'GET', `/invoices/${invoiceId}`);
    assert.equal(draft.contractId, contractId);
    assert.equal(draft.state, 'draft');
    assert.deepEqual(draft.lines.map((l: { description: string; quantity: string; price: string }) => `${l.description} ${l.quantity} × ${l.price}`), ['Monthly maintenance visit 1 × 150.00', 'Emergency call-out 1 × 120.00']);
    assert.equal(draft.total, '326.70', 'the server agrees with the preview');
    await page.getByText('Draft', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await page.getByText(/^Issued as .+\.$/).first().waitFor(); // the toast and its live-region copy
    const issued = await t.admin.expect(200, 'GET', `/invoices/${invoiceId}`);
    assert.equal(issued.state, 'issued');
    await page.getByText(`Issued as ${issued.number}.`).first().waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(escape(issued.number)) }).waitFor();
    await page.getByText('Issued', { exact: true }).first().waitFor();
    await shoot(page, 'invoice-card');
    assertNoErrors(b, page, PROBES);
  });

  it('records a partial payment: the invoice becomes partially paid and the client owes the rest', async function () {
    assert.ok(invoiceId, 'the invoice of the previous step');
    const invoice = await t.admin.expect(200, 'GET', `/invoices/${invoiceId}`);
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: `#/clients/${client.id}` });
    await page.getByRole('heading', { level: 1, name: client.name }).waitFor();
    const balance = page.getByRole('group', { name: 'Balance' });
    await balance.getByText(money(invoice.total)).waitFor();

    await go(page, `#/invoices/${invoiceId}`);
    await page.getByRole('button', { name: 'Record a payment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount').fill('100.00');
    await dialog.getByText(/A smaller amount is a partial payment/).waitFor();
    await shoot(page, 'payment-dialog');
    await dialog.getByRole('button', { name: 'Save payment' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('Partially paid', { exact: true }).first().waitFor();
    const after = await t.admin.expect(200, 'GET', `/invoices/${invoiceId}`);
    assert.deepEqual([after.state, after.paid], ['partially_paid', '100.00']);
    await page.getByText(money(subtract(invoice.total, '100.00'))).first().waitFor();

    await go(page, `#/clients/${client.id}`);
    await page.getByRole('heading', { level: 1, name: client.name }).waitFor();
    await balance.getByText(money(subtract(invoice.total, '100.00'))).waitFor();
    assertNoErrors(b, page, PROBES);
  });

  it('spreads one payment over two invoices by hand and shows what remains on each', async function () {
    assert.ok(invoiceId, 'the invoice of the previous steps');
    // A second issued invoice for the same client, made through the API: 10 × 5.00 + 21 % VAT = 60.50.
    const draft = await t.admin.expect(201, 'POST', '/invoices', { clientId: client.id, vatMode: 'exclusive', lines: [{ description: 'Spare fuses', quantity: '10', price: '5.00', vatRate: '21' }] });
    const second = await t.admin.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    const first = await t.admin.expect(200, 'GET', `/invoices/${invoiceId}`);
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: '#/payments/new' });
    await page.getByRole('heading', { level: 1, name: 'New payment' }).waitFor();
    await pick(page, 'Client', 'Harbor Lights', client.name);
    await page.getByRole('textbox', { name: 'Amount', exact: true }).fill('250.00');
    await page.getByRole('textbox', { name: 'Reference' }).fill('Bank statement 2026/11 line 7');
    await page.getByRole('checkbox', { name: /Allocate to the client’s oldest open invoices/ }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/payments\/\d+(\?|$)/);
    const paymentId = Number(/#\/payments\/(\d+)/.exec(page.url())![1]);

    // The whole payment waits to be allocated; the newer invoice gets all it needs, the older the rest.
    await page.getByRole('textbox', { name: `Amount to allocate to invoice ${second.number}` }).fill(second.total);
    await page.getByRole('textbox', { name: `Amount to allocate to invoice ${first.number}` }).fill(subtract('250.00', second.total));
    await shoot(page, 'payment-allocation');
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await page.getByText(/^250\.00\sEUR allocated\.$/).first().waitFor(); // the toast and its live-region copy

    const [a, c] = await Promise.all([t.admin.expect(200, 'GET', `/invoices/${first.id}`), t.admin.expect(200, 'GET', `/invoices/${second.id}`)]);
    assert.equal(c.state, 'paid');
    assert.equal(a.state, 'partially_paid');
    assert.equal(a.paid, addMoney(first.paid, subtract('250.00', second.total)));
    const payment = await t.admin.expect(200, 'GET', `/payments/${paymentId}`);
    assert.equal(payment.reference, 'Bank statement 2026/11 line 7');
    // The card lists both invoices with what was applied to each.
    await page.getByRole('link', { name: second.number }).first().waitFor();
    await page.getByRole('link', { name: first.number }).first().waitFor();
    await shoot(page, 'payment-card');
    assertNoErrors(b, page, PROBES);
  });
});

/** Money as the screens show it in English ("1,234.50 EUR" without the currency here), from an exact decimal string. */
function money(value: string): RegExp {
  const [int = '0', frac = '00'] = value.replace(/^-/, '').split('.');
  return new RegExp(`${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}\\.${frac}`);
}

/** a − b for two-decimal strings, exactly (cents as bigint). */
function subtract(a: string, b: string): string {
  const cents = (s: string) => BigInt(s.replace('.', ''));
  const d = cents(a) - cents(b);
  const abs = d < 0n ? -d : d;
  return `${d < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** a + b for two-decimal strings, exactly. */
function addMoney(a: string, b: string): string {
  return subtract(a, subtract('0.00', b));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
