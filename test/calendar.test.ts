import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { calendar, fold } from '../server/calendar/ics.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

describe('iCalendar text', () => {
  it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
    const text = calendar('Kontora: Анна', [{
      uid: 'event-1@kontora', stamp: new Date('2026-11-27T10:00:00Z'), sequence: 2,
      start: new Date('2026-11-27T12:30:00Z'), end: new Date('2026-11-27T13:00:00Z'),
      summary: 'Звонок: обсудить заказ на 2027 год, условия; скидки и доставку — очень длинная тема', description: 'Line one\nLine two, with a comma\\backslash',
    }]);
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `too long: ${line}`);
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    assert.equal(event.summary, 'Звонок: обсудить заказ на 2027 год, условия; скидки и доставку — очень длинная тема');
    assert.equal(event.description, 'Line one\nLine two, with a comma\\backslash');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-11-27T12:30:00.000Z');
    assert.equal(fold('x'.repeat(80)), 'x'.repeat(75) + '\r\n ' + 'x'.repeat(5));
  });
});

forEachDatabase('Agenda, calendar feed and reassign', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let annaClient: number;
  let borisClient: number;

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T08:00:00Z' });
    t.server.scheduler.pause();
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'EUR' });
    annaClient = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation' })).id;
    borisClient = (await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech' })).id;
    await anna.expect(201, 'POST', '/events', { type: 'call', subject: 'Call about the 2027 order', clientId: annaClient, startsAt: '2026-11-27T10:00:00Z', remindBeforeMinutes: 15 });
    await anna.expect(201, 'POST', '/events', { type: 'meeting', subject: 'Lunch with Globex', clientId: annaClient, startsAt: '2026-11-27T12:00:00Z', endsAt: '2026-11-27T13:30:00Z' });
    await anna.expect(201, 'POST', '/events', { type: 'call', subject: 'Next week call', clientId: annaClient, startsAt: '2026-12-02T10:00:00Z' });
    await anna.expect(201, 'POST', '/tasks', { title: 'Send the offer', clientId: annaClient, dueAt: '2026-11-27T15:00:00Z' });
    await anna.expect(201, 'POST', '/tasks', { title: 'Overdue follow-up', clientId: annaClient, dueAt: '2026-11-25T15:00:00Z' });
    await boris.expect(201, 'POST', '/events', { type: 'call', subject: 'Initech call', clientId: borisClient, startsAt: '2026-11-27T11:00:00Z' });
    await boris.expect(201, 'POST', '/tasks', { title: 'Boris task', clientId: borisClient, dueAt: '2026-11-27T15:00:00Z' });
    const draft = await anna.expect(201, 'POST', '/invoices', { clientId: annaClient, date: '2026-11-01', dueDate: '2026-11-20', lines: [{ description: 'Paper', quantity: '2', price: '60.50' }] });
    await anna.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    await anna.expect(201, 'POST', '/contracts', { clientId: annaClient, subject: 'Supply 2026', startDate: '2026-01-01', endDate: '2026-12-15', noticeDays: 30 });
  });
  after(async () => t?.close());

  it('shows a manager\'s day: planned calls and meetings, tasks due, what is overdue, contracts ending', async () => {
    const day = await anna.expect(200, 'GET', '/agenda/today');
    assert.equal(day.date, '2026-11-27');
    assert.deepEqual(day.events.map((e: any) => e.subject), ['Call about the 2027 order', 'Lunch with Globex']);
    assert.deepEqual(day.tasks.map((x: any) => x.title), ['Send the offer']);
    assert.deepEqual(day.overdue.tasks.map((x: any) => x.title), ['Overdue follow-up']);
    assert.equal(day.overdue.invoices.length, 1);
    assert.equal(day.overdue.invoices[0].remaining, '121.00');
    assert.deepEqual(day.contractsEnding.map((c: any) => c.endDate), ['2026-12-15']);
    t.clock.set!('2026-11-27T09:45:00Z');
    await t.server.scheduler.tick();
    const later = await anna.expect(200, 'GET', '/agenda/today');
    assert.ok(later.reminders.some((r: any) => r.title === 'Call about the 2027 order'), 'the call\'s reminder, 15 minutes before');
  });

  it('lets an administrator look at another user\'s day, but not a manager', async () => {
    const borisDay = await t.admin.expect(200, 'GET', `/agenda/today?userId=${boris.id}`);
    assert.deepEqual(borisDay.events.map((e: any) => e.subject), ['Initech call']);
    assert.deepEqual(borisDay.reminders, [], 'reminders stay private');
    assert.equal((await anna.get(`/agenda/today?userId=${boris.id}`)).status, 403);
    for (const url of ['/agenda/today?userId=99999', '/calendar?userId=99999']) {
      const reply = await t.admin.get(url);
      assert.equal(reply.status, 404, url);
      assert.equal(reply.body.error.code, 'not_found', url);
    }
  });

  it('answers a calendar range, this week by default', async () => {
    const week = await anna.expect(200, 'GET', '/calendar');
    assert.equal(week.from, '2026-11-23');
    assert.equal(week.to, '2026-11-29');
    assert.deepEqual(week.events.map((e: any) => e.subject), ['Call about the 2027 order', 'Lunch with Globex']);
    const next = await anna.expect(200, 'GET', '/calendar?from=2026-11-30&to=2026-12-06');
    assert.deepEqual(next.events.map((e: any) => e.subject), ['Next week call']);
    const cases: [string, string][] = [
      ['/calendar?from=2026-13-01', 'invalid_query'],
      ['/calendar?from=2026-12-06&to=2026-11-30', 'invalid_query'],
      ['/calendar?from=2026-01-01&to=2026-12-31', 'invalid_query'],
      ['/calendar?userId=abc', 'invalid_query'],
      ['/calendar?colour=red', 'invalid_query'],
      ['/agenda/today?date=2026-11-27', 'invalid_query'],
    ];
    for (const [url, code] of cases) {
      const reply = await anna.get(url);
      assert.equal(reply.status, 400, url);
      assert.equal(reply.body.error.code, code, url);
    }
  });

  it('publishes a user\'s own events and tasks as an iCalendar feed at a secret address', async () => {
    assert.deepEqual(await anna.expect(200, 'GET', '/calendar/feed'), { active: false, createdAt: null });
    const { url } = await anna.expect(201, 'POST', '/calendar/feed');
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
    const text = await res.text();
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const events = vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const summaries = events.map((e) => e.summary).sort();
    // With the automatic tasks the overdue invoice and the ending contract gave her; nothing of Boris's.
    assert.deepEqual(summaries, [
      'Call: Call about the 2027 order', 'Call: Next week call', 'Meeting: Lunch with Globex',
      'Task: Agree a renewal of contract C-2026-0001 with Globex Corporation', 'Task: Chase payment of invoice INV-2026-00001 (Globex Corporation)',
      'Task: Overdue follow-up', 'Task: Send the offer',
    ]);
    const lunch = events.find((e) => e.summary === 'Meeting: Lunch with Globex')!;
    assert.equal(lunch.startDate.toJSDate().toISOString(), '2026-11-27T12:00:00.000Z');
    assert.equal(lunch.endDate.toJSDate().toISOString(), '2026-11-27T13:30:00.000Z');
    assert.match(lunch.uid, /^event-\d+@kontora$/);
    // The same event keeps its UID from one fetch to the next.
    const again = new ICAL.Component(ICAL.parse(await (await fetch(url)).text())).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    assert.equal(again.find((e) => e.summary === 'Meeting: Lunch with Globex')!.uid, lunch.uid);
    assert.ok(!t.logs.some((line) => line.includes(new URL(url).searchParams.get('key')!)), 'the key never reaches the log');
  });

  it('stops a revoked or replaced feed address', async () => {
    const first = (await anna.expect(201, 'POST', '/calendar/feed')).url;
    const second = (await anna.expect(201, 'POST', '/calendar/feed')).url;
    assert.equal((await fetch(first)).status, 404, 'a new address replaces the old');
    assert.equal((await fetch(second)).status, 200);
    await anna.expect(204, 'DELETE', '/calendar/feed');
    const revoked = await fetch(second);
    assert.equal(revoked.status, 404);
    assert.equal(((await revoked.json()) as any).error.code, 'not_found');
    assert.equal((await fetch(`${t.url}/api/v1/calendar/feed.ics`)).status, 404);
    assert.equal((await fetch(`${t.url}/api/v1/calendar/feed.ics?key=guess`)).status, 404);
  });

  it('moves all clients, open tasks and planned events of a leaving manager to another in one action, with audit', async () => {
    const carl = await t.user('carl', 'manager', 'own');
    const carlClient = (await carl.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Vandelay Industries' })).id;
    await carl.expect(201, 'POST', '/contacts', { clientId: carlClient, firstName: 'Art', lastName: 'Vandelay' });
    const open = await carl.expect(201, 'POST', '/tasks', { title: 'Call Vandelay', clientId: carlClient, dueAt: '2026-12-01T10:00:00Z', remindBeforeMinutes: 10 });
    const closed = await carl.expect(201, 'POST', '/tasks', { title: 'Old work', clientId: carlClient });
    await carl.expect(200, 'PATCH', `/tasks/${closed.id}`, { version: closed.version, status: 'done' });
    const planned = await carl.expect(201, 'POST', '/events', { type: 'meeting', subject: 'Vandelay visit', clientId: carlClient, startsAt: '2026-12-03T10:00:00Z' });
    await carl.expect(201, 'POST', '/events', { type: 'call', subject: 'Past call', clientId: carlClient, startsAt: '2026-11-20T10:00:00Z' });

    assert.equal((await anna.post(`/users/${carl.id}/reassign`, { toUserId: boris.id })).status, 403, 'administrators only');
    const moved = await t.admin.expect(200, 'POST', `/users/${carl.id}/reassign`, { toUserId: boris.id });
    assert.deepEqual(moved, { clients: 1, contacts: 1, tasks: 1, events: 1, reminders: 1 });

    assert.equal((await boris.expect(200, 'GET', `/clients/${carlClient}`)).managerId, boris.id);
    assert.equal((await boris.expect(200, 'GET', `/tasks/${open.id}`)).assigneeId, boris.id);
    assert.equal((await boris.expect(200, 'GET', `/tasks/${closed.id}`)).assigneeId, carl.id, 'finished work keeps its history');
    assert.equal((await boris.expect(200, 'GET', `/events/${planned.id}`)).ownerId, boris.id);
    assert.equal((await carl.get(`/clients/${carlClient}`)).status, 404, 'the leaving manager no longer sees the client');
    const found = await boris.expect(200, 'GET', '/search?q=vandelay');
    assert.ok(found.items.length >= 1, 'quick search follows the new manager');
    const upcoming = await boris.expect(200, 'GET', '/reminders?state=upcoming');
    assert.ok(upcoming.items.some((r: any) => r.taskId === open.id), 'the coming reminder goes to the new assignee');
    const history = await t.admin.expect(200, 'GET', `/clients/${carlClient}/audit`);
    assert.deepEqual(history.items[0].changes.managerId, { old: carl.id, new: boris.id });
    const userHistory = await t.admin.expect(200, 'GET', `/users/${carl.id}/audit`);
    assert.equal(userHistory.items[0].action, 'reassign');

    const bad: [unknown, number, string][] = [
      [{}, 400, 'validation_failed'],
      [{ toUserId: carl.id }, 400, 'validation_failed'],
      [{ toUserId: 'boris' }, 400, 'validation_failed'],
      [{ toUserId: 999999 }, 422, 'reference_invalid'],
    ];
    for (const [body, status, code] of bad) {
      const reply = await t.admin.post(`/users/${carl.id}/reassign`, body);
      assert.equal(reply.status, status, JSON.stringify(body));
      assert.equal(reply.body.error.code, code, JSON.stringify(body));
    }
    assert.equal((await t.admin.post('/users/999999/reassign', { toUserId: boris.id })).status, 404);
    const remove = await t.admin.delete(`/users/${carl.id}`);
    assert.equal(remove.status, 409, 'finished tasks and past events keep the user');
    assert.equal(remove.body.error.code, 'in_use');
  });
});
