import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server/server.js';
import { memoryLogger } from '../server/log.js';
import { forEachDatabase } from './support/databases.js';
import { Api, startSecondServer, startTestServer, type TestServer } from './support/server.js';

/** Reads a server-sent event stream in the background. */
export function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: { event: string; data: any }[] = [];
  let status = 0;
  const ready = (async () => {
    const res = await fetch(url + '/api/v1/reminders/stream', { headers, signal: controller.signal });
    status = res.status;
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
          }
        }
      } catch {
        // aborted
      }
    })();
  })();
  return {
    events,
    get status() {
      return status;
    },
    ready,
    async waitFor(predicate: (e: { event: string; data: any }) => boolean, ms = 5000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events)}`);
    },
    close: () => controller.abort(),
  };
}

forEachDatabase('Reminders', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let clientId: number;

  const tick = () => t.server.scheduler.tick();
  const unread = async (api: Api) => (await api.expect(200, 'GET', '/reminders')).items as any[];
  const task = (api: Api, body: Record<string, unknown>) => api.expect(201, 'POST', '/tasks', body);

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    // Tests move the clock and run the scheduler's rounds themselves.
    t.server.scheduler.pause();
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    clientId = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation' })).id;
  });
  after(async () => t?.close());

  it('fires a task reminder at its time, for the assignee only, once', async () => {
    t.clock.set!('2026-11-27T10:00:00Z');
    const call = await task(anna, { title: 'Call Globex about the order', clientId, dueAt: '2026-11-27T11:00:00Z', remindAt: '2026-11-27T10:30:00Z' });
    await tick();
    assert.deepEqual(await unread(anna), [], 'not before its time');
    const upcoming = await anna.expect(200, 'GET', '/reminders?state=upcoming');
    assert.equal(upcoming.items[0].taskId, call.id);

    t.clock.set!('2026-11-27T10:30:00Z');
    const first = await tick();
    assert.equal(first.fired.length, 1);
    const mine = await unread(anna);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].title, 'Call Globex about the order');
    assert.equal(mine[0].taskId, call.id);
    assert.deepEqual(await unread(boris), [], 'nobody else gets it');
    assert.deepEqual(await unread(t.admin), [], 'not even an administrator');

    t.clock.set!('2026-11-27T10:45:00Z');
    assert.deepEqual((await tick()).fired, [], 'a reminder fires once');
    assert.equal((await unread(anna)).length, 1);
    await anna.expect(200, 'POST', `/reminders/${mine[0].id}/dismiss`);
    assert.deepEqual(await unread(anna), []);
  });

  it('reminds N minutes before the due time, and again when the time is moved', async () => {
    t.clock.set!('2026-11-27T12:00:00Z');
    const created = await task(anna, { title: 'Send the offer', dueAt: '2026-11-27T15:00:00Z', remindBeforeMinutes: 60 });
    t.clock.set!('2026-11-27T13:59:00Z');
    assert.deepEqual((await tick()).fired, []);
    t.clock.set!('2026-11-27T14:00:00Z');
    assert.equal((await tick()).fired.length, 1);
    const moved = await anna.expect(200, 'PATCH', `/tasks/${created.id}`, { version: created.version, dueAt: '2026-11-28T15:00:00Z' });
    assert.equal((await unread(anna)).filter((r) => r.taskId === created.id).length, 0, 'the moved reminder waits for its new time');
    t.clock.set!('2026-11-28T14:00:00Z');
    assert.equal((await tick()).fired.length, 1);
    assert.equal((await unread(anna)).filter((r) => r.taskId === created.id).length, 1);
    // Done: its reminder is gone.
    await anna.expect(200, 'PATCH', `/tasks/${created.id}`, { version: moved.version, status: 'done' });
    assert.equal((await unread(anna)).filter((r) => r.taskId === created.id).length, 0);
  });

  it('snoozes a reminder until later, and it fires again then', async () => {
    t.clock.set!('2026-11-28T09:00:00Z');
    await task(anna, { title: 'Prepare the contract', remindAt: '2026-11-28T09:00:00Z' });
    await tick();
    const [reminder] = (await unread(anna)).filter((r) => r.title === 'Prepare the contract');
    const snoozed = await anna.expect(200, 'POST', `/reminders/${reminder.id}/snooze`, { minutes: 15 });
    assert.equal(snoozed.firedAt, null);
    assert.equal(snoozed.dueAt, '2026-11-28T09:15:00.000Z');
    assert.ok(!(await unread(anna)).some((r) => r.id === reminder.id));
    t.clock.set!('2026-11-28T09:14:00Z');
    await tick();
    assert.ok(!(await unread(anna)).some((r) => r.id === reminder.id));
    t.clock.set!('2026-11-28T09:15:00Z');
    await tick();
    assert.ok((await unread(anna)).some((r) => r.id === reminder.id));
    const boris404 = await boris.post(`/reminders/${reminder.id}/snooze`, { minutes: 5 });
    assert.equal(boris404.status, 404, 'another user cannot touch it');
    await anna.expect(200, 'POST', '/reminders/dismiss-all');
    assert.deepEqual(await unread(anna), []);
    const dismissed = await anna.expect(200, 'GET', '/reminders?state=dismissed');
    assert.ok(dismissed.items.some((r: any) => r.id === reminder.id));
  });

  it('streams a user\'s reminders to their open windows only (bearer token and session cookie)', async () => {
    t.clock.set!('2026-11-29T09:00:00Z');
    const login = await t.anonymous.post('/auth/login', { login: 'anna', password: 'anna-password-123' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^kontora_session=/);
    const annaStream = openStream(t.url, { authorization: `Bearer ${anna.token}` });
    const annaBrowser = openStream(t.url, { cookie });
    const borisStream = openStream(t.url, { authorization: `Bearer ${boris.token}` });
    const nobody = openStream(t.url, {});
    try {
      await Promise.all([annaStream.ready, annaBrowser.ready, borisStream.ready, nobody.ready]);
      assert.equal(nobody.status, 401);
      await annaStream.waitFor((e) => e.event === 'ready');
      await borisStream.waitFor((e) => e.event === 'ready');
      await task(anna, { title: 'Anna: call back', remindAt: '2026-11-29T09:05:00Z' });
      await task(boris, { title: 'Boris: visit', remindAt: '2026-11-29T09:05:00Z' });
      t.clock.set!('2026-11-29T09:05:00Z');
      await tick();
      const got = await annaStream.waitFor((e) => e.event === 'reminder');
      assert.equal(got.data.title, 'Anna: call back');
      assert.equal((await annaBrowser.waitFor((e) => e.event === 'reminder')).data.title, 'Anna: call back');
      assert.equal((await borisStream.waitFor((e) => e.event === 'reminder')).data.title, 'Boris: visit');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(annaStream.events.filter((e) => e.event === 'reminder').map((e) => e.data.title), ['Anna: call back']);
      assert.deepEqual(borisStream.events.filter((e) => e.event === 'reminder').map((e) => e.data.title), ['Boris: visit']);
      // Dismissed in one window, withdrawn from the others.
      await anna.expect(200, 'POST', `/reminders/${got.data.id}/dismiss`);
      await annaBrowser.waitFor((e) => e.event === 'dismissed' && e.data.id === got.data.id);
      // A later tick does not repeat it.
      await tick();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(annaStream.events.filter((e) => e.event === 'reminder').length, 1);
    } finally {
      annaStream.close();
      annaBrowser.close();
      borisStream.close();
      nobody.close();
    }
    await boris.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('e-mails the assignee when asked, to the outbox folder when no SMTP server is configured', async () => {
    const eva = await t.user('eva', 'manager', 'own');
    const evaUser = await t.admin.expect(200, 'GET', `/users/${eva.id}`);
    await t.admin.expect(200, 'PATCH', `/users/${eva.id}`, { version: evaUser.version, email: 'eva@example.com' });
    t.clock.set!('2026-11-30T08:00:00Z');
    await task(eva, { title: 'Renew the Globex insurance', remindAt: '2026-11-30T08:00:00Z', remindByEmail: true });
    await task(eva, { title: 'Quiet reminder', remindAt: '2026-11-30T08:00:00Z' });
    const round = await tick();
    assert.equal(round.emailed.length, 1);
    const outbox = path.join(t.server.ctx.config.dataDir, 'outbox');
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    assert.equal(files.length, 1);
    const message = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
    assert.match(message, /^To: Eva <eva@example\.com>/m);
    assert.match(message, /^Subject: Reminder: Renew the Globex insurance/m);
    assert.equal((await tick()).emailed.length, 0, 'sent once');
    await eva.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('fires after a restart what came due while the server was down', async () => {
    t.clock.set!('2026-12-01T09:00:00Z');
    await task(anna, { title: 'Quarterly review', remindAt: '2026-12-01T12:00:00Z' });
    const config = t.server.ctx.config;
    await t.server.close();
    t.clock.set!('2026-12-01T15:00:00Z');
    t.server = await startServer({ config, clock: t.clock, log: memoryLogger(), print: () => undefined });
    t.server.scheduler.pause();
    await t.server.scheduler.tick(); // waits for the round the start began
    const again = new Api(t.server.url, anna.token);
    const list = (await again.expect(200, 'GET', '/reminders')).items as any[];
    assert.deepEqual(list.map((r) => r.title), ['Quarterly review']);
    // The unread list itself survives a restart too.
    await t.server.close();
    t.server = await startServer({ config, clock: t.clock, log: memoryLogger(), print: () => undefined });
    t.server.scheduler.pause();
    const after = (await new Api(t.server.url, anna.token).expect(200, 'GET', '/reminders')).items as any[];
    assert.deepEqual(after.map((r) => r.title), ['Quarterly review']);
    // The rest of the suite talks to the restarted server.
    anna = Object.assign(new Api(t.server.url, anna.token), { id: anna.id });
    boris = Object.assign(new Api(t.server.url, boris.token), { id: boris.id });
    (t as { admin: Api }).admin = new Api(t.server.url, t.admin.token);
    await anna.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('fires a backlog larger than one batch in a single round', async () => {
    t.clock.set!('2026-12-01T16:00:00Z');
    const rows = Array.from({ length: 2100 }, (_, i) => ({
      user_id: anna.id, kind: 'task', occurrence_key: `backlog:${i}`, title: `Backlog ${i}`, due_at: '2026-12-01T15:00:00.000Z', by_email: false, created_at: '2026-12-01T09:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 100) await t.server.ctx.db('reminders').insert(rows.slice(i, i + 100));
    assert.equal((await tick()).fired.length, 2100);
    assert.equal((await anna.expect(200, 'GET', '/reminders')).unread, 2100);
    await anna.expect(200, 'POST', '/reminders/dismiss-all');
  });

  it('fires each reminder once with two app instances on one database', async () => {
    const second = await startSecondServer(t);
    second.server.scheduler.pause();
    try {
      t.clock.set!('2026-12-02T09:00:00Z');
      const titles = Array.from({ length: 30 }, (_, i) => `Follow-up ${i + 1}`);
      for (const title of titles) await task(anna, { title, remindAt: '2026-12-02T09:30:00Z', remindByEmail: false });
      t.clock.set!('2026-12-02T09:30:00Z');
      const rounds = await Promise.all([t.server.scheduler.tick(), second.server.scheduler.tick(), t.server.scheduler.tick(), second.server.scheduler.tick()]);
      const fired = rounds.flatMap((r) => r.fired);
      assert.equal(fired.length, 30, 'every reminder fired');
      assert.equal(new Set(fired).size, 30, 'none fired twice');
      const list = await unread(anna);
      assert.deepEqual(list.map((r) => r.title).sort(), [...titles].sort());
      // A window connected to the second instance shows them, and hears of a dismissal made through the first.
      const stream = openStream(second.url, { authorization: `Bearer ${anna.token}` });
      try {
        await stream.ready;
        await stream.waitFor((e) => e.event === 'ready');
        assert.equal(stream.events.filter((e) => e.event === 'reminder').length, 30);
        await anna.expect(200, 'POST', `/reminders/${list[0].id}/dismiss`);
        await second.server.scheduler.tick();
        await stream.waitFor((e) => e.event === 'dismissed' && e.data.id === list[0].id);
      } finally {
        stream.close();
      }
      await anna.expect(200, 'POST', '/reminders/dismiss-all');
    } finally {
      await second.close();
    }
  });

  it('refuses bad snooze and list requests with clear codes', async () => {
    t.clock.set!('2026-12-03T09:00:00Z');
    await task(anna, { title: 'Bad input target', remindAt: '2026-12-03T09:00:00Z' });
    await tick();
    const [r] = await unread(anna);
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/reminders/${r.id}/snooze`, {}, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { minutes: 0 }, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { minutes: 1.5 }, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { minutes: 10, until: '2026-12-03T10:00:00Z' }, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { until: '2026-12-03T08:00:00Z' }, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { until: 'tomorrow' }, 400, 'validation_failed'],
      ['POST', `/reminders/${r.id}/snooze`, { minutes: 5, extra: 1 }, 400, 'validation_failed'],
      ['POST', '/reminders/abc/snooze', { minutes: 5 }, 400, 'invalid_id'],
      ['POST', '/reminders/999999/dismiss', undefined, 404, 'not_found'],
      ['GET', '/reminders?state=all', undefined, 400, 'invalid_query'],
      ['GET', '/reminders?limit=5', undefined, 400, 'invalid_query'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const reply = await anna.request(method, url, body ?? (method === 'POST' ? {} : undefined));
      assert.equal(reply.status, status, `${method} ${url} ${JSON.stringify(body)}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, code, `${method} ${url}`);
    }
    const upcoming = await task(anna, { title: 'Not yet', remindAt: '2026-12-09T09:00:00Z' });
    const pending = (await anna.expect(200, 'GET', '/reminders?state=upcoming')).items.find((x: any) => x.taskId === upcoming.id);
    const early = await anna.post(`/reminders/${pending.id}/snooze`, { minutes: 5 });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'invalid_state');
  });
});
