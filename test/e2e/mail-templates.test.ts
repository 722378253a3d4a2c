import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { apiAnswer, assertNoErrors, FAILED_REQUEST, horizontalOverflow, openPage, pick, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

// A manager writes a promotion in the task pane: a mistyped field is refused
// with the problem named, the fixed template is saved, previewed for a
// contact in a sandboxed frame and sent as a test (to the outbox folder,
// as no mail server is configured).
describeBrowser('E2E: e-mail templates', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Mailmerge Test Ltd' });
    await t.admin.expect(201, 'POST', '/contacts', { clientId: client.id, firstName: 'Zelda', lastName: 'Mailer', emails: [{ address: 'zelda@example.com' }] });
  });
  after(async () => t?.close());

  it('refuses a broken field with its problem listed, saves the fixed template, previews it for a contact and sends a test, at 320 px', async function () {
    this.timeout(60_000);
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { hash: '#/mail-templates' });
    await page.getByRole('heading', { level: 1, name: 'E-mail templates' }).waitFor();
    await page.getByRole('link', { name: 'Promotion with price list' }).waitFor();
    await page.getByRole('button', { name: 'New e-mail template' }).click();
    await page.getByLabel('Name').fill('Spring offer');
    await page.getByLabel('Subject').fill('Spring prices for {client.nmae}');
    await page.getByLabel('HTML body').fill('<p>{#contact}Dear {firstName},{/contact}</p><p>{unsubscribeLink}</p>');
    const refused = apiAnswer(page, 'POST', /\/api\/v1\/mail-templates$/);
    await page.getByRole('button', { name: 'Save' }).click();
    assert.equal((await refused).status(), 422);
    const problems = page.getByRole('list', { name: /problems/i });
    await problems.getByText('{client.nmae}').waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the editor fits a 320 px task pane');

    await page.getByLabel('Subject').fill('Spring prices for {client.name}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/mail-templates\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Spring offer' }).waitFor();

    await pick(page, 'Contact', 'Zelda', /Zelda Mailer/);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByText('Spring prices for Mailmerge Test Ltd').waitFor();
    const frame = page.locator('iframe[title="Preview and test send"]');
    assert.equal(await frame.getAttribute('sandbox'), '', 'merged HTML is shown in a sandbox');
    await page.frameLocator('iframe[title="Preview and test send"]').getByText('Dear Zelda,').waitFor();

    await page.getByLabel('Send a test to').fill('me@example.com');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText(/test message for me@example.com is in the outbox/).first().waitFor();
    const outbox = path.join(t.server.ctx.config.dataDir, 'outbox');
    assert.equal(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).length, 1);
    assert.equal(await horizontalOverflow(page), 0);
    await shoot(page, 'mail-template-editor');
    assertNoErrors(b, page, [FAILED_REQUEST(422)]);
  });
});
