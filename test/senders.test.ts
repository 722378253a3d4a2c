import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

const q = (...emails: string[]) => '/senders?' + emails.map((e) => `email=${encodeURIComponent(e)}`).join('&');

forEachDatabase('Outlook pane: who wrote this, and logging the message', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let viewer: Api & { id: number };
  let globex: number;
  let hank: number;
  let initech: number;

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    await t.admin.expect(201, 'POST', '/companies', { name: 'Kontora Demo Ltd', defaultCurrency: 'EUR', defaultVatRate: '20', invoiceNumberFormat: 'INV-{YYYY}-{N:4}', paymentTermsDays: 14 });
    globex = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation', emails: [{ address: 'office@globex.example' }] })).id;
    hank = (await anna.expect(201, 'POST', '/contacts', { clientId: globex, firstName: 'Hank', lastName: 'Scorpio', jobTitle: 'CEO', emails: [{ address: 'Hank@Globex.example' }] })).id;
    initech = (await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech', emails: [{ address: 'bill@initech.example' }] })).id;
    await boris.expect(201, 'POST', '/contacts', { clientId: initech, firstName: 'Bill', lastName: 'Lumbergh', emails: [{ address: 'bill@initech.example' }] });
    // What is open with Globex: two tasks, a planned call, an issued invoice.
    await anna.expect(201, 'POST', '/tasks', { title: 'Send the price list', clientId: globex, dueAt: '2026-11-29T09:00:00Z' });
    await anna.expect(201, 'POST', '/tasks', { title: 'Call about delivery', clientId: globex, dueAt: '2026-11-28T09:00:00Z' });
    const done = await anna.expect(201, 'POST', '/tasks', { title: 'Old task', clientId: globex });
    await anna.expect(200, 'PATCH', `/tasks/${done.id}`, { version: done.version, status: 'done' });
    await anna.expect(201, 'POST', '/events', { type: 'call', subject: 'Quarterly call', clientId: globex, startsAt: '2026-12-01T09:00:00Z' });
    await anna.expect(201, 'POST', '/events', { type: 'call', subject: 'Earlier call', clientId: globex, startsAt: '2026-11-20T09:00:00Z' });
    const draft = await t.admin.expect(201, 'POST', '/invoices', { clientId: globex, lines: [{ description: 'Support', quantity: '1', price: '100' }] });
    await t.admin.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
  });
  after(async () => t?.close());

  it('finds the sender by address whatever its case, with the card: manager, open tasks, next planned event, unpaid invoices and balance', async () => {
    const { items, logged } = await anna.expect(200, 'GET', q('HANK@globex.EXAMPLE'));
    assert.deepEqual(logged, []);
    assert.equal(items.length, 1);
    assert.equal(items[0].email, 'hank@globex.example');
    assert.equal(items[0].draft, null);
    const [match] = items[0].matches;
    assert.equal(match.entity, 'contact');
    assert.equal(match.id, hank);
    assert.deepEqual(match.contact, { id: hank, name: 'Hank Scorpio', jobTitle: 'CEO' });
    assert.deepEqual(match.client, { id: globex, name: 'Globex Corporation' });
    assert.equal(match.managerName, 'Anna');
    assert.deepEqual(match.card.openTasks.map((x: any) => x.title), ['Call about delivery', 'Send the price list'], 'open tasks only, soonest first');
    assert.equal(match.card.openTaskCount, 2);
    assert.equal(match.card.nextEvent.subject, 'Quarterly call', 'the next planned event, not a past one');
    assert.equal(match.card.unpaidInvoices.length, 1);
    assert.equal(match.card.unpaidInvoices[0].remaining, '120.00');
    assert.deepEqual(match.card.balance, [{ currency: 'EUR', receivable: '120.00', overdue: '0.00', credit: '0.00', balance: '120.00' }]);
  });

  it('answers each of several addresses: a known client, an unknown person with a prefilled draft, a free-mail sender without a company', async () => {
    const { items } = await anna.expect(200, 'GET', q('office@globex.example', 'Jane Roe <jane.roe@umbrella-corp.co.uk>', '"Petrov, Ivan" <ivan.petrov@yandex.ru>'));
    assert.deepEqual(items.map((i: any) => i.matches.length), [1, 0, 0]);
    assert.equal(items[0].matches[0].entity, 'client');
    assert.equal(items[0].matches[0].card.openTaskCount, 2);
    assert.deepEqual(items[1].draft, { email: 'jane.roe@umbrella-corp.co.uk', name: 'Jane Roe', firstName: 'Jane', lastName: 'Roe', company: 'Umbrella-corp', freeMail: false });
    assert.deepEqual(items[2].draft, { email: 'ivan.petrov@yandex.ru', name: 'Ivan Petrov', firstName: 'Ivan', lastName: 'Petrov', company: null, freeMail: true });
  });

  it('makes a name from the address when the sender gave none', async () => {
    const { items } = await anna.expect(200, 'GET', q('mary_ann.lee@gmail.com'));
    assert.equal(items[0].draft.name, 'Mary Ann Lee');
    assert.equal(items[0].draft.company, null);
  });

  it('shows an own-scope manager that an address is another manager\'s client, with the name and manager only', async () => {
    const { items } = await anna.expect(200, 'GET', q('bill@initech.example'));
    assert.equal(items[0].matches.length, 2, 'the client and its contact share the address: both listed, so she can choose');
    for (const m of items[0].matches) {
      assert.equal(m.accessible, false);
      assert.equal(m.managerName, 'Boris');
      assert.equal(m.id, undefined);
      assert.equal(m.card, undefined, 'no tasks, invoices or balance of another manager\'s client');
      assert.equal(m.client, undefined);
    }
    assert.equal(items[0].draft, null, 'no "create contact" for an address someone already has');
    const own = await boris.expect(200, 'GET', q('bill@initech.example'));
    assert.ok(own.items[0].matches.every((m: any) => m.accessible && m.card), 'Boris, their manager, gets the cards');
  });

  it('gives a viewer, who reads every client, the whole card', async () => {
    const { items } = await viewer.expect(200, 'GET', q('hank@globex.example'));
    assert.equal(items[0].matches[0].accessible, true, 'a viewer sees all clients');
    assert.equal(items[0].matches[0].card.unpaidInvoices.length, 1, 'viewers may read invoices');
  });

  it('refuses a missing, malformed or too long list of addresses with invalid_query', async () => {
    const missing = await anna.get('/senders');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'invalid_query');
    assert.equal(missing.body.error.details[0].code, 'required');
    const bad = await anna.get(q('hank@globex.example', 'not an address', 'Ann <>'));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_query');
    assert.deepEqual(bad.body.error.details.map((d: any) => [d.field, d.code]), [['email.1', 'invalid_email'], ['email.2', 'invalid_email']]);
    const many = await anna.get(q(...Array.from({ length: 51 }, (_, i) => `p${i}@x.example`)));
    assert.equal(many.status, 400);
    assert.equal(many.body.error.details[0].code, 'too_many');
    const unknown = await anna.get(q('hank@globex.example') + '&sort=name');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details[0].field, 'sort');
    assert.equal((await t.anonymous.get(q('hank@globex.example'))).status, 401);
  });

  const message = {
    subject: 'Re: delivery dates', receivedAt: '2026-11-27T08:30:00Z', from: { name: 'Hank Scorpio', email: 'hank@globex.example' },
    excerpt: 'Hello Anna,\r\n\r\n\r\nthe  delivery   can move to Friday.\r\n\r\nBest, Hank', internetMessageId: '<abc123@globex.example>',
    restId: 'AAMkADk0ZjA3-rest-id',
  };

  it('logs the message as a done incoming e-mail event with the sender and a tidy excerpt, and plans a follow-up with a reminder', async () => {
    const { event, task } = await anna.expect(201, 'POST', '/senders/log', {
      ...message, clientId: globex, contactId: hank, followUp: { title: 'Confirm Friday delivery', dueAt: '2026-11-30T09:00:00Z', remindBeforeMinutes: 60 },
    });
    assert.equal(event.type, 'email');
    assert.equal(event.status, 'done');
    assert.equal(event.direction, 'incoming');
    assert.equal(event.subject, 'Re: delivery dates');
    assert.equal(event.startsAt, '2026-11-27T08:30:00.000Z');
    assert.equal(event.contactName, 'Hank Scorpio');
    assert.equal(event.description, 'Hank Scorpio <hank@globex.example>\n\nHello Anna,\n\nthe delivery can move to Friday.\n\nBest, Hank');
    assert.equal(task.eventId, event.id);
    assert.equal(task.clientId, globex);
    assert.equal(task.assigneeId, anna.id);
    assert.equal(task.remindBeforeMinutes, 60);
    const reminders = await anna.expect(200, 'GET', '/reminders?state=upcoming');
    assert.ok(reminders.items.some((r: any) => r.title === 'Confirm Friday delivery'), 'the follow-up reminds its assignee');

    // Anyone reading the same message later sees it is logged.
    const lookup = await anna.expect(200, 'GET', q('hank@globex.example') + `&messageId=${encodeURIComponent(message.internetMessageId)}`);
    assert.deepEqual(lookup.logged.map((l: any) => [l.eventId, l.clientName, l.loggedBy]), [[event.id, 'Globex Corporation', 'Anna']]);
    const elsewhere = await boris.expect(200, 'GET', q('hank@globex.example') + `&messageId=${encodeURIComponent(message.internetMessageId)}`);
    assert.deepEqual(elsewhere.logged, [], 'not told about events of a client he cannot see');

    // The event leads back to the message in the mailbox of whoever logged it.
    const link = await anna.expect(200, 'GET', `/events/${event.id}/message`);
    assert.deepEqual(link.items.map((m: any) => [m.internetMessageId, m.restId, m.userId]), [[message.internetMessageId, message.restId, anna.id]]);
    assert.equal((await boris.get(`/events/${event.id}/message`)).status, 404, 'not for an event outside his scope');

    const again = await anna.post('/senders/log', { ...message, clientId: globex });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_exists');
    assert.equal(again.body.error.eventId, event.id);
  });

  it('logs a message once when two people press "Log" at the same moment', async () => {
    const same = { ...message, internetMessageId: '<same-moment@globex.example>', clientId: globex };
    const answers = await Promise.all([anna.post('/senders/log', same), anna.post('/senders/log', same)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
    const lookup = await anna.expect(200, 'GET', q('hank@globex.example') + `&messageId=${encodeURIComponent(same.internetMessageId)}`);
    assert.equal(lookup.logged.length, 1);
  });

  it('cuts a long body to an excerpt and logs a message without an id (older Outlook)', async () => {
    const long = 'word '.repeat(2000);
    const { event, task } = await anna.expect(201, 'POST', '/senders/log', { subject: '', receivedAt: '2026-11-26T08:30:00+02:00', from: { name: '', email: 'hank@globex.example' }, excerpt: long, clientId: globex });
    assert.equal(task, null);
    assert.deepEqual((await anna.expect(200, 'GET', `/events/${event.id}/message`)).items, [], 'no message id, no link');
    assert.ok(event.description.length < 2100 && event.description.endsWith('…'));
    assert.ok(event.description.startsWith('hank@globex.example\n\nword word'));
  });

  it('keeps the whole log undone when the follow-up is refused', async () => {
    const before = (await anna.expect(200, 'GET', `/events?clientId=${globex}&limit=100`)).total;
    const reply = await anna.post('/senders/log', { ...message, internetMessageId: '<other@x>', clientId: globex, followUp: { title: 'x', dueAt: 'tomorrow' } });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.details[0].field, 'followUp.dueAt');
    assert.equal((await anna.expect(200, 'GET', `/events?clientId=${globex}&limit=100`)).total, before);
  });

  it('refuses logging onto another manager\'s client, a contact of another client, bad input, and a viewer', async () => {
    const foreign = await anna.post('/senders/log', { ...message, internetMessageId: '<x1@x>', clientId: initech });
    assert.equal(foreign.status, 422);
    assert.equal(foreign.body.error.code, 'reference_invalid');
    const wrongContact = await boris.post('/senders/log', { ...message, internetMessageId: '<x2@x>', clientId: initech, contactId: hank });
    assert.equal(wrongContact.status, 422);
    const bad = await anna.post('/senders/log', { clientId: globex, subject: 'x', receivedAt: 'yesterday', from: { name: 'A', email: 'nope' }, colour: 'red' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'validation_failed');
    const fields = bad.body.error.details.map((d: any) => d.field ?? d.code).sort();
    assert.ok(fields.includes('receivedAt') && fields.includes('from.email'), JSON.stringify(fields));
    assert.equal((await viewer.post('/senders/log', { ...message, clientId: globex })).status, 403);
  });
});
