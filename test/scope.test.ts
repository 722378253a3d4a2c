import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

/**
 * Rights and scope: a manager with scope "own" works with their own clients
 * only, but the duplicate check still tells them a client exists.
 */
forEachDatabase('Rights and scope', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let viewer: Api & { id: number };
  let accountant: Api & { id: number };
  let annasClient: any;
  let annasInvoice: any;

  before(async () => {
    t = await startTestServer(kind);
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'EUR' });
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    accountant = await t.user('alex', 'accountant');
    annasClient = await anna.expect(201, 'POST', '/clients', {
      kind: 'legal', name: 'Globex Corporation', taxId: '5001234567', emails: [{ address: 'info@globex.example' }], phones: [{ number: '+1 555 010 9999' }],
    });
    await anna.expect(201, 'POST', '/contacts', { clientId: annasClient.id, firstName: 'Hank', lastName: 'Scorpio' });
    const draft = await anna.expect(201, 'POST', '/invoices', { clientId: annasClient.id, lines: [{ description: 'Doomsday device', quantity: '1', price: '1000' }] });
    annasInvoice = await anna.expect(200, 'POST', `/invoices/${draft.id}/issue`, { version: draft.version });
    await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech' });
  });
  after(async () => t?.close());

  it('shows a manager only their own clients, contacts and invoices', async () => {
    assert.deepEqual((await boris.expect(200, 'GET', '/clients')).items.map((c: any) => c.name), ['Initech']);
    assert.equal((await boris.expect(200, 'GET', '/contacts')).total, 0);
    assert.equal((await boris.expect(200, 'GET', '/invoices')).total, 0);
    assert.equal((await anna.expect(200, 'GET', '/contacts')).total, 1);
  });

  it('answers 404 when a manager opens, changes or deletes another manager\'s client', async () => {
    for (const [method, path, body] of [
      ['GET', `/clients/${annasClient.id}`, undefined],
      ['GET', `/clients/${annasClient.id}/audit`, undefined],
      ['GET', `/clients/${annasClient.id}/balance`, undefined],
      ['PATCH', `/clients/${annasClient.id}`, { version: 1, name: 'Mine now' }],
      ['DELETE', `/clients/${annasClient.id}`, undefined],
      ['GET', `/invoices/${annasInvoice.id}`, undefined],
    ] as const) {
      const reply = await boris.request(method, path, body);
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.equal(reply.body.error.code, 'not_found');
    }
    assert.equal((await anna.get(`/clients/${annasClient.id}`)).body.name, 'Globex Corporation');
  });

  it('does not let a manager find another manager\'s records in quick search', async () => {
    for (const q of ['globex', '5001234567', 'info@globex.example', '555 010 9999', 'scorpio', annasInvoice.number]) {
      assert.equal((await boris.expect(200, 'GET', `/search?q=${encodeURIComponent(q)}`)).items.length, 0, q);
      assert.ok((await anna.expect(200, 'GET', `/search?q=${encodeURIComponent(q)}`)).items.length > 0, q);
    }
    assert.equal((await boris.expect(200, 'GET', '/clients?q=globex')).total, 0);
  });

  it('still warns a manager that the client exists, with only its name and manager', async () => {
    const dup = await boris.expect(200, 'POST', '/clients/duplicates', { name: 'Globex Corp.', taxId: '5001234567' });
    const hit = dup.items.find((i: any) => i.entity === 'client');
    assert.deepEqual(hit, {
      entity: 'client', name: 'Globex Corporation', managerId: anna.id, managerName: 'Anna',
      reasons: [{ code: 'tax_id', value: '5001234567' }, { code: 'same_name', value: 'globex' }], score: 100, accessible: false,
    });
    const own = await anna.expect(200, 'POST', '/clients/duplicates', { emails: ['INFO@globex.example'] });
    assert.equal(own.items[0].id, annasClient.id);
    assert.equal(own.items[0].accessible, true);
  });

  it('does not let a manager give a client to someone else or create one for them', async () => {
    const r = await boris.post('/clients', { kind: 'legal', name: 'For Anna', managerId: anna.id });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden');
    const c = await t.admin.expect(200, 'GET', `/clients?name=Initech`);
    const contact = await boris.expect(201, 'POST', '/contacts', { clientId: c.items[0].id, firstName: 'Bill', lastName: 'Lumbergh' });
    assert.equal(contact.managerId, boris.id);
    const moved = await t.admin.expect(200, 'PATCH', `/clients/${c.items[0].id}`, { version: c.items[0].version, managerId: anna.id });
    assert.equal(moved.managerName, 'Anna');
    assert.equal((await boris.expect(200, 'GET', '/clients')).total, 0);
    assert.equal((await anna.expect(200, 'GET', '/search?q=initech')).items.length, 1);
    // The client's contact moves with it to the new manager's scope.
    assert.equal((await boris.expect(200, 'GET', '/contacts')).total, 0);
    assert.equal((await boris.get(`/contacts/${contact.id}`)).status, 404);
    assert.equal((await boris.expect(200, 'GET', '/search?q=lumbergh')).items.length, 0);
    assert.equal((await anna.expect(200, 'GET', `/contacts/${contact.id}`)).managerId, anna.id);
    assert.deepEqual((await anna.expect(200, 'GET', '/search?q=lumbergh')).items.map((i: any) => [i.entity, i.id]), [['contact', contact.id]]);
  });

  it('lets a viewer read everything and change nothing', async () => {
    assert.equal((await viewer.expect(200, 'GET', '/clients')).total, 2);
    for (const [method, path, body] of [
      ['POST', '/clients', { kind: 'legal', name: 'Nope' }],
      ['PATCH', `/clients/${annasClient.id}`, { version: annasClient.version, city: 'Nowhere' }],
      ['DELETE', `/clients/${annasClient.id}`, undefined],
      ['POST', '/payments', { clientId: annasClient.id, amount: '1.00' }],
      ['POST', '/users', { login: 'x', name: 'X', role: 'admin', scope: 'all', password: 'long-enough-123' }],
    ] as const) {
      const reply = await viewer.request(method, path, body);
      assert.equal(reply.status, 403, `${method} ${path}`);
      assert.equal(reply.body.error.code, 'forbidden');
    }
  });

  it('lets an accountant record payments but not delete clients or manage users', async () => {
    const p = await accountant.expect(201, 'POST', '/payments', { clientId: annasClient.id, amount: '100.00', autoAllocate: true });
    assert.equal(p.allocated, '100.00');
    assert.equal((await accountant.delete(`/clients/${annasClient.id}`)).status, 403);
    assert.equal((await anna.post('/users', { login: 'y', name: 'Y', role: 'admin', scope: 'all', password: 'long-enough-123' })).status, 403);
  });
});
