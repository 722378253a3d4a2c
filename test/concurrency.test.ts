import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

/**
 * Many users at once on one server: 50 concurrent clients × 10 mixed
 * reads and writes. Every answer must be the expected success or a clean
 * 409 version_conflict; no 5xx, no "database is locked" anywhere, no lost
 * update. No timing is asserted (see npm run bench for that).
 */
const USERS = 50;
const OPERATIONS = 10;
const OPS = ['create', 'patch-hot', 'get', 'list', 'search', 'contact', 'patch-own'] as const;

interface Outcome {
  op: string;
  status: number;
  code?: string;
}

forEachDatabase('Concurrent users', (kind) => {
  let t: TestServer;
  let own: Api & { id: number };
  let all: Api & { id: number };
  let hotId: number;
  const ownClients = new Map<Api, number[]>();

  before(async () => {
    t = await startTestServer(kind);
    own = await t.user('mara', 'manager', 'own');
    all = await t.user('nils', 'manager', 'all');
    hotId = (await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Hot Client Ltd', city: 'Riga' })).id;
    for (const api of [t.admin, own, all]) {
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await api.expect(201, 'POST', '/clients', { kind: 'legal', name: `Seed ${api === own ? 'own' : 'shared'} ${i}`, city: 'Oslo' })).id);
      ownClients.set(api, ids);
    }
  });
  after(async () => t?.close());

  it(`${USERS} concurrent users × ${OPERATIONS} mixed operations get a success or a clean 409, never a 5xx`, async function () {
    this.timeout(120_000);
    const outcomes: Outcome[] = [];
    const apis = [t.admin, own, all];
    const note = (op: string, reply: { status: number; body: any }) => {
      outcomes.push({ op, status: reply.status, code: reply.body?.error?.code });
      return reply;
    };

    const user = async (n: number) => {
      const api = apis[n % apis.length]!;
      const mine = ownClients.get(api)!;
      for (let i = 0; i < OPERATIONS; i++) {
        const op = OPS[(n + i) % OPS.length]!;
        switch (op) {
          case 'create':
            note(op, await api.post('/clients', {
              kind: 'legal', name: `Concurrent ${n}-${i} Ltd`, city: 'Tartu',
              phones: [{ type: 'work', number: `+372 5${String(n).padStart(2, '0')}${String(i).padStart(2, '0')} 123` }], emails: [{ address: `c${n}.${i}@example.test` }], tags: ['load'],
            }));
            break;
          case 'patch-hot':
          case 'patch-own': {
            // The own-scope manager cannot see the hot client: it edits its own.
            const hot = op === 'patch-hot' && api !== own;
            const id = hot ? hotId : mine[n % mine.length]!;
            const read = note('get', await api.get(`/clients/${id}`));
            if (read.status === 200) note(hot ? 'patch-hot' : 'patch-own', await api.patch(`/clients/${id}`, { version: read.body.version, source: `edit ${n}-${i}` }));
            break;
          }
          case 'get':
            note(op, await api.get(`/clients/${mine[i % mine.length]}`));
            break;
          case 'list':
            note(op, await api.get('/clients?city=Tartu&sort=-createdAt&limit=20'));
            break;
          case 'search':
            note(op, await api.get('/search?q=concurrent'));
            break;
          case 'contact':
            note(op, await api.post('/contacts', { clientId: mine[i % mine.length], firstName: 'Kati', lastName: `Tamm ${n}-${i}` }));
            break;
        }
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, n) => user(n)));

    const expected: Record<string, number> = { create: 201, contact: 201, get: 200, list: 200, search: 200, 'patch-hot': 200, 'patch-own': 200 };
    const unexpected = outcomes.filter((o) => o.status !== expected[o.op] && !(o.op.startsWith('patch') && o.status === 409 && o.code === 'version_conflict'));
    assert.deepEqual(unexpected, [], 'every answer is the expected success or a clean 409');
    assert.equal(outcomes.filter((o) => o.status >= 500).length, 0);
    const problems = t.logs.filter((l) => /database is locked|SQLITE_BUSY|"status":5\d\d|"level":"error"/i.test(l));
    assert.deepEqual(problems, [], 'the server log has no locked database and no 5xx');

    // Nothing lost: each successful edit of the hot client raised its version by one.
    const hotEdits = outcomes.filter((o) => o.op === 'patch-hot' && o.status === 200).length;
    assert.ok(hotEdits > 0);
    const hot = await t.admin.expect(200, 'GET', `/clients/${hotId}`);
    assert.equal(hot.version, 1 + hotEdits);
    // Every client created is stored once and indexed for search.
    const created = outcomes.filter((o) => o.op === 'create' && o.status === 201).length;
    const db = t.server.ctx.db;
    const stored = Number(((await db('clients').where('name', 'like', 'Concurrent %').count({ n: '*' }).first()) as { n: number | string }).n);
    assert.equal(stored, created);
    const indexed = Number(((await db('search_entries').where('entity', 'client').whereIn('record_id', db('clients').select('id').where('name', 'like', 'Concurrent %')).count({ n: '*' }).first()) as { n: number | string }).n);
    assert.equal(indexed, created);
    const contacts = outcomes.filter((o) => o.op === 'contact' && o.status === 201).length;
    const storedContacts = Number(((await db('contacts').where('last_name', 'like', 'Tamm %').count({ n: '*' }).first()) as { n: number | string }).n);
    assert.equal(storedContacts, contacts);
  });
});
