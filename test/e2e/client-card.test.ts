import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { apiAnswer, assertNoErrors, DESKTOP, FAILED_REQUEST, go, horizontalOverflow, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

/** Money as the screens show it in English ("3,091.24 EUR"), from the API's exact decimal string. */
function money(value: string, currency: string): string {
  const negative = value.startsWith('-');
  const [int = '0', frac] = value.replace(/^-/, '').split('.');
  return `${negative ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? '.' + frac : ''}\u00a0${currency}`;
}

// Optional tabs (events, documents) ask the server whether it offers them;
// a server without them answers 404, which the browser logs.
const PROBES = [FAILED_REQUEST(404)];

describeBrowser('E2E: client and contact screens', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
  });
  after(async () => t?.close());

  it('warns about a likely duplicate while a client is typed, still saves it and opens its card', async function () {
    const { items } = await t.admin.expect(200, 'GET', '/clients?kind=legal&sort=name&limit=1');
    const existing = await t.admin.expect(200, 'GET', `/clients/${items[0].id}`);
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url, { hash: '#/clients' });
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();

    // A legal entity asks for bank details, not a birthday.
    await page.getByLabel('Bank account').waitFor();
    assert.equal(await page.getByLabel('Birthday').count(), 0);

    await page.getByLabel('Name', { exact: true }).fill(existing.name);
    await page.getByLabel('Tax ID').fill(existing.taxId);
    const warning = page.getByRole('list', { name: 'Possible duplicates' });
    await warning.waitFor();
    const link = warning.getByRole('link', { name: existing.name });
    assert.equal(await link.getAttribute('href'), `#/clients/${existing.id}`);
    assert.match(await warning.innerText(), new RegExp(`same tax ID ${existing.taxId}`));
    assert.match(await warning.innerText(), new RegExp(`manager ${existing.managerName}`));
    await shoot(page, 'client-new-duplicate');

    await page.getByLabel('City').fill('Tallinn');
    const created = apiAnswer(page, 'POST', /\/api\/v1\/clients$/);
    await page.getByRole('button', { name: 'Create client' }).click();
    const reply = await created;
    assert.equal(reply.status(), 201, 'a warning never blocks saving');
    const id = ((await reply.json()) as { id: number }).id;
    await page.waitForURL(new RegExp(`#/clients/${id}$`));
    await page.getByRole('heading', { level: 1, name: existing.name }).waitFor();
    await page.getByRole('tabpanel').getByText('Tallinn').waitFor();
    assertNoErrors(b, page, PROBES);
  });

  it('switches the form to a person: name parts and birthday, no bank details', async function () {
    const page = await b.page({ width: TASK_PANE });
    await signIn(b, page, t.url, { hash: '#/clients/new' });
    await page.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Individual' }).click();
    await page.getByLabel('Birthday').waitFor();
    assert.equal(await page.getByLabel('Bank account').count(), 0);
    await page.getByLabel('First name').fill('Ingrid');
    await page.getByLabel('Last name').fill('Solberg');
    const created = apiAnswer(page, 'POST', /\/api\/v1\/clients$/);
    await page.getByRole('button', { name: 'Create client' }).click();
    assert.equal((await created).status(), 201);
    await page.getByRole('heading', { level: 1, name: 'Solberg Ingrid' }).or(page.getByRole('heading', { level: 1, name: 'Ingrid Solberg' })).waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the card fits a 320-px pane');
    assertNoErrors(b, page, PROBES);
  });

  it("shows the client's balance, overdue amount, contracts and invoices, and refuses to delete a client in use", async function () {
    const { items: contracts } = await t.admin.expect(200, 'GET', '/contracts?limit=1&sort=number');
    const contract = contracts[0] as { number: string; clientId: number };
    const { items: balances } = await t.admin.expect(200, 'GET', `/clients/${contract.clientId}/balance`);
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url);
    await go(page, `#/clients/${contract.clientId}`);

    const balance = page.getByRole('group', { name: 'Balance' });
    await balance.waitFor();
    if (balances.length === 0) {
      await balance.getByText('Nothing owed').waitFor();
    } else {
      const b0 = balances[0] as { currency: string; receivable: string; overdue: string };
      await balance.getByText(money(b0.receivable, b0.currency), { exact: true }).first().waitFor();
      await balance.getByText(money(b0.overdue, b0.currency), { exact: true }).first().waitFor();
    }

    await page.getByRole('tab', { name: 'Contracts' }).click();
    await page.waitForURL(/tab=contracts/);
    await page.getByRole('tabpanel').getByRole('link', { name: contract.number }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New contract' }).count(), 1);
    await shoot(page, 'client-card-contracts');

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('alert').filter({ hasText: /cannot be deleted\. It is still used by/ }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await t.admin.expect(200, 'GET', `/clients/${contract.clientId}`);
    assertNoErrors(b, page, [...PROBES, FAILED_REQUEST(409)]);
  });

  it('edits requisites and shows the change with old and new values in the history', async function () {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Harbour Tools', city: 'Riga' });
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url);
    await go(page, `#/clients/${client.id}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('City').fill('Klaipeda');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tabpanel').getByText('Klaipeda').waitFor();

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'Change history' });
    const change = history.getByRole('listitem').filter({ hasText: 'Changed' }).first();
    await change.waitFor();
    assert.match(await change.innerText(), /City\s+Riga\s*→\s*Klaipeda/);
    await history.getByRole('listitem').filter({ hasText: 'Created' }).waitFor();
    await shoot(page, 'client-card-history');
    assertNoErrors(b, page, PROBES);
  });

  it("adds a contact from the client's card with the client filled in, and the contact links back", async function () {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Northwind Cargo' });
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url);
    await go(page, `#/clients/${client.id}?tab=contacts`);
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForURL(new RegExp(`#/contacts/new\\?clientId=${client.id}`));
    const clientBox = page.getByRole('combobox', { name: 'Client' });
    await clientBox.and(page.locator('[value="Northwind Cargo"]')).waitFor();
    await page.getByLabel('First name').fill('Lena');
    await page.getByLabel('Last name').fill('Holm');
    await page.getByRole('button', { name: 'Add phones' }).click();
    await page.getByLabel('Phones 1', { exact: true }).fill('+46 70 123 45 67');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.waitForURL(/#\/contacts\/\d+$/);
    await page.getByRole('link', { name: 'Northwind Cargo' }).first().waitFor();
    await page.getByRole('link', { name: '+46 70 123 45 67' }).waitFor();
    await shoot(page, 'contact-card');

    await page.getByRole('button', { name: 'Back' }).click();
    await page.waitForURL(new RegExp(`#/clients/${client.id}\\?tab=contacts`));
    await page.getByRole('tabpanel').getByRole('link', { name: /Holm|Lena/ }).waitFor();
    assertNoErrors(b, page, PROBES);
  });

  it("lists the documents issued for the client and downloads one as it was issued", async function () {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Lakeside Print', city: 'Tartu' });
    const issued = await t.admin.post('/documents', { recordType: 'client', recordId: client.id });
    assert.equal(issued.status, 201, 'the shipped letter template fills for a client');
    const { items } = await t.admin.expect(200, 'GET', `/documents?recordType=client&recordId=${client.id}`);
    const doc = items[0] as { fileName: string; size: number };
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url);
    await go(page, `#/clients/${client.id}?tab=documents`);
    const panel = page.getByRole('tabpanel', { name: 'Documents' });
    await panel.getByText(doc.fileName).waitFor();
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: `Download ${doc.fileName}` }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), doc.fileName);
    assert.equal(fs.statSync(await file.path()).size, doc.size, 'the same bytes as issued');
    assertNoErrors(b, page, PROBES);
  });

  it('shows a viewer the card without edit, delete or new-record buttons', async function () {
    await t.user('vera', 'viewer', 'all');
    const { items } = await t.admin.expect(200, 'GET', '/clients?limit=1&sort=name');
    const page = await b.page({ width: DESKTOP });
    await signIn(b, page, t.url, { login: 'vera', password: 'vera-password-123' });
    await go(page, `#/clients/${items[0].id}?tab=contacts`);
    await page.getByRole('heading', { level: 1, name: items[0].name }).waitFor();
    await page.getByRole('tabpanel').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add contact' }).count(), 0);
    await go(page, '#/clients');
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New client' }).count(), 0);
    assertNoErrors(b, page, PROBES);
  });

  it('says plainly when a card does not exist', async function () {
    const page = await b.page({ width: TASK_PANE });
    await signIn(b, page, t.url);
    await go(page, '#/clients/999999');
    await page.getByText('This record does not exist or you cannot see it.').waitFor();
    await go(page, '#/contacts/abc');
    await page.getByText('This record does not exist or you cannot see it.').waitFor();
    assertNoErrors(b, page, PROBES);
  });
});
