import assert from 'node:assert/strict';
import { describeBrowser } from '../support/browser.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { configureMicrosoft } from '../support/microsoft.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, openPage, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

// A manager opens "Outlook sync", syncs now and sees what moved each way;
// a conflict shows with both values; without a mailbox the screen points
// to the Microsoft 365 page.
describeBrowser('E2E: contact sync with Outlook', function (b) {
  let t: TestServer;
  let fake: FakeGraph;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    fake = await startFakeGraph();
    await configureMicrosoft(t, fake);
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  it('syncs now, shows the counts each way, saves the settings and lists a conflict', async function () {
    const vera = await t.user('vera', 'manager', 'own');
    await vera.expect(200, 'POST', '/microsoft/connect/obo', { assertion: fake.userAssertion('vera@contoso.example') });
    const kontora = await vera.expect(201, 'POST', '/contacts', { firstName: 'Kira', lastName: 'Kontorova', jobTitle: 'Buyer' });
    fake.addContact('vera@contoso.example', { givenName: 'Otto', surname: 'Outlookson', displayName: 'Otto Outlookson' });

    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { login: 'vera', password: 'vera-password-123' });
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Outlook sync' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact sync with Outlook' }).waitFor();
    await page.getByText('Mailbox: vera@contoso.example').waitFor();
    await page.getByText('Not synced yet.').waitFor();

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Sync finished.').first().waitFor();
    await page.getByText('In Kontora: 1 added, 0 changed, 0 deleted').waitFor();
    await page.getByText('In Outlook: 1 added, 0 changed, 0 deleted').waitFor();
    await page.getByText('2 contacts in sync.').waitFor();
    assert.ok(fake.contacts('vera@contoso.example').some((c) => c.displayName === 'Kira Kontorova'));

    await page.getByRole('radio', { name: 'Delete it on the other side too' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Sync settings saved.').first().waitFor();
    assert.equal((await vera.expect(200, 'GET', '/contact-sync/status')).settings.deletionPolicy, 'propagate');

    // The same field changed on both sides; Outlook's change is the newer one (Graph's times are whole seconds).
    const outlookKira = fake.contacts('vera@contoso.example').find((c) => c.displayName === 'Kira Kontorova');
    await vera.expect(200, 'PATCH', `/contacts/${kontora.id}`, { version: kontora.version, jobTitle: 'Chief buyer' });
    await new Promise((r) => setTimeout(r, 1100));
    fake.updateContact('vera@contoso.example', outlookKira.id, { jobTitle: 'Head buyer' });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Conflicts: 1').waitFor();
    const conflicts = page.getByRole('table', { name: 'Conflicts' });
    await conflicts.getByRole('cell', { name: 'Position' }).waitFor();
    await conflicts.getByRole('cell', { name: 'Chief buyer' }).waitFor();
    await conflicts.getByRole('cell', { name: 'Head buyer' }).waitFor();
    await shoot(page, 'contact-sync');
    assertNoErrors(b, page);
  });

  it('points a user without a mailbox to the Microsoft 365 page, in the task pane too', async function () {
    await t.user('walt', 'manager', 'own');
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { login: 'walt', password: 'walt-password-123', hash: '#/contact-sync' });
    await page.getByText('Connect your Microsoft 365 mailbox first.').waitFor();
    await page.getByRole('link', { name: 'Connect mailbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Microsoft 365 mailbox' }).waitFor();
    await shoot(page, 'contact-sync-no-mailbox');
    assertNoErrors(b, page);
  });
});
