import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

forEachDatabase('Events', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let viewer: Api & { id: number };
  let annaClient: number;
  let borisClient: number;
  let annaContact: number;
  let borisContact: number;

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    annaClient = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation' })).id;
    borisClient = (await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech' })).id;
    annaContact = (await anna.expect(201, 'POST', '/contacts', { clientId: annaClient, firstName: 'Hank', lastName: 'Scorpio' })).id;
    borisContact = (await boris.expect(201, 'POST', '/contacts', { clientId: borisClient, firstName: 'Bill', lastName: 'Lumbergh' })).id;
  });
  after(async () => t?.close());

  it('plans a call for a client and contact; the planner is responsible by default', async () => {
    const call = await anna.expect(201, 'POST', '/events', {
      type: 'call', subject: 'Discuss the 2027 order', clientId: annaClient, contactId: annaContact,
      startsAt: '2026-11-27T14:30:00+02:00', direction: 'outgoing',
    });
    assert.equal(call.status, 'planned', 'a call ahead of now is planned');
    assert.equal(call.startsAt, '2026-11-27T12:30:00.000Z', 'stored and answered in UTC');
    assert.equal(call.ownerId, anna.id);
    assert.equal(call.ownerName, 'Anna');
    assert.equal(call.clientName, 'Globex Corporation');
    assert.equal(call.contactName, 'Hank Scorpio');
  });

  it('logs a call that already happened as done, with a result from the call type\'s list', async () => {
    const call = await anna.expect(201, 'POST', '/events', {
      type: 'call', subject: 'Incoming question about delivery', clientId: annaClient, startsAt: '2026-11-27T09:00:00Z',
      direction: 'incoming', result: 'reached', resultNotes: 'Delivery moved to Friday',
    });
    assert.equal(call.status, 'done');
    assert.equal(call.result, 'reached');
  });

  it('writes the result of a planned meeting afterwards', async () => {
    const meeting = await anna.expect(201, 'POST', '/events', { type: 'meeting', subject: 'Kick-off', clientId: annaClient, startsAt: '2026-11-28T09:00:00Z', endsAt: '2026-11-28T10:00:00Z' });
    const refused = await anna.patch(`/events/${meeting.id}`, { version: meeting.version, result: 'held' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.details[0].code, 'invalid_state', 'a result needs the event marked done');
    const done = await anna.expect(200, 'PATCH', `/events/${meeting.id}`, { version: meeting.version, status: 'done', result: 'held', resultNotes: 'Agreed on a pilot' });
    assert.equal(done.result, 'held');
    const history = await anna.expect(200, 'GET', `/events/${meeting.id}/audit`);
    assert.deepEqual(history.items[0].changes.result, { old: null, new: 'held' });
  });

  it('refuses a result the event type does not allow, and an unknown type', async () => {
    const wrong = await anna.post('/events', { type: 'call', subject: 'x', clientId: annaClient, startsAt: '2026-11-26T09:00:00Z', result: 'held' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.details[0].field, 'result');
    assert.equal(wrong.body.error.details[0].code, 'invalid_choice');
    const unknown = await anna.post('/events', { type: 'telegram', subject: 'x', clientId: annaClient, startsAt: '2026-11-26T09:00:00Z' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details[0].field, 'type');
  });

  it('lets an administrator add an event type with its results, and managers use it', async () => {
    const managerTry = await anna.post('/event-types', { label: 'Site visit' });
    assert.equal(managerTry.status, 403);
    const visit = await t.admin.expect(201, 'POST', '/event-types', { label: 'Site visit', results: [{ label: 'Order placed' }, { label: 'No decision' }] });
    assert.equal(visit.key, 'site_visit');
    assert.deepEqual(visit.results.map((r: any) => r.key), ['order_placed', 'no_decision']);
    const types = await anna.expect(200, 'GET', '/event-types');
    assert.ok(types.items.some((ty: any) => ty.key === 'site_visit'));
    const event = await anna.expect(201, 'POST', '/events', { type: 'site_visit', subject: 'Warehouse tour', clientId: annaClient, startsAt: '2026-11-20T09:00:00Z', result: 'order_placed' });
    assert.equal(event.result, 'order_placed');
  });

  it('refuses to drop a result events use, and to delete a used type; archiving keeps old events valid', async () => {
    const types = await t.admin.expect(200, 'GET', '/event-types');
    const visit = types.items.find((ty: any) => ty.key === 'site_visit');
    const drop = await t.admin.patch(`/event-types/${visit.id}`, { version: visit.version, results: [{ key: 'no_decision', label: 'No decision' }] });
    assert.equal(drop.status, 409);
    assert.equal(drop.body.error.code, 'in_use');
    const del = await t.admin.delete(`/event-types/${visit.id}`);
    assert.equal(del.status, 409);
    const archived = await t.admin.expect(200, 'PATCH', `/event-types/${visit.id}`, { version: visit.version, archived: true });
    assert.equal(archived.archived, true);
    const refused = await anna.post('/events', { type: 'site_visit', subject: 'Another tour', clientId: annaClient, startsAt: '2026-11-21T09:00:00Z' });
    assert.equal(refused.status, 400, 'no new events of an archived type');
    const stale = await t.admin.patch(`/event-types/${visit.id}`, { version: visit.version, label: 'Visit' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
  });

  it('keeps a user with own scope to the events of their clients', async () => {
    await boris.expect(201, 'POST', '/events', { type: 'note', subject: 'Initech prefers e-mail', clientId: borisClient, startsAt: '2026-11-25T09:00:00Z' });
    const annaList = await anna.expect(200, 'GET', '/events?limit=500');
    assert.ok(annaList.items.length > 0);
    assert.ok(annaList.items.every((e: any) => e.clientId === annaClient), 'anna sees only her client\'s events');
    const borisEvent = (await boris.expect(200, 'GET', '/events')).items[0];
    assert.equal((await anna.get(`/events/${borisEvent.id}`)).status, 404);
    const foreign = await anna.post('/events', { type: 'call', subject: 'x', clientId: borisClient, startsAt: '2026-11-26T09:00:00Z' });
    assert.equal(foreign.status, 422, 'not for a client of someone else');
    const viewerList = await viewer.expect(200, 'GET', '/events?limit=500');
    assert.ok(viewerList.items.some((e: any) => e.clientId === borisClient), 'a viewer with scope all sees every event');
    assert.equal((await viewer.post('/events', { type: 'call', subject: 'x', clientId: annaClient, startsAt: '2026-11-26T09:00:00Z' })).status, 403);
  });

  it('refuses a contact, contract or invoice of another client', async () => {
    const reply = await t.admin.post('/events', { type: 'call', subject: 'x', clientId: annaClient, contactId: borisContact, startsAt: '2026-11-26T09:00:00Z' });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.error.details[0].field, 'contactId');
  });

  it('filters, sorts and searches events', async () => {
    const calls = await anna.expect(200, 'GET', '/events?type=call&sort=startsAt');
    assert.ok(calls.items.length >= 2);
    assert.ok(calls.items.every((e: any) => e.type === 'call'));
    const starts = calls.items.map((e: any) => e.startsAt);
    assert.deepEqual(starts, [...starts].sort());
    const planned = await anna.expect(200, 'GET', `/events?status=planned&startsAt[gte]=2026-11-27T00:00:00Z`);
    assert.ok(planned.items.length > 0, 'anna has planned events from the 27th on');
    assert.ok(planned.items.every((e: any) => e.status === 'planned' && e.startsAt >= '2026-11-27T00:00:00.000Z'));
    const found = await anna.expect(200, 'GET', '/events?q=friday');
    assert.deepEqual(found.items.map((e: any) => e.subject), ['Incoming question about delivery'], 'found by its result notes');
  });

  it('takes custom fields like any other record', async () => {
    await t.admin.expect(201, 'POST', '/fields', { entity: 'event', label: 'Channel', type: 'one_of', options: { choices: [{ label: 'Phone' }, { label: 'Zoom' }] } });
    const event = await anna.expect(201, 'POST', '/events', { type: 'meeting', subject: 'Demo', clientId: annaClient, startsAt: '2026-12-01T09:00:00Z', channel: 'zoom' });
    assert.equal(event.channel, 'zoom');
    const list = await anna.expect(200, 'GET', '/events?channel=zoom');
    assert.deepEqual(list.items.map((e: any) => e.id), [event.id]);
    const bad = await anna.post('/events', { type: 'meeting', subject: 'Demo', clientId: annaClient, startsAt: '2026-12-01T09:00:00Z', channel: 'fax' });
    assert.equal(bad.status, 400);
  });

  it('refuses bad event and event-type input with clear codes', async () => {
    const base = { type: 'call', subject: 'x', clientId: annaClient, startsAt: '2026-11-28T09:00:00Z' };
    const cases: [string, string, string, unknown, number, string, string?][] = [
      ['no type', 'POST', '/events', { ...base, type: undefined }, 400, 'validation_failed', 'type'],
      ['no subject', 'POST', '/events', { ...base, subject: '' }, 400, 'validation_failed', 'subject'],
      ['no client', 'POST', '/events', { ...base, clientId: undefined }, 400, 'validation_failed', 'clientId'],
      ['no start', 'POST', '/events', { ...base, startsAt: undefined }, 400, 'validation_failed', 'startsAt'],
      ['a start that is not a time', 'POST', '/events', { ...base, startsAt: 'tomorrow at ten' }, 400, 'validation_failed', 'startsAt'],
      ['an end before the start', 'POST', '/events', { ...base, endsAt: '2026-11-28T08:00:00Z' }, 400, 'validation_failed', 'endsAt'],
      ['an unknown status', 'POST', '/events', { ...base, status: 'maybe' }, 400, 'validation_failed', 'status'],
      ['an unknown direction', 'POST', '/events', { ...base, direction: 'sideways' }, 400, 'validation_failed', 'direction'],
      ['a reminder a year ahead', 'POST', '/events', { ...base, remindBeforeMinutes: 600000 }, 400, 'validation_failed', 'remindBeforeMinutes'],
      ['a client that does not exist', 'POST', '/events', { ...base, clientId: 999999 }, 422, 'reference_invalid', 'clientId'],
      ['a responsible user who does not exist', 'POST', '/events', { ...base, ownerId: 999999 }, 422, 'reference_invalid', 'ownerId'],
      ['an unknown field', 'POST', '/events', { ...base, mood: 'good' }, 400, 'validation_failed', 'mood'],
      ['a text id', 'GET', '/events/abc', undefined, 400, 'invalid_id'],
      ['an update without version', 'PATCH', '/events/1', { subject: 'y' }, 400, 'validation_failed', 'version'],
      ['an unknown filter', 'GET', '/events?colour=red', undefined, 400, 'invalid_query'],
      ['a type without a label', 'POST', '/event-types', { results: [] }, 400, 'validation_failed', 'label'],
      ['a type key with capitals', 'POST', '/event-types', { key: 'Visit', label: 'Visit' }, 400, 'validation_failed', 'key'],
      ['a type that exists', 'POST', '/event-types', { key: 'call', label: 'Call again' }, 409, 'already_exists', 'key'],
      ['a result twice', 'POST', '/event-types', { label: 'Fax', results: [{ key: 'ok', label: 'OK' }, { key: 'ok', label: 'Okay' }] }, 409, 'already_exists', 'results'],
      ['a type that does not exist', 'PATCH', '/event-types/99999', { version: 1, label: 'X' }, 404, 'not_found'],
    ];
    for (const [what, method, url, body, status, code, field] of cases) {
      const reply = await t.admin.request(method, url, body === undefined ? undefined : JSON.parse(JSON.stringify(body)));
      assert.equal(reply.status, status, `${what}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, code, what);
      if (field) assert.equal(reply.body.error.details?.[0]?.field, field, what);
    }
  });

  it('lets an accountant log events but not delete them', async () => {
    const lena = await t.user('lena', 'accountant', 'all');
    const logged = await lena.expect(201, 'POST', '/events', { type: 'letter', subject: 'Reminder letter about invoice', clientId: annaClient, startsAt: '2026-11-26T09:00:00Z', result: 'sent' });
    assert.equal((await lena.delete(`/events/${logged.id}`)).status, 403);
    await anna.expect(204, 'DELETE', `/events/${logged.id}`);
  });
});
