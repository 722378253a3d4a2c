import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { outlookHost } from '../src/hosts/outlook.js';
import {
  MAX_ATTACHMENT_BYTES, attachability, attachmentBytes, defaultFollowUp, logRequest, lookupValues, peopleOf, readAttachment, readOpenMessage,
} from '../src/outlook/message.js';

const ok = (value: unknown) => ({ status: 'succeeded', value });

/** An Outlook with one received message open, as office-addin-mock builds it. */
function outlookWith(item: Record<string, unknown>, options: { sets?: string[]; me?: string } = {}) {
  const sets = options.sets ?? ['1.1', '1.5', '1.8'];
  (globalThis as Record<string, unknown>).Office = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox: { item, userProfile: { emailAddress: options.me ?? 'anna@kontora.example' }, convertToRestId: (id: string) => `rest-${id}` },
      requirements: { isSetSupported: (name: string, version: string) => name === 'Mailbox' && sets.includes(version) },
    },
    MailboxEnums: {
      ItemType: { Message: 'message' }, RestVersion: { v2_0: 'v2.0' }, AttachmentType: { File: 'file' }, AttachmentContentFormat: { Base64: 'base64' },
    },
    CoercionType: { Text: 'text' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
  });
}

const pdf = Buffer.from('%PDF-1.4 a small price list');

function message(overrides: Record<string, unknown> = {}) {
  return {
    itemType: 'message',
    itemId: 'AAMkAGI2',
    internetMessageId: '<m1@globex.example>',
    subject: 'Re: delivery dates',
    from: { displayName: 'Hank Scorpio', emailAddress: 'Hank@Globex.example' },
    to: [{ displayName: 'Anna', emailAddress: 'ANNA@kontora.example' }, { displayName: 'Sales', emailAddress: 'sales@kontora.example' }],
    cc: [{ displayName: 'Hank (home)', emailAddress: 'hank@globex.example' }, { displayName: 'Accounts', emailAddress: 'accounts@globex.example' }],
    dateTimeCreated: new Date('2026-11-27T08:30:00Z'),
    body: { getAsync: (_c: unknown, cb: (r: unknown) => void) => setTimeout(() => cb(ok('Hello Anna,\n\nFriday works.')), 0) },
    attachments: [
      { id: 'a1', name: 'prices.pdf', size: pdf.length, contentType: 'application/pdf', isInline: false, attachmentType: 'file' },
      { id: 'a2', name: 'video.mp4', size: MAX_ATTACHMENT_BYTES + 1, contentType: 'video/mp4', isInline: false, attachmentType: 'file' },
    ],
    getAttachmentContentAsync(id: string, cb: (r: unknown) => void) {
      cb(ok({ format: 'base64', content: id === 'a1' ? pdf.toString('base64') : 'not base64!' }));
    },
    ...overrides,
  };
}

describe('Outlook pane: reading the open message', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('lists the sender, then the other people once each, without the reader\'s own mailbox', async function () {
    outlookWith(message());
    const open = await readOpenMessage(outlookHost());
    assert.deepEqual(open?.people, [
      { role: 'from', name: 'Hank Scorpio', email: 'hank@globex.example' },
      { role: 'to', name: 'Sales', email: 'sales@kontora.example' },
      { role: 'cc', name: 'Accounts', email: 'accounts@globex.example' },
    ]);
    assert.equal(open?.excerpt, 'Hello Anna,\n\nFriday works.');
    assert.equal(open?.message.restId, 'rest-AAMkAGI2');
  });

  it('still shows the people when the body cannot be read', async function () {
    outlookWith(message({ body: { getAsync: (_c: unknown, cb: (r: unknown) => void) => cb({ status: 'failed', error: { message: 'IRM protected' } }) } }));
    const open = await readOpenMessage(outlookHost());
    assert.equal(open?.excerpt, '');
    assert.equal(open?.people.length, 3);
  });

  it('has nothing to show when no message is open', async function () {
    outlookWith({});
    assert.equal(await readOpenMessage(outlookHost()), null);
  });

  it('sends names with the addresses so the server can prefill a new contact, and never more than the server takes', function () {
    assert.deepEqual(lookupValues([{ role: 'from', name: 'Jane "JR" Roe', email: 'jane@umbrella.example' }, { role: 'to', name: 'x@y.example', email: 'x@y.example' }]),
      ['Jane JR Roe <jane@umbrella.example>', 'x@y.example']);
    const many = Array.from({ length: 80 }, (_, i) => ({ role: 'to' as const, name: '', email: `p${i}@x.example` }));
    assert.equal(lookupValues(many).length, 50);
  });

  it('for a message the reader sent, the people are its recipients', function () {
    const people = peopleOf({
      subject: '', from: { name: 'Anna', email: 'anna@kontora.example' }, to: [{ name: 'Hank', email: 'hank@globex.example' }], cc: [],
      itemId: null, received: null, internetMessageId: null, restId: null, attachments: [],
    }, 'anna@kontora.example');
    assert.deepEqual(people, [{ role: 'to', name: 'Hank', email: 'hank@globex.example' }]);
  });
});

describe('Outlook pane: attachments', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('hands over a file\'s bytes as Outlook gives them, and refuses one over 10 MB before reading it', async function () {
    outlookWith(message());
    const host = outlookHost();
    const open = (await readOpenMessage(host))!;
    const [small, big] = open.message.attachments;
    assert.equal(attachability(host, small!), 'ok');
    assert.equal(attachability(host, big!), 'too_big');
    assert.deepEqual(Buffer.from(await readAttachment(host, small!)), pdf);
  });

  it('refuses content that is not base64 instead of uploading garbage', async function () {
    outlookWith(message());
    const host = outlookHost();
    await assert.rejects(readAttachment(host, { id: 'a2', name: 'x', size: 10, contentType: 'text/plain' }), /not valid base64/);
    assert.throws(() => attachmentBytes('QUJD=A'), /not valid base64/);
    assert.deepEqual([...attachmentBytes('QUJD\r\nRA==')], [65, 66, 67, 68], 'line breaks in base64 are fine');
  });

  it('offers no attachments in an Outlook without Mailbox 1.8', async function () {
    outlookWith(message(), { sets: ['1.1', '1.5'] });
    const host = outlookHost();
    const open = (await readOpenMessage(host))!;
    assert.equal(attachability(host, open.message.attachments[0]!), 'unsupported');
  });
});

describe('Outlook pane: logging', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('builds the log request from the message: subject, received time, sender, excerpt and both ids', async function () {
    outlookWith(message());
    const open = (await readOpenMessage(outlookHost()))!;
    const followUp = { title: 'Confirm Friday', dueAt: '2026-11-30T09:00:00.000Z', remindBeforeMinutes: 60 };
    assert.deepEqual(logRequest(open, { clientId: 7, contactId: 9 }, followUp), {
      clientId: 7, contactId: 9, subject: 'Re: delivery dates', receivedAt: '2026-11-27T08:30:00.000Z',
      from: { name: 'Hank Scorpio', email: 'hank@globex.example' }, excerpt: 'Hello Anna,\n\nFriday works.',
      internetMessageId: '<m1@globex.example>', restId: 'rest-AAMkAGI2', followUp,
    });
  });

  it('leaves out what an older Outlook could not give', async function () {
    outlookWith(message({ internetMessageId: undefined, body: undefined }));
    (Office.context.mailbox as unknown as Record<string, unknown>).convertToRestId = undefined;
    const open = (await readOpenMessage(outlookHost()))!;
    const body = logRequest(open, { clientId: 7, contactId: null });
    assert.equal('internetMessageId' in body, false);
    assert.equal('restId' in body, false);
    assert.equal('excerpt' in body, false);
  });

  it('suggests following up the next working day at ten', function () {
    const fri = defaultFollowUp(new Date(2026, 10, 27, 15, 0)); // Friday 27 November 2026
    assert.deepEqual([fri.getDay(), fri.getDate(), fri.getHours()], [1, 30, 10]);
    const tue = defaultFollowUp(new Date(2026, 10, 24, 9, 0));
    assert.deepEqual([tue.getDay(), tue.getDate()], [3, 25]);
  });
});
