import assert from 'node:assert/strict';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, openPage, shoot, signIn, startE2EServer } from './support.js';

// An administrator adds a custom field; managers see it at once in the
// client form, on the card and as a list column they can choose.
describeBrowser('E2E: custom fields', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
  });
  after(async () => t?.close());

  it('adds a field in Administration and shows it in the client form, on the card and as a list column', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('tab', { name: 'Fields' }).click();
    await page.getByRole('tablist', { name: 'Fields of' }).getByRole('tab', { name: 'Clients' }).click();
    await page.getByRole('list', { name: 'Fields of Clients' }).waitFor();
    await shoot(page, 'admin-custom-fields');

    await page.getByRole('button', { name: 'Add field' }).click();
    const dialog = page.getByRole('dialog', { name: 'New field of Clients' });
    await dialog.getByRole('textbox', { name: 'Label' }).fill('Loyalty card number');
    await shoot(page, 'admin-add-field');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Fields of Clients' }).getByText('Loyalty card number').waitFor();
    const field = ((await t.admin.expect(200, 'GET', '/fields?entity=client')).items as { key: string; label: string; type: string }[]).find((f) => f.label === 'Loyalty card number');
    assert.ok(field, 'the server has the field');
    assert.equal(field.type, 'text');

    // The client form has it, and what is typed there is saved with the client.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Custom Field Test Ltd');
    await page.getByRole('textbox', { name: 'Loyalty card number' }).fill('LC-000123');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('heading', { level: 1, name: 'Custom Field Test Ltd' }).waitFor();
    const id = Number(/#\/clients\/(\d+)/.exec(page.url())![1]);
    const saved = await t.admin.expect(200, 'GET', `/clients/${id}`);
    assert.equal(saved[field.key], 'LC-000123');
    await page.getByText('Loyalty card number').first().waitFor();
    await page.getByText('LC-000123').first().waitFor();

    // The list offers it as a column.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Loyalty card number' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Loyalty card number' }).waitFor();
    await page.getByRole('textbox', { name: 'Search in this list' }).fill('Custom Field Test');
    await page.getByRole('row').filter({ hasText: 'Custom Field Test Ltd' }).getByText('LC-000123').waitFor();
    await shoot(page, 'clients-list-custom-column');
    assertNoErrors(b, page);
  });
});
