import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, horizontalOverflow, openPage, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

// A manager sends a promotion from a 320 px task pane: the wizard picks the
// shipped template and a saved filter, shows who is left out and why,
// previews a recipient, starts the mailing and watches it finish (to the
// outbox folder, as no mail server is configured).
describeBrowser('E2E: mailings', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    for (const [name, address] of [['Wizard One Ltd', 'one@wizard.test'], ['Wizard Two Ltd', 'two@wizard.test'], ['Wizard Silent Ltd', null]] as const) {
      await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name, tags: ['wizard'], ...(address ? { emails: [{ address }] } : {}) });
    }
  });
  after(async () => t?.close());

  it('walks the wizard to a finished mailing at 320 px', async function () {
    this.timeout(60_000);
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { hash: '#/mailings' });
    await page.getByRole('heading', { level: 1, name: 'Mailings' }).waitFor();
    await page.getByRole('button', { name: 'New mailing' }).click();
    await page.getByLabel('Name').fill('Wizard promotion');
    await page.getByLabel('E-mail template').selectOption({ label: 'Promotion with price list' });
    assert.equal(await horizontalOverflow(page), 0);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel(/^Filter/).fill('tag=wizard');
    assert.equal(await horizontalOverflow(page), 0);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('2 of 3 will get the message.').waitFor();
    await page.getByText('1 skipped: no e-mail address').waitFor();
    const frame = page.locator('iframe[sandbox=""]');
    await frame.waitFor();
    await page.frameLocator('iframe[sandbox=""]').getByText(/Wizard One Ltd/).first().waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the preview fits a 320 px task pane');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(/#\/mailings\/\d+$/);
    await page.getByText('2 of 3 sent · 0 failed · 1 skipped').waitFor({ timeout: 20_000 });
    await page.getByText('Done').first().waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await shoot(page, 'mailing-progress');
    const outbox = path.join(t.server.ctx.config.dataDir, 'outbox');
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'));
    assert.equal(files.filter((f) => /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m.test(f)).length, 2);
    assertNoErrors(b, page);
  });
});
