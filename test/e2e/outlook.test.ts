import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD, type TestServer } from '../support/server.js';
import { apiAnswer, assertNoErrors, FAILED_REQUEST, fillSignIn, go, horizontalOverflow, navReady, openPage, shoot, signIn, startE2EServer, TASK_PANE, waitForValue } from './support.js';

const csv = 'product;price\nConsulting;80.00\n';

/**
 * A stand-in for office.js, served where the task pane loads it from
 * (Microsoft's CDN is out of reach in tests): Outlook with one received
 * message open, as the host adapter reads it.
 */
function fakeOfficeJs(message: { id: string; from: { displayName: string; emailAddress: string }; cc: { displayName: string; emailAddress: string }[] }): string {
  const item = {
    itemType: 'message', itemId: `AAMk-${message.id}`, internetMessageId: `<${message.id}@mail.example>`, subject: 'Re: the price list',
    from: message.from, to: [{ displayName: 'Administrator', emailAddress: 'admin@kontora.example' }], cc: message.cc,
    attachments: [{ id: 'att1', name: 'prices.csv', size: csv.length, contentType: 'text/csv', isInline: false, attachmentType: 'file' }],
  };
  return `
    window.Office = {
      HostType: { Excel: 'Excel', Word: 'Word', Outlook: 'Outlook' },
      onReady: function () { return Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }); },
      CoercionType: { Text: 'text' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { ItemChanged: 'olkItemSelectedChanged' },
      MailboxEnums: { ItemType: { Message: 'message' }, RestVersion: { v2_0: 'v2.0' }, AttachmentType: { File: 'file' }, AttachmentContentFormat: { Base64: 'base64' } },
      context: {
        requirements: { isSetSupported: function (name, version) { return name === 'Mailbox' && ['1.1', '1.5', '1.8'].indexOf(version) >= 0; } },
        mailbox: {
          userProfile: { emailAddress: 'admin@kontora.example' },
          convertToRestId: function (id) { return 'rest-' + id; },
          convertToEwsId: function (id) { return id.replace(/^rest-/, ''); },
          displayMessageForm: function (id) { (window.__opened = window.__opened || []).push(id); },
          addHandlerAsync: function () {},
          item: Object.assign(${JSON.stringify(item)}, {
            dateTimeCreated: new Date('2026-11-27T08:30:00Z'),
            body: { getAsync: function (coercion, cb) { cb({ status: 'succeeded', value: 'Hello,\\n\\nplease send the new price list.' }); } },
            getAttachmentContentAsync: function (id, cb) { cb({ status: 'succeeded', value: { format: 'base64', content: ${JSON.stringify(Buffer.from(csv).toString('base64'))} } }); }
          })
        }
      }
    };`;
}

async function openInOutlook(page: Page, url: string, script: string): Promise<void> {
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ status: 200, contentType: 'application/javascript', body: script }));
  await page.goto(`${url}/taskpane.html?host=outlook`);
  await fillSignIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await navReady(page);
}

// The Outlook pane at a task pane's width, beside a message from a demo contact.
describeBrowser('E2E: the Outlook pane', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
  });
  after(async () => t?.close());

  it('shows who wrote the message, logs it with its attachment and a follow-up, and says it is logged', async function () {
    const contact = (await t.admin.expect(200, 'GET', '/contacts?sort=name&limit=1')).items[0] as { id: number; name: string; clientId: number; emails: { address: string }[] };
    const page = await openPage(b, TASK_PANE);
    await openInOutlook(page, t.url, fakeOfficeJs({
      id: 'e2e-1',
      from: { displayName: contact.name, emailAddress: contact.emails[0]!.address.toUpperCase() },
      cc: [{ displayName: 'Jane Roe', emailAddress: 'jane.roe@umbrella-corp.example' }],
    }));

    // Outlook opens on the pane; the sender is found whatever the case of the address.
    await page.getByRole('heading', { level: 1, name: 'Who wrote this' }).waitFor();
    const from = page.getByRole('region', { name: 'From' });
    await from.getByRole('link', { name: contact.name }).waitFor();
    await page.getByRole('region', { name: 'Other people on this message' }).getByText('Not in Kontora').waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'fits a 320 px pane');

    const log = page.getByRole('region', { name: 'Log this message' });
    await log.getByRole('checkbox', { name: 'Keep attachments with the client' }).check();
    await log.getByRole('checkbox', { name: 'prices.csv' }).waitFor();
    await log.getByRole('checkbox', { name: 'Plan a follow-up' }).check();
    await log.getByLabel('Task').fill('Send the new price list');
    await shoot(page, 'outlook-pane');
    const logged = apiAnswer(page, 'POST', /\/api\/v1\/senders\/log$/);
    const uploaded = apiAnswer(page, 'POST', /\/api\/v1\/clients\/\d+\/attachments$/);
    await log.getByRole('button', { name: 'Log this message' }).click();
    assert.equal((await logged).status(), 201);
    assert.equal((await uploaded).status(), 201);
    await page.getByRole('link', { name: /^Logged for .* by Administrator/ }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Log this message' }).count(), 0, 'no second log of the same message');

    // The event leads back to the message in Outlook.
    await page.getByRole('link', { name: /^Logged for .* by Administrator/ }).click();
    await page.getByRole('button', { name: 'Open the message' }).click();
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { __opened?: string[] }).__opened), ['AAMk-e2e-1']);

    const events = await t.admin.expect(200, 'GET', `/events?clientId=${contact.clientId}&type=email&sort=-id&limit=1`);
    assert.equal(events.items[0].subject, 'Re: the price list');
    assert.equal(events.items[0].contactId, contact.id);
    const tasks = await t.admin.expect(200, 'GET', `/tasks?clientId=${contact.clientId}&sort=-id&limit=1`);
    assert.equal(tasks.items[0].title, 'Send the new price list');
    assert.equal(tasks.items[0].eventId, events.items[0].id);
    const files = await t.admin.expect(200, 'GET', `/clients/${contact.clientId}/attachments`);
    assert.deepEqual(files.items.map((f: any) => [f.name, f.size]), [['prices.csv', csv.length]]);
    // The kept file is on the client's card, under Files.
    await go(page, `#/clients/${contact.clientId}?tab=attachments`);
    await page.getByRole('tabpanel', { name: 'Files' }).getByText('prices.csv').waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the Files tab fits a 320 px pane');
    // The session check before signing in answers 401.
    assertNoErrors(b, page, [FAILED_REQUEST(401)]);
  });

  it('adds an unknown sender as a contact of a new client named after the mail domain, then shows their card', async function () {
    const page = await openPage(b, TASK_PANE);
    await openInOutlook(page, t.url, fakeOfficeJs({ id: 'e2e-2', from: { displayName: 'Roe, Jane', emailAddress: 'jane.roe@umbrella-corp.example' }, cc: [] }));
    const add = page.getByRole('region', { name: 'Add to Kontora' });
    await waitForValue(add.getByLabel('First name'), 'Jane');
    await waitForValue(add.getByLabel('Last name'), 'Roe');
    await waitForValue(add.getByRole('textbox', { name: 'Company' }), 'Umbrella-corp');
    await add.getByRole('textbox', { name: 'Company' }).fill('Umbrella Corporation');
    assert.equal(await horizontalOverflow(page), 0, 'the form fits a 320 px pane');
    await shoot(page, 'outlook-new-contact');
    await add.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('region', { name: 'From' }).getByRole('link', { name: 'Umbrella Corporation' }).waitFor();
    const { items } = await t.admin.expect(200, 'GET', '/senders?email=jane.roe@umbrella-corp.example');
    assert.deepEqual(items[0].matches.map((m: any) => [m.entity, m.name, m.client?.name]), [['contact', 'Jane Roe', 'Umbrella Corporation']]);
    assertNoErrors(b, page, [FAILED_REQUEST(401)]);
  });

  it('explains in a plain browser that the screen needs Outlook', async function () {
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { hash: '#/outlook' });
    await page.getByText('This screen works in Outlook').waitFor();
    assertNoErrors(b, page, [FAILED_REQUEST(401)]);
  });
});
