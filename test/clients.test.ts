import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

forEachDatabase('Clients', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind);
  });
  after(async () => t?.close());

  it('creates a legal-entity client with phones, e-mails and tags, and reads it back', async () => {
    const created = await t.admin.expect(201, 'POST', '/clients', {
      kind: 'legal', name: 'Acme Trading', legalName: 'Acme Trading Ltd', taxId: '7707 083893', city: 'Riga',
      phones: [{ type: 'work', number: '+371 (67) 123-456' }], emails: [{ address: 'Office@Acme.example' }], tags: ['VIP', 'wholesale'],
    });
    assert.equal(created.name, 'Acme Trading');
    assert.equal(created.taxId, '7707083893');
    assert.equal(created.version, 1);
    assert.deepEqual(created.emails, [{ type: 'work', address: 'Office@Acme.example' }]);
    assert.deepEqual(created.tags, ['VIP', 'wholesale']);
    assert.equal(created.managerName, 'Administrator');
    const read = await t.admin.expect(200, 'GET', `/clients/${created.id}`);
    assert.deepEqual(read.phones, created.phones);
    assert.deepEqual(read.contacts, []);
    assert.deepEqual(read.balance, []);
  });

  it('names an individual from their name parts', async () => {
    const created = await t.admin.expect(201, 'POST', '/clients', { kind: 'individual', firstName: 'Anna', lastName: 'Berzina' });
    assert.equal(created.name, 'Anna Berzina');
    const updated = await t.admin.expect(200, 'PATCH', `/clients/${created.id}`, { version: created.version, lastName: 'Kalnina' });
    assert.equal(updated.name, 'Anna Kalnina');
  });

  it('refuses a stale version with 409 and the current record', async () => {
    const c = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Stale Ltd' });
    await t.admin.expect(200, 'PATCH', `/clients/${c.id}`, { version: 1, city: 'Tallinn' });
    const reply = await t.admin.patch(`/clients/${c.id}`, { version: 1, city: 'Vilnius' });
    assert.equal(reply.status, 409);
    assert.equal(reply.body.error.code, 'version_conflict');
    assert.equal(reply.body.error.current.city, 'Tallinn');
    assert.equal(reply.body.error.current.version, 2);
  });

  it('keeps an audit log with old and new values', async () => {
    const c = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Audit Co', city: 'Oslo' });
    await t.admin.expect(200, 'PATCH', `/clients/${c.id}`, { version: 1, city: 'Bergen' });
    const log = await t.admin.expect(200, 'GET', `/clients/${c.id}/audit`);
    assert.equal(log.items[0].action, 'update');
    assert.deepEqual(log.items[0].changes.city, { old: 'Oslo', new: 'Bergen' });
    assert.equal(log.items[1].action, 'create');
  });

  it('filters, sorts and finds clients', async () => {
    const list = await t.admin.expect(200, 'GET', '/clients?city=Riga&sort=-name');
    assert.equal(list.total, 1);
    assert.equal(list.items[0].name, 'Acme Trading');
    const found = await t.admin.expect(200, 'GET', '/search?q=acme');
    assert.ok(found.items.some((i: { title: string }) => i.title === 'Acme Trading'));
    const byPhone = await t.admin.expect(200, 'GET', '/search?q=' + encodeURIComponent('67123456'));
    assert.ok(byPhone.items.some((i: { title: string }) => i.title === 'Acme Trading'), JSON.stringify(byPhone));
  });

  it('shows likely duplicates across managers', async () => {
    const dup = await t.admin.expect(200, 'POST', '/clients/duplicates', { name: 'ACME TRADING LLC', emails: ['office@acme.example'] });
    assert.equal(dup.items[0].name, 'Acme Trading');
    assert.deepEqual(dup.items[0].reasons.map((r: { code: string }) => r.code).sort(), ['email', 'same_name']);
  });
});
