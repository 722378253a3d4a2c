import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

forEachDatabase('Contacts of a deleted client', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind);
  });
  after(async () => t?.close());

  const putPhoto = async (contactId: number) => {
    const res = await fetch(`${t.url}/api/v1/contacts/${contactId}/photo`, {
      method: 'PUT', headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'image/png' }, body: PNG,
    });
    assert.equal(res.status, 200, await res.text());
  };

  it('removes the contacts\' photos, channels and search entries with the client', async () => {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Gone Soon Ltd' });
    const contact = await t.admin.expect(201, 'POST', '/contacts', { clientId: client.id, firstName: 'Ilse', lastName: 'Photogenic', phones: [{ number: '+371 2000 0001' }] });
    await putPhoto(contact.id);
    const db = t.server.ctx.db;
    assert.equal((await db('files').where({ owner_entity: 'contact', owner_id: contact.id })).length, 1);

    await t.admin.expect(204, 'DELETE', `/clients/${client.id}`);
    await t.admin.expect(404, 'GET', `/contacts/${contact.id}`);
    assert.deepEqual(await db('files').where({ owner_entity: 'contact', owner_id: contact.id }), []);
    assert.deepEqual(await db('channels').where({ owner_entity: 'contact', owner_id: contact.id }), []);
    assert.equal((await t.admin.expect(200, 'GET', '/search?q=Photogenic')).items.length, 0);
  });

  it('removes a contact\'s photo with the contact', async () => {
    const contact = await t.admin.expect(201, 'POST', '/contacts', { firstName: 'Solo', lastName: 'Contact' });
    await putPhoto(contact.id);
    await t.admin.expect(204, 'DELETE', `/contacts/${contact.id}`);
    assert.deepEqual(await t.server.ctx.db('files').where({ owner_entity: 'contact', owner_id: contact.id }), []);
  });
});
