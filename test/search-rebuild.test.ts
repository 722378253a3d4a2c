import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { whereMatches } from '../server/search/query.js';
import { rebuildSearchIndex } from '../server/search/rebuild.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

const QUERIES = ['quokka', 'wombat', 'numbat', 'acme', 'north trad', 'иванов', 'петр иван', 'riga', 'москва', '+7 (495) 123-45-67', '4951234567', '7707083893', 'office@acme.example', 'vip', 'smith'];

/**
 * What search finds, as comparable text: entity:id per query, sorted (equal
 * scores are ordered by entry id, which a rebuilt entry does not keep).
 */
async function answers(api: TestServer['admin']): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const q of QUERIES) {
    const body = await api.expect(200, 'GET', `/search?q=${encodeURIComponent(q)}&limit=50`);
    out[q] = (body.items as { entity: string; id: number }[]).map((i) => `${i.entity}:${i.id}`).sort();
  }
  return out;
}

async function entries(t: TestServer): Promise<Record<string, unknown>[]> {
  const rows = (await t.server.ctx.db('search_entries')
    .orderBy(['entity', 'record_id'])
    .select('entity', 'record_id', 'owner_id', 'owner_key', 'title', 'subtitle', 'name_terms', 'terms')) as Record<string, unknown>[];
  return rows.map((r) => ({ ...r, record_id: Number(r.record_id), owner_id: Number(r.owner_id) }));
}

forEachDatabase('Search index rebuild', (kind) => {
  let t: TestServer;
  let managerId: number;
  let manager: TestServer['admin'];
  let changedId: number;
  const documents = { contract: 0, draft: 0, issued: 0 };

  before(async () => {
    t = await startTestServer(kind);
    const m = await t.user('olga', 'manager', 'own');
    manager = m;
    managerId = m.id;
    const acme = await t.admin.expect(201, 'POST', '/clients', {
      kind: 'legal', name: 'Acme Trading', legalName: 'Acme Trading Ltd', taxId: '7707083893', city: 'Riga',
      phones: [{ type: 'work', number: '+7 (495) 123-45-67' }], emails: [{ address: 'office@acme.example' }], tags: ['VIP'],
    });
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Northwind Traders', city: 'London', managerId });
    const ivanov = await t.admin.expect(201, 'POST', '/clients', {
      kind: 'individual', firstName: 'Пётр', lastName: 'Иванов', city: 'Москва', managerId,
      emails: [{ address: 'p.ivanov@mail.example' }], phones: [{ type: 'mobile', number: '8 916 555 01 02' }],
    });
    for (let i = 0; i < 7; i++) {
      await t.admin.expect(201, 'POST', '/clients', { kind: 'individual', firstName: 'John', lastName: `Smith ${i}`, city: i % 2 ? 'Riga' : 'Москва', managerId: i % 2 ? managerId : 1 });
    }
    await t.admin.expect(201, 'POST', '/contacts', { clientId: acme.id, firstName: 'Иван', lastName: 'Петров', jobTitle: 'Director', emails: [{ address: 'ivan@acme.example' }] });
    await t.admin.expect(201, 'POST', '/contacts', { clientId: ivanov.id, firstName: 'Anna', lastName: 'Smith' });
    changedId = ivanov.id;
    // A custom text field is part of the entry too (after the built-in texts).
    const field = await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Region code', type: 'text' });
    await t.admin.expect(200, 'PATCH', `/clients/${acme.id}`, { version: acme.version, [field.key]: 'Quokka-42' });
    // A contract, a draft invoice (which has no entry) and an issued one, with custom texts of their own.
    await t.admin.expect(201, 'POST', '/companies', { name: 'Index Ltd', defaultCurrency: 'EUR', invoiceNumberFormat: 'INV-{YYYY}-{N:4}' });
    const project = await t.admin.expect(201, 'POST', '/fields', { entity: 'contract', label: 'Project code', type: 'text' });
    const order = await t.admin.expect(201, 'POST', '/fields', { entity: 'invoice', label: 'Order reference', type: 'text' });
    const lines = [{ description: 'Lease', quantity: '1', price: '100.00' }];
    documents.contract = (await t.admin.expect(201, 'POST', '/contracts', { clientId: acme.id, subject: 'Warehouse lease', [project.key]: 'Wombat-7', lines })).id;
    documents.draft = (await t.admin.expect(201, 'POST', '/invoices', { clientId: acme.id, [order.key]: 'Numbat-8', lines })).id;
    const toIssue = await t.admin.expect(201, 'POST', '/invoices', { clientId: acme.id, [order.key]: 'Numbat-9', lines });
    documents.issued = (await t.admin.expect(200, 'POST', `/invoices/${toIssue.id}/issue`, { version: toIssue.version })).id;
  });
  after(async () => t?.close());

  it('rebuilds exactly the entries the live write path keeps, and nothing stale', async () => {
    const db = t.server.ctx.db;
    const expected = await entries(t);
    const asAdmin = await answers(t.admin);
    const asManager = await answers(manager);
    assert.deepEqual(asAdmin.quokka, asAdmin.vip, 'the custom field value finds its client');
    assert.ok(asAdmin.acme!.length >= 2 && asAdmin['4951234567']!.length === 1 && asAdmin['петр иван']!.length === 2, JSON.stringify(asAdmin));
    assert.ok(asManager.smith!.length > 0 && asManager.smith!.length < asAdmin.smith!.length, 'the manager sees only their clients');
    assert.deepEqual(asAdmin.wombat, [`contract:${documents.contract}`]);
    assert.deepEqual(asAdmin.numbat, [`invoice:${documents.issued}`], 'a draft invoice has no entry');
    const documentEntries = expected.filter((e) => e.entity === 'contract' || e.entity === 'invoice').map((e) => `${e.entity}:${e.record_id}`);
    assert.deepEqual(documentEntries, [`contract:${documents.contract}`, `invoice:${documents.issued}`]);

    // Damage the index every way it can go wrong: missing, changed, orphaned.
    await db('search_entries').where({ entity: 'client' }).whereIn('record_id', db('clients').select('id').where('city', 'Riga')).delete();
    await db('search_entries').where({ entity: 'contact' }).update({ title: 'Wrong', name_terms: 'wrong', terms: 'wrong' });
    await db('search_entries').insert({ entity: 'client', record_id: 999_999, owner_id: 1, owner_key: 'u1', title: 'Ghost', subtitle: '', name_terms: 'ghost', terms: '' });
    await db('search_entries').insert({ entity: 'contract', record_id: 999_998, owner_id: 1, owner_key: 'u1', title: 'Contract X', subtitle: '', name_terms: 'x', terms: '' });
    await db('search_entries').where({ entity: 'contract', record_id: documents.contract }).delete();
    await db('search_entries').where({ entity: 'invoice', record_id: documents.issued }).update({ terms: 'wrong' });
    await db('search_entries').insert({ entity: 'invoice', record_id: documents.draft, owner_id: 1, owner_key: 'u1', title: 'Draft', subtitle: '', name_terms: 'draft', terms: '' });
    assert.equal((await t.admin.expect(200, 'GET', '/search?q=ghost')).items.length, 1);

    // Batches of 3 cross several batch boundaries on ten clients.
    const result = await rebuildSearchIndex(t.server.ctx.db, { batchSize: 3 });
    assert.equal(result.client?.records, 10);
    assert.equal(result.contact?.records, 2);
    assert.equal(result.client?.removed, 1);
    assert.equal(result.contract?.removed, 1);
    assert.equal(result.client?.written, 4);
    assert.equal(result.contact?.written, 2);
    // The contract's entry written again, the orphan removed; the issued invoice's entry
    // repaired, the draft's removed.
    assert.deepEqual(result.contract, { records: 1, written: 1, removed: 1 });
    assert.deepEqual(result.invoice, { records: 1, written: 1, removed: 1 });

    assert.deepEqual(await entries(t), expected);
    assert.deepEqual(await answers(t.admin), asAdmin);
    assert.deepEqual(await answers(manager), asManager);
    assert.deepEqual((await t.admin.expect(200, 'GET', '/search?q=ghost')).items, []);
    if (kind === 'sqlite') {
      // The FTS5 table matches its content table after the rebuild.
      await db.raw(`INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)`);
    }

    // A correct index is left as it is.
    const again = await rebuildSearchIndex(t.server.ctx.db, { batchSize: 4 });
    assert.deepEqual(again.client, { records: 10, written: 0, removed: 0 });
    assert.deepEqual(again.contact, { records: 2, written: 0, removed: 0 });
    assert.deepEqual(again.contract, { records: 1, written: 0, removed: 0 });
    assert.deepEqual(again.invoice, { records: 1, written: 0, removed: 0 });
  });

  it('picks up changes made behind the index and records deleted behind it', async () => {
    const db = t.server.ctx.db;
    // A bulk edit in SQL (as an import or a restore might leave it).
    await db('clients').where({ id: changedId }).update({ name: 'Сидоров Пётр', last_name: 'Сидоров' });
    await db('channels').where({ owner_entity: 'client', owner_id: changedId, kind: 'phone' }).update({ value: '+44 20 7946 0018', normalized: '2079460018' });
    const smith = (await db('clients').where('last_name', 'Smith 6').first('id')) as { id: number };
    await db('clients').where({ id: smith.id }).delete();
    await db('clients').where('last_name', 'Smith 5').update({ manager_id: 1 });

    await rebuildSearchIndex(t.server.ctx.db, {});
    const hits = async (q: string, api = t.admin) => ((await api.expect(200, 'GET', `/search?q=${encodeURIComponent(q)}`)).items as { id: number; entity: string; title: string }[]);
    assert.deepEqual((await hits('сидоров')).map((h) => h.id), [changedId]);
    assert.deepEqual((await hits('иванов')).filter((h) => h.entity === 'client'), []);
    assert.deepEqual((await hits('020 7946 0018')).map((h) => h.id), [changedId]);
    assert.deepEqual(await hits('916 555 01 02'), []);
    assert.ok(!(await hits('smith')).some((h) => h.id === smith.id));
    // Anna Smith's entry shows her client's new name.
    assert.ok((await hits('anna')).some((h) => h.entity === 'contact' && h.title === 'Anna Smith'));
    const anna = (await db('search_entries').where({ entity: 'contact', title: 'Anna Smith' }).first('subtitle')) as { subtitle: string };
    assert.match(anna.subtitle, /^Сидоров Пётр/);
    // A client moved to another manager leaves the old manager's scope.
    assert.ok(!(await hits('smith 5', manager)).length);
    assert.equal((await hits('smith 5')).length, 1);
    const orphans = await db('search_entries').where({ entity: 'client' }).whereNotIn('record_id', db('clients').select('id'));
    assert.deepEqual(orphans, []);
  });

  it('finds words by their characters, astral ones included, and searches an own-scope list in the user\'s entries', async () => {
    // "𠀀" is one character (two UTF-16 units); "abcde𠀀𠀁" has seven.
    const astral = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Astral 𠀀 abcde𠀀𠀁', managerId });
    const other = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Other 𠀀 abcde𠀀𠀁' });
    for (const q of ['𠀀', 'abcde𠀀𠀁', 'abcde𠀀', 'astral 𠀀']) {
      const found = (await t.admin.expect(200, 'GET', `/search?q=${encodeURIComponent(q)}`)).items.map((i: { id: number }) => i.id).sort();
      assert.deepEqual(found, q.startsWith('astral') ? [astral.id] : [astral.id, other.id].sort(), q);
      const listed = await t.admin.expect(200, 'GET', `/clients?q=${encodeURIComponent(q)}&sort=id`);
      assert.deepEqual(listed.items.map((c: { id: number }) => c.id), q.startsWith('astral') ? [astral.id] : [astral.id, other.id].sort(), q);
      const own = await manager.expect(200, 'GET', `/clients?q=${encodeURIComponent(q)}`);
      assert.deepEqual(own.items.map((c: { id: number }) => c.id), [astral.id], q);
    }
    // The list's index lookup itself is limited to the user's entries.
    const qb = t.server.ctx.db('clients').select('clients.id');
    whereMatches(qb, t.server.ctx.db, 'clients', 'client', 'astral', { id: managerId, login: 'olga', name: 'Olga', role: 'manager', scope: 'own' });
    const sql = qb.toSQL();
    if (kind === 'postgres') assert.ok(/"owner_id" = \?/.test(sql.sql) && sql.bindings.includes(managerId), sql.sql);
    else assert.ok(sql.bindings.some((b) => String(b).includes(`owner_key : "u${managerId}"`)), sql.sql);
    for (const c of [astral, other]) await t.admin.expect(204, 'DELETE', `/clients/${c.id}`);
  });

  if (kind === 'sqlite') {
    it('runs as `kontora reindex` in another process while the server writes', async function () {
      this.timeout(60_000);
      const db = t.server.ctx.db;
      await db('search_entries').where({ entity: 'client' }).delete();
      const root = path.resolve(import.meta.dirname, '..');
      let running = true;
      const cli = promisify(execFile)(process.execPath, [path.join(root, 'bin/kontora.js'), 'reindex', '--batch', '1'], {
        cwd: root,
        env: { ...process.env, KONTORA_DATA_DIR: t.server.ctx.config.dataDir, DATABASE_URL: `sqlite:${t.server.ctx.config.sqliteFile}`, KONTORA_LOG_LEVEL: 'warn' },
      }).finally(() => {
        running = false;
      });
      // The server keeps writing (each write indexes itself) while the other process rebuilds.
      const statuses: number[] = [];
      for (let i = 0; running; i++) statuses.push((await t.admin.post('/clients', { kind: 'legal', name: `Beside Reindex ${i}` })).status);
      const { stdout } = await cli;
      assert.match(stdout, /client: \d+ records, \d+ entries written, 0 stale entries removed/);
      assert.ok(statuses.length > 0 && statuses.every((s) => s === 201), JSON.stringify(statuses) + t.logs.filter((l) => /error/.test(l)).slice(0, 3).join('\n'));
      assert.deepEqual(t.logs.filter((l) => /database is locked|SQLITE_BUSY/.test(l)), []);
      // Every client has its entry, whether the rebuild or its own write made it.
      const missing = await db('clients').whereNotIn('id', db('search_entries').where({ entity: 'client' }).select('record_id')).pluck('id');
      assert.deepEqual(missing, []);
      assert.equal((await t.admin.expect(200, 'GET', '/search?q=smith')).items.filter((i: { entity: string }) => i.entity === 'client').length, 6);
    });
  }
});
