import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { COUNT_LIMIT, ORDERED_WINDOW } from '../server/records/page-plan.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

/**
 * Long lists (server/records/page-plan.ts): the total stops at COUNT_LIMIT,
 * and on SQLite the page may be read in sort order through an index first.
 * Whatever the plan, a page must hold exactly the rows of the plain
 * ORDER BY … LIMIT … OFFSET on the same data.
 */
forEachDatabase('Long client lists', (kind) => {
  let t: TestServer;
  let manager: Api & { id: number };
  const OSLO = ORDERED_WINDOW + 1000; // fill the first ordered window with non-matches
  const RIGA = COUNT_LIMIT + 100;

  before(async function () {
    this.timeout(60_000);
    t = await startTestServer(kind);
    manager = await t.user('lena', 'manager', 'own');
    const db = t.server.ctx.db;
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows: Record<string, unknown>[] = [];
    const add = (name: string, city: string, managerId: number) => {
      const at = new Date(start + rows.length * 60_000).toISOString();
      rows.push({ kind: 'legal', name, name_key: name.toLowerCase(), city, manager_id: managerId, status: 'active', version: 1, created_at: at, updated_at: at });
    };
    // Names sort the Oslo clients before every Riga client: the ordered window cannot find a Riga page.
    for (let i = 0; i < OSLO; i++) add(`Alpha ${String(i).padStart(5, '0')}`, 'Oslo', i % 3 === 0 ? manager.id : 1);
    for (let i = 0; i < RIGA; i++) add(`Zeta ${String(i).padStart(5, '0')}`, 'Riga', 1);
    for (let i = 0; i < 30; i++) add(`Mid ${String(i).padStart(5, '0')}`, 'Tartu', manager.id);
    await db.batchInsert('clients', rows as unknown as never, 200);
  });
  after(async () => t?.close());

  const plain = (qb: Knex.QueryBuilder, sort: [string, 'asc' | 'desc'], limit: number, offset: number) =>
    qb.orderBy([{ column: sort[0], order: sort[1] }, { column: 'id', order: sort[1] }]).limit(limit).offset(offset).pluck('id');

  const cases: { path: string; as?: 'manager'; where?: Record<string, unknown>; sort: [string, 'asc' | 'desc']; limit: number; offset: number; total: number; exact: boolean }[] = [
    { path: '/clients?sort=name&limit=50', sort: ['name', 'asc'], limit: 50, offset: 0, total: COUNT_LIMIT, exact: false },
    { path: '/clients?sort=name&limit=50&offset=150', sort: ['name', 'asc'], limit: 50, offset: 150, total: COUNT_LIMIT, exact: false },
    { path: '/clients?sort=-createdAt&limit=30&offset=30', sort: ['created_at', 'desc'], limit: 30, offset: 30, total: COUNT_LIMIT, exact: false },
    { path: '/clients?city=Riga&sort=name&limit=50', where: { city: 'Riga' }, sort: ['name', 'asc'], limit: 50, offset: 0, total: COUNT_LIMIT, exact: false },
    { path: '/clients?city=Riga&sort=-createdAt&limit=20&offset=40', where: { city: 'Riga' }, sort: ['created_at', 'desc'], limit: 20, offset: 40, total: COUNT_LIMIT, exact: false },
    { path: '/clients?city=Tartu&sort=name&limit=10', where: { city: 'Tartu' }, sort: ['name', 'asc'], limit: 10, offset: 0, total: 30, exact: true },
    { path: '/clients?sort=name&limit=50', as: 'manager', sort: ['name', 'asc'], limit: 50, offset: 0, total: COUNT_LIMIT, exact: false },
    { path: '/clients?city=Oslo&sort=-createdAt&limit=25&offset=500', as: 'manager', where: { city: 'Oslo' }, sort: ['created_at', 'desc'], limit: 25, offset: 500, total: COUNT_LIMIT, exact: false },
  ];

  for (const c of cases) {
    it(`${c.as ?? 'admin'}: ${c.path} is the plain ordered page, total ${c.exact ? c.total : `${c.total}+`}`, async () => {
      const api = c.as === 'manager' ? manager : t.admin;
      const body = await api.expect(200, 'GET', c.path);
      const db = t.server.ctx.db;
      const qb = db('clients').where(c.where ?? {});
      if (c.as === 'manager') qb.where('manager_id', manager.id);
      const expected = (await plain(qb, c.sort, c.limit, c.offset)).map(Number);
      assert.deepEqual(body.items.map((i: { id: number }) => i.id), expected);
      assert.equal(body.total, c.total);
      assert.equal(body.totalExact, c.exact);
    });
  }
});
