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
  const WEB_IN_WINDOW = 20;

  before(async function () {
    this.timeout(60_000);
    t = await startTestServer(kind);
    manager = await t.user('lena', 'manager', 'own');
    const db = t.server.ctx.db;
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows: Record<string, unknown>[] = [];
    const add = (name: string, city: string, managerId: number, source: string | null = null) => {
      const at = new Date(start + rows.length * 60_000).toISOString();
      rows.push({ kind: 'legal', name, name_key: name.toLowerCase(), city, source, manager_id: managerId, status: 'active', version: 1, created_at: at, updated_at: at });
    };
    // Names sort the Oslo clients before every Riga client: the ordered window cannot find a Riga page.
    // Every Riga client and a few Oslo ones came from the web (source has no index): WEB_IN_WINDOW
    // of them among the first ORDERED_WINDOW names, one just past it.
    const fromWeb = (i: number) => (i < ORDERED_WINDOW && i % Math.floor(ORDERED_WINDOW / WEB_IN_WINDOW) === 0) || i === ORDERED_WINDOW + 500;
    for (let i = 0; i < OSLO; i++) add(`Alpha ${String(i).padStart(5, '0')}`, 'Oslo', i % 3 === 0 ? manager.id : 1, fromWeb(i) ? 'web' : null);
    for (let i = 0; i < RIGA; i++) add(`Zeta ${String(i).padStart(5, '0')}`, 'Riga', 1, 'web');
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

  it('reads the page with the plain query when the ordered window holds only part of it', async () => {
    // More than COUNT_LIMIT clients came from the web, but only WEB_IN_WINDOW of the
    // first ORDERED_WINDOW names did: the window cannot fill a page of 50 (SQLite).
    const body = await t.admin.expect(200, 'GET', '/clients?source=web&sort=name&limit=50');
    const step = Math.floor(ORDERED_WINDOW / WEB_IN_WINDOW);
    const expected = [
      ...Array.from({ length: WEB_IN_WINDOW }, (_x, i) => `Alpha ${String(i * step).padStart(5, '0')}`),
      `Alpha ${String(ORDERED_WINDOW + 500).padStart(5, '0')}`,
      ...Array.from({ length: 50 - WEB_IN_WINDOW - 1 }, (_x, i) => `Zeta ${String(i).padStart(5, '0')}`),
    ];
    assert.deepEqual(body.items.map((c: { name: string }) => c.name), expected);
    assert.deepEqual([body.total, body.totalExact], [COUNT_LIMIT, false]);
    const next = await t.admin.expect(200, 'GET', '/clients?source=web&sort=name&limit=50&offset=50');
    assert.deepEqual(next.items.map((c: { name: string }) => c.name), Array.from({ length: 50 }, (_x, i) => `Zeta ${String(i + 29).padStart(5, '0')}`));
  });

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
