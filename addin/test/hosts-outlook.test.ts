import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { outlookHost } from '../src/hosts/outlook.js';

const ItemType = { Message: 'message', Appointment: 'appointment' };
const enums = {
  ItemType,
  RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
  AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' },
  AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' },
};

/** Puts an Outlook `Office` global with the given mailbox on the global object; `sets` says which Mailbox versions it supports. */
function mailbox(mailbox: Record<string, unknown>, sets: string[] = ['1.1', '1.5', '1.8']): void {
  (globalThis as Record<string, unknown>).Office = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox,
      requirements: { isSetSupported: (name: string, version: string) => name === 'Mailbox' && sets.includes(version) },
    },
    MailboxEnums: enums,
    CoercionType: { Text: 'text', Html: 'html' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
  });
}

const received = new Date('2026-02-03T09:15:00Z');

function readMessage(overrides: Record<string, unknown> = {}) {
  return {
    itemType: ItemType.Message,
    itemId: 'AAMkAGI2TG93AAA=',
    subject: 'Re: Contract renewal',
    from: { displayName: 'Ann Smith', emailAddress: 'Ann.Smith@Acme.EXAMPLE' },
    to: [
      { displayName: 'Sales', emailAddress: 'SALES@kontora.example' },
      { displayName: 'Bob Lee', emailAddress: 'bob@kontora.example' },
    ],
    cc: [{ displayName: 'Accounts', emailAddress: 'Accounts@Acme.example' }],
    dateTimeCreated: received,
    ...overrides,
  };
}

describe('Outlook host: the message open in the reading pane', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('gives the subject, the sender and every recipient, with addresses lower-cased for matching contacts', async function () {
    mailbox({ item: readMessage() });
    assert.deepEqual(await outlookHost().currentMessage(), {
      subject: 'Re: Contract renewal',
      from: { name: 'Ann Smith', email: 'ann.smith@acme.example' },
      to: [
        { name: 'Sales', email: 'sales@kontora.example' },
        { name: 'Bob Lee', email: 'bob@kontora.example' },
      ],
      cc: [{ name: 'Accounts', email: 'accounts@acme.example' }],
      itemId: 'AAMkAGI2TG93AAA=',
      received: '2026-02-03T09:15:00.000Z',
      internetMessageId: null,
      restId: null,
      attachments: [],
    });
  });

  it('copes with a message without subject, copy recipients or item id', async function () {
    mailbox({ item: readMessage({ subject: undefined, cc: [], itemId: undefined }) });
    const message = await outlookHost().currentMessage();
    assert.equal(message?.subject, '');
    assert.deepEqual(message?.cc, []);
    assert.equal(message?.itemId, null);
    assert.equal(message?.from?.email, 'ann.smith@acme.example');
  });

  it('answers null when no message is open', async function () {
    mailbox({});
    assert.equal(await outlookHost().currentMessage(), null);
  });

  it('answers null when the open item is a meeting, not a message', async function () {
    mailbox({ item: readMessage({ itemType: ItemType.Appointment, to: undefined, requiredAttendees: [] }) });
    assert.equal(await outlookHost().currentMessage(), null);
  });

  it('answers null for a message being composed instead of failing on its recipient objects', async function () {
    const recipients = { getAsync() {}, setAsync() {} };
    mailbox({ item: { itemType: ItemType.Message, to: recipients, cc: recipients, subject: { getAsync() {} } } });
    assert.equal(await outlookHost().currentMessage(), null);
  });
});

describe('Outlook host: what the pane needs of a read message', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  const ok = (value: unknown) => ({ status: 'succeeded', value });
  const fail = (message: string) => ({ status: 'failed', error: { message } });

  it('gives the Internet Message-ID, the REST id Outlook converts the item id to, and the file attachments only', async function () {
    const asked: unknown[] = [];
    mailbox({
      item: readMessage({
        itemId: 'AAMk/AGI+2TG93AAA=',
        internetMessageId: '<CAF=abc@mail.acme.example>',
        attachments: [
          { id: 'att1', name: 'price-list.xlsx', size: 20480, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', isInline: false, attachmentType: 'file' },
          { id: 'att2', name: 'logo.png', size: 900, contentType: 'image/png', isInline: true, attachmentType: 'file' },
          { id: 'att3', name: 'Fwd: order', size: 5000, contentType: 'message/rfc822', isInline: false, attachmentType: 'item' },
        ],
      }),
      convertToRestId(id: string, version: unknown) {
        asked.push([id, version]);
        return id.replace(/\//g, '-').replace(/\+/g, '_');
      },
    });
    const message = await outlookHost().currentMessage();
    assert.equal(message?.internetMessageId, '<CAF=abc@mail.acme.example>');
    assert.equal(message?.restId, 'AAMk-AGI_2TG93AAA=');
    assert.deepEqual(asked, [['AAMk/AGI+2TG93AAA=', 'v2.0']], 'REST v2.0, the form Graph also uses');
    assert.deepEqual(message?.attachments, [
      { id: 'att1', name: 'price-list.xlsx', size: 20480, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ]);
  });

  it('has no REST id, rather than failing, when Outlook cannot convert ids', async function () {
    mailbox({ item: readMessage(), convertToRestId() { throw new Error('not supported on this server'); } });
    assert.equal((await outlookHost().currentMessage())?.restId, null);
  });

  it('reads the body as plain text, cut to the length asked', async function () {
    const coercions: unknown[] = [];
    mailbox({
      item: readMessage({
        body: {
          getAsync(coercion: unknown, callback: (r: unknown) => void) {
            coercions.push(coercion);
            setTimeout(() => callback(ok('Hello Anna,\n\nthe delivery can move to Friday.')), 0);
          },
        },
      }),
    });
    assert.equal(await outlookHost().bodyText(11), 'Hello Anna,');
    assert.deepEqual(coercions, ['text']);
  });

  it('passes on Outlook\'s error when the body cannot be read', async function () {
    mailbox({ item: readMessage({ body: { getAsync: (_c: unknown, cb: (r: unknown) => void) => cb(fail('The item is protected.')) } }) });
    await assert.rejects(outlookHost().bodyText(100), /protected/);
  });

  it('reads an attachment\'s content as base64 where Mailbox 1.8 is there', async function () {
    mailbox({
      item: readMessage({
        getAttachmentContentAsync(id: string, callback: (r: unknown) => void) {
          callback(id === 'att1' ? ok({ format: 'base64', content: 'UEsDBA==' }) : ok({ format: 'url', content: 'https://onedrive.example/x' }));
        },
      }),
    });
    const host = outlookHost();
    assert.equal(host.canReadAttachments(), true);
    assert.equal(await host.attachmentContent('att1'), 'UEsDBA==');
    await assert.rejects(host.attachmentContent('cloud1'), /not a file/, 'a cloud link is not content to keep');
  });

  it('says attachments cannot be read in an Outlook without Mailbox 1.8, and refuses to try', async function () {
    let called = false;
    mailbox({ item: readMessage({ getAttachmentContentAsync: () => { called = true; } }) }, ['1.1', '1.5']);
    const host = outlookHost();
    assert.equal(host.canReadAttachments(), false);
    await assert.rejects(host.attachmentContent('att1'), /Mailbox 1\.8/);
    assert.equal(called, false);
  });

  it('gives the reader\'s own address, lower-cased', function () {
    mailbox({ item: readMessage(), userProfile: { emailAddress: 'Anna@Kontora.example' } });
    assert.equal(outlookHost().mailboxAddress(), 'anna@kontora.example');
  });

  it('tells the pane when a pinned pane moves to another message, until told to stop', function () {
    const handlers = new Map<unknown, () => void>();
    mailbox({
      item: readMessage(),
      addHandlerAsync(type: unknown, handler: () => void) { handlers.set(type, handler); },
      removeHandlerAsync(type: unknown) { handlers.delete(type); },
    });
    let changes = 0;
    const stop = outlookHost().onMessageChanged(() => changes++);
    handlers.get('olkItemSelectedChanged')!();
    handlers.get('olkItemSelectedChanged')!();
    assert.equal(changes, 2);
    stop();
    assert.equal(handlers.size, 0);
  });
});

describe('Outlook host: opening a logged message again', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('converts the REST id back to the item id Outlook opens', function () {
    const opened: unknown[] = [];
    mailbox({
      item: readMessage(),
      convertToEwsId: (id: string, version: unknown) => `ews(${id},${String(version)})`,
      displayMessageForm: (id: string) => opened.push(id),
    });
    assert.equal(outlookHost().openMessage('AAMk-rest'), true);
    assert.deepEqual(opened, ['ews(AAMk-rest,v2.0)']);
  });

  it('answers false where Outlook cannot open a message by id, or refuses this one', function () {
    mailbox({ item: readMessage() });
    assert.equal(outlookHost().openMessage('AAMk-rest'), false);
    mailbox({ item: readMessage(), convertToEwsId: () => { throw new Error('bad id'); }, displayMessageForm: () => undefined });
    assert.equal(outlookHost().openMessage('AAMk-rest'), false);
  });
});
