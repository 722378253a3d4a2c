import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { apiAnswer, assertNoErrors, DESKTOP, go, horizontalOverflow, openPage, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'import-samples');

// The import wizard as a user meets it: the sample client list goes in
// through every step; a client already in Kontora is held for review and
// skipped, the error report downloads, and undo takes the import back.
describeBrowser('E2E: import wizard', function (b) {
  let t: TestServer & { clock: { set(to: Date | string): void } };
  let existingId: number;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    // The sample's "АО «Уральские машины»" is already a client: the import must not make a second one.
    const existing = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Уральские машины', taxId: '6671123456', city: 'Екатеринбург' });
    existingId = existing.id;
  });
  after(async () => t?.close());

  const count = (page: Page, label: string) => page.getByRole('definition').filter({ has: page.locator(`xpath=preceding-sibling::dt[normalize-space()="${label}"]`) });

  it('imports the sample client list: columns, preview with the duplicate, review, counts, error report and undo', async function () {
    this.timeout(90_000);
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import from a file' }).waitFor();
    await page.getByText(/Up to 256 MB\./).waitFor();
    await shoot(page, 'import-1-file');

    await page.getByRole('radio', { name: /^Clients/ }).check();
    await page.getByLabel('Choose a file').first().setInputFiles(path.join(samples, 'clients.xlsx'));

    // Columns: the server found the header below the title row and suggested the fields.
    await page.getByRole('heading', { level: 1, name: 'Import of Clients' }).waitFor();
    const taxColumn = page.getByRole('combobox', { name: 'Field for column “ИНН”' });
    await taxColumn.waitFor();
    assert.equal((await taxColumn.textContent())?.trim(), 'Tax ID');
    assert.equal((await page.getByRole('combobox', { name: 'Field for column “Телефон”' }).textContent())?.trim(), 'Phones');
    await shoot(page, 'import-2-columns');

    // The user leaves the web site out; the change is saved on the job.
    await page.getByRole('combobox', { name: 'Field for column “Сайт”' }).click();
    const saved = apiAnswer(page, 'PATCH', /\/imports\/\d+$/);
    await page.getByRole('option', { name: 'Do not import' }).click();
    assert.equal((await saved).status(), 200);
    await page.getByRole('combobox', { name: 'Field for column “Сайт”' }).filter({ hasText: 'Do not import' }).waitFor();

    await page.getByRole('button', { name: 'Next: preview' }).click();
    await page.getByRole('table', { name: 'The first rows as they will be saved' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 already in Kontora' }).waitFor();
    await page.getByRole('link', { name: /Already in Kontora: Уральские машины \(same tax ID 6671123456\)/ }).waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'Website' }).count(), 0, 'the ignored column is not previewed');
    await shoot(page, 'import-3-preview');

    await page.getByRole('button', { name: 'Next: duplicates and import' }).click();
    await page.getByRole('radio', { name: /Hold for my review/ }).check();
    await shoot(page, 'import-4-duplicates');
    await page.getByRole('button', { name: /^Import about \d+ rows$/ }).click();

    await page.getByText('The import is finished.').waitFor();
    await count(page, 'Held for review').filter({ hasText: '1' }).waitFor();
    assert.equal((await count(page, 'Created').textContent())?.trim(), '5');
    assert.equal((await count(page, 'Failed').textContent())?.trim(), '0');
    await page.getByRole('heading', { name: 'Rows held for review (1)' }).waitFor();
    await shoot(page, 'import-5-result');

    // The error report lists the held row; it downloads as a workbook.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download error report' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^clients - not imported\.xlsx$/);
    const bytes = fs.readFileSync((await file.path())!);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file');

    // Review: skip the held row; the existing client stays alone.
    await page.getByRole('combobox', { name: 'Decision for row 4' }).click();
    await page.getByRole('option', { name: 'Skip the row' }).click();
    await page.getByRole('button', { name: 'Apply 1 decisions' }).click();
    await count(page, 'Skipped').filter({ hasText: '1' }).waitFor();
    assert.equal((await count(page, 'Held for review').textContent())?.trim(), '0');
    const dup = await t.admin.expect(200, 'GET', '/clients?taxId=6671123456');
    assert.deepEqual(dup.items.map((c: { id: number }) => c.id), [existingId]);
    const imported = await t.admin.expect(200, 'GET', '/clients?taxId=7701234567');
    assert.equal(imported.items.length, 1, 'the first sample row is a client now');
    assert.equal(imported.items[0].website ?? null, null, 'the ignored column was not imported');

    // Undo asks first, then removes the five clients and says so.
    await page.getByRole('button', { name: 'Undo import' }).click();
    await page.getByText('Undo the whole import?').waitFor();
    await page.getByRole('button', { name: 'Undo import' }).click();
    await page.getByRole('heading', { name: 'Undone: 5 records removed, 0 restored.' }).waitFor();
    await page.getByText('This import was undone.').waitFor();
    assert.equal((await t.admin.expect(200, 'GET', '/clients?taxId=7701234567')).items.length, 0);
    assert.equal((await t.admin.expect(200, 'GET', `/clients/${existingId}`)).id, existingId, 'undo leaves the client that was there before');

    await go(page, '#/import/jobs');
    await page.getByRole('table', { name: 'Past imports' }).getByRole('row', { name: /clients\.xlsx.*Undone/ }).waitFor();
    await shoot(page, 'import-jobs');
    assertNoErrors(b, page);
  });

  it('fits a 320-px task pane on every step it reaches and refuses an empty file with a clear message', async function () {
    this.timeout(60_000);
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { hash: '#/import' });
    await page.getByRole('heading', { level: 1, name: 'Import from a file' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await page.getByLabel('Choose a file').first().setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByText('“empty.csv” is empty.').waitFor();

    await page.getByLabel('Choose a file').first().setInputFiles(path.join(samples, 'clients-utf8.csv'));
    await page.getByRole('list', { name: 'Columns of the file and the fields they fill' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the column mapping fits the pane');
    await page.getByRole('button', { name: 'Next: preview' }).click();
    await page.getByRole('list', { name: 'The first rows as they will be saved' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the preview fits the pane');
    assertNoErrors(b, page);
  });
});
