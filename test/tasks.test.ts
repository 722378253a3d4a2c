import assert from 'node:assert/strict';
import { nextOccurrence } from '../server/tasks/repeat.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

describe('Next occurrence of a repeating task', () => {
  const cases: [string, string, 'daily' | 'weekly' | 'monthly', string, string][] = [
    ['a daily task done on time', '2026-03-10T09:00:00', 'daily', '2026-03-10T09:30:00', '2026-03-11T09:00:00'],
    ['a daily task done three days late comes back tomorrow', '2026-03-10T09:00:00', 'daily', '2026-03-13T10:00:00', '2026-03-14T09:00:00'],
    ['a weekly task', '2026-03-10T09:00:00', 'weekly', '2026-03-10T09:30:00', '2026-03-17T09:00:00'],
    ['a monthly task on the 31st falls on the month end', '2026-01-31T09:00:00', 'monthly', '2026-01-31T10:00:00', '2026-02-28T09:00:00'],
    ['a monthly task keeps the 31st after a short month', '2026-01-31T09:00:00', 'monthly', '2026-03-01T10:00:00', '2026-03-31T09:00:00'],
  ];
  for (const [what, due, repeat, now, expected] of cases) {
    it(what, () => {
      const next = nextOccurrence(new Date(due), repeat, new Date(now)).due;
      assert.equal(next.getTime(), new Date(expected).getTime());
    });
  }
});

forEachDatabase('Tasks and automatic reminders', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let clientId: number;

  const tick = () => t.server.scheduler.tick();
  const unread = async (api: Api) => (await api.expect(200, 'GET', '/reminders')).items as any[];

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    t.server.scheduler.pause();
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    clientId = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation' })).id;
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'EUR' });
  });
  after(async () => t?.close());

  it('creates a task for oneself by default, normal priority, open', async () => {
    const created = await anna.expect(201, 'POST', '/tasks', { title: 'Send the price list', clientId, dueAt: '2026-11-27T16:00:00Z' });
    assert.equal(created.assigneeId, anna.id);
    assert.equal(created.createdById, anna.id);
    assert.equal(created.priority, 'normal');
    assert.equal(created.status, 'open');
    assert.equal(created.clientName, 'Globex Corporation');
  });

  it('gives a task to a colleague: they see it and get its reminder; the giver sees it too', async () => {
    const given = await anna.expect(201, 'POST', '/tasks', { title: 'Check the Globex delivery', assigneeId: boris.id, remindAt: '2026-11-27T11:00:00Z' });
    assert.equal((await boris.expect(200, 'GET', `/tasks/${given.id}`)).assigneeName, 'Boris');
    assert.equal((await anna.get(`/tasks/${given.id}`)).status, 200);
    t.clock.set!('2026-11-27T11:00:00Z');
    await tick();
    assert.deepEqual((await unread(boris)).map((r) => r.title), ['Check the Globex delivery']);
    assert.deepEqual(await unread(anna), []);
    await boris.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('completing a repeating task creates its next occurrence once, with the reminder moved along', async () => {
    t.clock.set!('2026-11-27T08:00:00Z');
    const daily = await anna.expect(201, 'POST', '/tasks', { title: 'Check the inbox of orders', clientId, dueAt: '2026-11-27T09:00:00Z', remindBeforeMinutes: 30, repeat: 'daily' });
    t.clock.set!('2026-11-27T09:10:00Z');
    const done = await anna.expect(200, 'PATCH', `/tasks/${daily.id}`, { version: daily.version, status: 'done' });
    assert.ok(done.completedAt);
    const next = (await anna.expect(200, 'GET', `/tasks?repeatedFromId=${daily.id}`)).items;
    assert.equal(next.length, 1);
    assert.equal(next[0].dueAt, '2026-11-28T09:00:00.000Z');
    assert.equal(next[0].status, 'open');
    assert.equal(next[0].repeat, 'daily');
    assert.equal(next[0].remindBeforeMinutes, 30);
    // Reopened and completed again: still one next occurrence.
    const reopened = await anna.expect(200, 'PATCH', `/tasks/${daily.id}`, { version: done.version, status: 'open' });
    assert.equal(reopened.completedAt, null);
    await anna.expect(200, 'PATCH', `/tasks/${daily.id}`, { version: reopened.version, status: 'done' });
    assert.equal((await anna.expect(200, 'GET', `/tasks?repeatedFromId=${daily.id}`)).items.length, 1);
    // The next occurrence reminds 30 minutes before its own due time.
    t.clock.set!('2026-11-28T08:30:00Z');
    await tick();
    assert.ok((await unread(anna)).some((r) => r.taskId === next[0].id));
    await anna.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('reminds the manager once when a contract enters its notice period, with a task', async () => {
    t.clock.set!('2026-11-27T10:00:00Z');
    const contract = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Supply 2026', startDate: '2026-01-01', endDate: '2026-12-31', noticeDays: 30 });
    const renewing = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Service 2026', startDate: '2026-01-01', endDate: '2026-12-20', noticeDays: 10, autoRenew: true });
    await tick();
    assert.ok(!(await unread(anna)).some((r) => r.contractId === contract.id), 'not before the notice period');
    t.clock.set!('2026-12-01T08:00:00Z');
    await tick();
    t.clock.set!('2026-12-01T09:00:00Z');
    await t.server.scheduler.generate();
    await tick();
    t.clock.set!('2026-12-02T08:00:00Z');
    await tick();
    const ending = (await unread(anna)).filter((r) => r.contractId === contract.id);
    assert.equal(ending.length, 1, 'exactly one reminder for the occurrence');
    assert.equal(ending[0].kind, 'contract_ending');
    assert.match(ending[0].title, /ends on 2026-12-31/);
    const tasks = (await anna.expect(200, 'GET', `/tasks?contractId=${contract.id}`)).items;
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].assigneeId, anna.id);
    assert.equal(ending[0].taskId, tasks[0].id, 'the reminder opens its task');
    assert.ok(!(await unread(anna)).some((r) => r.contractId === renewing.id), 'the renewing one is not yet in its 10-day notice');
    t.clock.set!('2026-12-10T08:00:00Z');
    await tick();
    const renewal = (await unread(anna)).filter((r) => r.contractId === renewing.id);
    assert.equal(renewal.length, 1);
    assert.equal(renewal[0].kind, 'contract_renewal');
    assert.deepEqual(await unread(boris), [], 'only the client\'s manager');
  });

  it('reminds about an invoice due tomorrow, then once when it is overdue', async () => {
    t.clock.set!('2026-12-10T10:00:00Z');
    const draft = await anna.expect(201, 'POST', '/invoices', { clientId, date: '2026-12-01', dueDate: '2026-12-11', lines: [{ description: 'Paper', quantity: '1', price: '100.00' }] });
    const invoice = await anna.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    await t.server.scheduler.generate();
    await tick();
    const dueSoon = (await unread(anna)).filter((r) => r.invoiceId === invoice.id);
    assert.deepEqual(dueSoon.map((r) => r.kind), ['invoice_due']);
    for (const day of ['2026-12-12', '2026-12-13']) {
      t.clock.set!(`${day}T09:00:00Z`);
      await tick();
      await t.server.scheduler.generate();
    }
    const kinds = (await unread(anna)).filter((r) => r.invoiceId === invoice.id).map((r) => r.kind).sort();
    assert.deepEqual(kinds, ['invoice_due', 'invoice_overdue']);
    const chase = (await anna.expect(200, 'GET', `/tasks?invoiceId=${invoice.id}`)).items;
    assert.equal(chase.length, 1);
    assert.match(chase[0].title, /Chase payment/);
  });

  it('reminds about a client\'s and a contact\'s birthday once a year', async () => {
    t.clock.set!('2026-12-13T10:00:00Z');
    const person = await anna.expect(201, 'POST', '/clients', { kind: 'individual', firstName: 'Marge', lastName: 'Bouvier', birthday: '1980-12-15' });
    await anna.expect(201, 'POST', '/contacts', { clientId, firstName: 'Hank', lastName: 'Scorpio', birthday: '1975-12-15' });
    t.clock.set!('2026-12-15T07:00:00Z');
    await tick();
    await t.server.scheduler.generate();
    t.clock.set!('2026-12-15T12:00:00Z');
    await tick();
    const birthdays = (await unread(anna)).filter((r) => r.kind === 'birthday').map((r) => r.title).sort();
    assert.deepEqual(birthdays, ['Hank Scorpio has a birthday today', 'Marge Bouvier has a birthday today']);
    assert.ok((await unread(anna)).some((r) => r.kind === 'birthday' && r.clientId === person.id));
  });

  it('keeps a task given by a user who is then deleted', async () => {
    const dora = await t.user('dora', 'manager', 'own');
    const given = await dora.expect(201, 'POST', '/tasks', { title: 'Handed over by Dora', assigneeId: anna.id });
    await t.admin.expect(204, 'DELETE', `/users/${dora.id}`);
    const kept = await anna.expect(200, 'GET', `/tasks/${given.id}`);
    assert.equal(kept.createdById, null);
    assert.equal(kept.assigneeId, anna.id);
  });

  it('refuses bad task input with clear codes', async () => {
    const foreignClient = (await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech' })).id;
    const cases: [string, unknown, number, string, string?][] = [
      ['no title', { dueAt: '2026-12-20T10:00:00Z' }, 400, 'validation_failed', 'title'],
      ['an empty title', { title: '   ' }, 400, 'validation_failed', 'title'],
      ['a due time without a zone', { title: 'x', dueAt: '2026-12-20 10:00' }, 400, 'validation_failed', 'dueAt'],
      ['an unknown priority', { title: 'x', priority: 'urgent' }, 400, 'validation_failed', 'priority'],
      ['an unknown repetition', { title: 'x', dueAt: '2026-12-20T10:00:00Z', repeat: 'yearly' }, 400, 'validation_failed', 'repeat'],
      ['repeating without a due time', { title: 'x', repeat: 'daily' }, 400, 'validation_failed', 'repeat'],
      ['minutes before without a due time', { title: 'x', remindBeforeMinutes: 10 }, 400, 'validation_failed', 'remindBeforeMinutes'],
      ['both kinds of reminder', { title: 'x', dueAt: '2026-12-20T10:00:00Z', remindAt: '2026-12-20T09:00:00Z', remindBeforeMinutes: 10 }, 400, 'validation_failed', 'remindBeforeMinutes'],
      ['negative minutes', { title: 'x', dueAt: '2026-12-20T10:00:00Z', remindBeforeMinutes: -5 }, 400, 'validation_failed', 'remindBeforeMinutes'],
      ['an assignee who does not exist', { title: 'x', assigneeId: 99999 }, 422, 'reference_invalid', 'assigneeId'],
      ['a client of someone else', { title: 'x', clientId: foreignClient }, 422, 'reference_invalid', 'clientId'],
      ['a completion time', { title: 'x', completedAt: '2026-12-20T10:00:00Z' }, 400, 'validation_failed', 'completedAt'],
      ['an unknown field', { title: 'x', colour: 'red' }, 400, 'validation_failed', 'colour'],
      ['no assignee', { title: 'x', assigneeId: null }, 400, 'validation_failed', 'assigneeId'],
    ];
    for (const [what, body, status, code, field] of cases) {
      const reply = await anna.post('/tasks', body);
      assert.equal(reply.status, status, `${what}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, code, what);
      if (field) assert.equal(reply.body.error.details?.[0]?.field, field, what);
    }
    const viewer = await t.user('vera', 'viewer');
    assert.equal((await viewer.post('/tasks', { title: 'x' })).status, 403);
  });
});
