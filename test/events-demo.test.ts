import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * On the demo data: the Today view is not empty for anyone, and every
 * events, tasks, reminders and agenda answer matches its OpenAPI schema
 * exactly (additional properties refused).
 */
describe('Events and agenda on demo data', () => {
  let t: TestServer;
  before(async function () {
    this.timeout(180_000);
    t = await startTestServer('sqlite', { demo: true });
    await t.server.scheduler.tick();
  });
  after(async () => t?.close());

  it('gives the administrator and each demo manager a day with calls, meetings and tasks', async () => {
    const users = (await t.admin.expect(200, 'GET', '/users?limit=50')).items.filter((u: any) => u.role === 'admin' || u.role === 'manager');
    assert.ok(users.length >= 4);
    for (const user of users) {
      const day = await t.admin.expect(200, 'GET', `/agenda/today?userId=${user.id}`);
      assert.ok(day.events.length >= 4, `${user.login} has ${day.events.length} events today`);
      assert.ok(day.tasks.length >= 1, `${user.login} has tasks due today`);
      assert.ok(day.overdue.tasks.length >= 1 && day.overdue.events.length >= 1, `${user.login} has something overdue`);
    }
    const week = await t.admin.expect(200, 'GET', '/calendar');
    assert.ok(week.events.length >= 5);
  });

  it('answers every events, tasks, reminders and agenda endpoint as documented', async () => {
    const doc = await t.anonymous.expect(200, 'GET', '/openapi.json');
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const event = (await t.admin.expect(200, 'GET', '/events?limit=1')).items[0];
    const task = (await t.admin.expect(200, 'GET', '/tasks?limit=1')).items[0];
    const checks: [string, string][] = [
      ['/events', '/events'], ['/events/{id}', `/events/${event.id}`], ['/events/{id}/audit', `/events/${event.id}/audit`],
      ['/tasks', '/tasks'], ['/tasks/{id}', `/tasks/${task.id}`], ['/event-types', '/event-types'],
      ['/reminders', '/reminders'], ['/reminders', '/reminders?state=upcoming'], ['/agenda/today', '/agenda/today'],
      ['/calendar', '/calendar'], ['/calendar/feed', '/calendar/feed'],
    ];
    for (const [path, url] of checks) {
      const schema = doc.paths[path].get.responses['200'].content['application/json'].schema;
      const reply = await t.admin.get(url);
      assert.equal(reply.status, 200, url);
      const validate = ajv.compile(schema);
      assert.ok(validate(reply.body), `GET ${url} does not match its schema: ${ajv.errorsText(validate.errors)}`);
    }
    const fired = await t.server.ctx.db('reminders').whereNotNull('fired_at').whereIn('kind', ['invoice_overdue', 'contract_ending', 'contract_renewal']).count({ n: '*' });
    assert.ok(Number(fired[0]!.n) > 0, 'the demo managers have reminders about overdue invoices and contracts ending');
  });
});
