import assert from 'node:assert/strict';
import { describeBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD, type TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, openPage, horizontalOverflow, isFocused, FAILED_REQUEST, fillSignIn, navReady, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

// Signing in, finding a client with the quick search and the list of
// clients, as a newcomer does on day one with the demo data.
describeBrowser('E2E: sign in and find a client', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
  });
  after(async () => t?.close());

  it('refuses a wrong password with a message, then signs in and greets the user', async function () {
    const page = await openPage(b, DESKTOP);
    await page.goto(`${t.url}/`);
    const form = page.getByRole('form', { name: 'Sign in to Kontora' });
    await form.waitFor();
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    assert.equal(await submit.isDisabled(), true, 'nothing to submit before login and password are typed');
    await shoot(page, 'sign-in');

    await fillSignIn(page, 'admin', 'not-the-password');
    await submit.click();
    await page.getByRole('alert').filter({ hasText: 'The login or password is wrong.' }).waitFor();
    assert.equal(await page.getByLabel('Login').inputValue(), 'admin', 'the login is kept for the next try');
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the wrong password is cleared');

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await navReady(page);
    await page.getByRole('heading', { level: 1, name: /^Today, / }).waitFor();
    await shoot(page, 'home');
    assertNoErrors(b, page, [FAILED_REQUEST(401)]);
  });

  it('stays signed in across a reload and signs out from the user menu', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    await page.reload();
    await navReady(page);
    await page.getByRole('button', { name: 'Administrator' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in to Kontora' }).waitFor();
    await page.reload();
    await page.getByRole('form', { name: 'Sign in to Kontora' }).waitFor();
    assertNoErrors(b, page, [FAILED_REQUEST(401)]);
  });

  it('finds a demo client with Ctrl+K, shows it under Clients and opens its card with Enter', async function () {
    const { items } = await t.admin.expect(200, 'GET', '/clients?kind=legal&sort=name&limit=1');
    const client = items[0] as { id: number; name: string };
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);

    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Quick search' });
    assert.equal(await isFocused(search), true, 'Ctrl+K puts the cursor in the search box');
    await search.pressSequentially(client.name.slice(0, 12));
    const group = page.getByRole('group', { name: 'Clients' });
    const option = group.getByRole('option', { name: new RegExp(escape(client.name)) });
    await option.waitFor();
    assert.equal(await page.getByRole('option', { selected: true }).count(), 1, 'one result is highlighted for Enter');
    // Walk to the demo client with the arrow keys, as a keyboard user would.
    for (let i = 0; i < 20 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await search.press('ArrowDown');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    await shoot(page, 'quick-search');
    await search.press('Enter');

    await page.waitForURL(new RegExp(`#/clients/${client.id}(\\?|$)`));
    await page.getByRole('heading', { level: 1, name: client.name }).waitFor();
    assert.equal(await search.inputValue(), '', 'the search box is cleared for the next search');
    assertNoErrors(b, page);
  });

  it('says so when the quick search finds nothing', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    const search = page.getByRole('combobox', { name: 'Quick search' });
    await search.fill('zzqxv-nobody');
    await page.getByText('Nothing found for “zzqxv-nobody”.').waitFor();
    assertNoErrors(b, page);
  });

  it('lists the demo clients with paging and opens a client from the list', async function () {
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByText(/of 200/).first().waitFor();
    const rows = page.getByRole('row');
    assert.ok((await rows.count()) > 10, 'a page of clients is shown');
    await shoot(page, 'clients-list');

    const firstOnPage1 = await rows.nth(1).getByRole('link').first().textContent();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(/^\d+–\d+ of 200/).filter({ hasNotText: /^1–/ }).first().waitFor();
    // The pager moves at once; the rows follow when the next page has arrived.
    await page.getByRole('main').getByRole('link', { name: firstOnPage1!, exact: true }).waitFor({ state: 'detached' });
    const link = rows.nth(1).getByRole('link').first();
    const name = (await link.textContent())!;
    assert.notEqual(name, firstOnPage1, 'the next page shows other clients');
    await link.click();
    await page.waitForURL(/#\/clients\/\d+/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assertNoErrors(b, page);
  });

  it('works in a 320-px task pane: the menu opens from its button and leads to the clients', async function () {
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url);
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0, 'the menu is folded away in a narrow pane');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0, 'the menu closes after choosing a screen');
    const overflow = await horizontalOverflow(page);
    assert.equal(overflow, 0, 'nothing sticks out sideways in a 320-px pane');
    assertNoErrors(b, page);
  });

  it('names every button, link and input on the main screens in a 320-px pane and on a desktop, and never sticks out sideways', async function () {
    this.timeout(60_000);
    const first = async (path: string) => ((await t.admin.expect(200, 'GET', path)).items[0] as { id: number }).id;
    const screens = [
      '#/', '#/clients', `#/clients/${await first('/clients?limit=1')}`, '#/clients/new', '#/contacts', '#/contracts',
      '#/invoices', `#/invoices/${await first('/invoices?state=partially_paid&limit=1')}`, '#/invoices/new', '#/payments',
      `#/payments/${await first('/payments?limit=1')}`, '#/catalog', '#/company', '#/admin', '#/admin/fields',
    ];
    const problems: string[] = [];
    for (const width of [TASK_PANE, DESKTOP]) {
      const page = await openPage(b, width);
      await signIn(b, page, t.url);
      for (const hash of screens) {
        await page.goto(`${t.url}/${hash}`);
        await page.locator('main h1').first().waitFor();
        // Not 'networkidle': the reminder stream keeps a request open for as long as the app runs.
        await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached' });
        // An unnamed control shows in the accessibility tree as a bare role.
        const tree = await page.locator('body').ariaSnapshot();
        const unnamed = tree.split('\n').filter((line) => /^\s*- (button|link|textbox|combobox|checkbox|searchbox|spinbutton)( \[[^\]]*\])?:?$/.test(line));
        if (unnamed.length) problems.push(`${width}px ${hash}: ${unnamed.length} control(s) without a name`);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) problems.push(`${width}px ${hash}: ${overflow}px wider than the window`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
