import assert from 'node:assert/strict';
import { describeBrowser } from '../support/browser.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { useFakeGraph } from '../support/microsoft.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, openPage, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

// The administrator enters the app registration; a user then connects their
// mailbox through (the local stand-in for) Microsoft's sign-in page and
// lands back in Kontora, connected.
describeBrowser('E2E: Microsoft 365 connection', function (b) {
  let t: TestServer;
  let fake: FakeGraph;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    fake = await startFakeGraph();
    useFakeGraph(t, fake);
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  it('saves the settings with a write-only secret, then connects and disconnects a mailbox', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Microsoft 365' }).click();
    await page.getByText('Not set up yet').waitFor();
    await page.getByText(`${t.url}/api/v1/microsoft/callback`).waitFor();

    await page.getByRole('textbox', { name: 'Directory (tenant) ID' }).fill('not a tenant');
    await page.getByRole('textbox', { name: 'Application (client) ID' }).fill(fake.clientId);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Use the directory (tenant) ID').waitFor();
    await page.getByText('Enter the client secret.').waitFor();

    await page.getByRole('textbox', { name: 'Directory (tenant) ID' }).fill(fake.tenantId);
    await page.getByLabel('Client secret', { exact: true }).fill(fake.clientSecret);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Set up. Users can connect').waitFor();
    assert.equal(await page.getByLabel('Client secret', { exact: true }).inputValue(), '', 'the secret is not shown back');
    await page.getByText('A secret is stored').waitFor();
    await shoot(page, 'microsoft-settings');
    assert.ok(!(await page.content()).includes(fake.clientSecret));

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Microsoft 365' }).click();
    await page.getByRole('heading', { level: 1, name: 'Microsoft 365 mailbox' }).waitFor();
    await page.getByText('Not connected.').waitFor();
    fake.signInAs('admin@contoso.example');
    await page.getByRole('button', { name: 'Connect mailbox' }).click();
    // Microsoft's page sends the browser back to Kontora's callback, which returns to this screen.
    await page.getByText('Your Microsoft 365 mailbox is connected.').waitFor();
    await page.getByText('Connected: admin@contoso.example').waitFor();
    assert.match(page.url(), /#\/microsoft$/);
    assert.ok(fake.requests.some((r) => /\/oauth2\/v2\.0\/authorize/.test(r.path)), 'the browser went through the sign-in page');
    await shoot(page, 'microsoft-mailbox-connected');

    await page.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Disconnect admin@contoso.example?' });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Not connected.').waitFor();
    assert.equal((await t.admin.expect(200, 'GET', '/microsoft/mailbox')).connected, false);
    assertNoErrors(b, page);
  });

  it('shows a manager their mailbox card in the task pane, without the admin settings', async function () {
    await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: fake.clientSecret });
    await t.user('mila', 'manager', 'own');
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { login: 'mila', password: 'mila-password-123', hash: '#/microsoft' });
    await page.getByRole('heading', { level: 1, name: 'Microsoft 365 mailbox' }).waitFor();
    await page.getByRole('button', { name: 'Connect mailbox' }).waitFor();
    await shoot(page, 'microsoft-mailbox-pane');
    await page.goto(`${t.url}/#/admin/microsoft`);
    await page.getByText('Only administrators').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Directory (tenant) ID' }).count(), 0);
    assertNoErrors(b, page);
  });
});
