import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { outlookHost } from '../src/hosts/outlook.js';

const ItemType = { Message: 'message', Appointment: 'appointment' };

/** Puts an Outlook `Office` global with the given mailbox on the global object. */
function mailbox(mailbox: Record<string, unknown>): void {
  (globalThis as Record<string, unknown>).Office = new OfficeMockObject({
    host: 'outlook',
    context: { mailbox },
    MailboxEnums: { ItemType },
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
