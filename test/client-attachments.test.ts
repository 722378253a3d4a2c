import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

forEachDatabase('Files kept with a client', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let viewer: Api & { id: number };
  let client: number;

  const upload = (api: Api, clientId: number, content: Uint8Array | string, query = '?name=price-list.pdf&type=application/pdf', type = 'application/octet-stream') =>
    api.request('POST', `/clients/${clientId}/attachments${query}`, typeof content === 'string' ? content : content, { 'content-type': type });

  before(async () => {
    t = await startTestServer(kind);
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    client = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex' })).id;
  });
  after(async () => t?.close());

  it('keeps several files with a client, lists them newest first and gives each back byte for byte', async () => {
    const pdf = Buffer.from('%PDF-1.4\n' + 'x'.repeat(5000));
    const first = await upload(anna, client, pdf);
    assert.equal(first.status, 201);
    assert.equal(first.body.name, 'price-list.pdf');
    assert.equal(first.body.size, pdf.length);
    const second = await upload(anna, client, Buffer.from([0, 1, 2, 255]), '?name=' + encodeURIComponent('C:\\mail\\Счёт №5.bin'));
    assert.equal(second.status, 201);
    assert.equal(second.body.name, 'Счёт №5.bin', 'no path, the name as written');
    assert.equal(second.body.mime, 'application/octet-stream');

    const list = await anna.expect(200, 'GET', `/clients/${client}/attachments`);
    assert.deepEqual(list.items.map((f: any) => f.name), ['Счёт №5.bin', 'price-list.pdf']);
    const res = await fetch(`${t.url}/api/v1/clients/${client}/attachments/${first.body.id}`, { headers: { authorization: `Bearer ${viewer.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="price-list.pdf"/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
    const history = await anna.expect(200, 'GET', `/clients/${client}/audit`);
    assert.ok(history.items.some((e: any) => e.changes?.attachment?.new?.name === 'price-list.pdf'), 'adding a file is in the client\'s history');
  });

  it('removes a file, and answers 404 for it afterwards', async () => {
    const file = (await upload(anna, client, 'note')).body;
    assert.equal((await anna.delete(`/clients/${client}/attachments/${file.id}`)).status, 204);
    assert.equal((await anna.get(`/clients/${client}/attachments/${file.id}`)).status, 404);
    assert.equal((await anna.delete(`/clients/${client}/attachments/${file.id}`)).status, 404);
  });

  it('hides another manager\'s client files and lets only those who may edit the client change them', async () => {
    const file = (await upload(anna, client, 'secret')).body;
    assert.equal((await boris.get(`/clients/${client}/attachments`)).status, 404);
    assert.equal((await boris.get(`/clients/${client}/attachments/${file.id}`)).status, 404);
    assert.equal((await upload(boris, client, 'x')).status, 404);
    assert.equal((await boris.delete(`/clients/${client}/attachments/${file.id}`)).status, 404);
    assert.equal((await viewer.get(`/clients/${client}/attachments`)).status, 200, 'a viewer reads');
    const refused = await upload(viewer, client, 'x');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.equal((await viewer.delete(`/clients/${client}/attachments/${file.id}`)).status, 403);
    // A file id of another client is not reachable through this client.
    const other = (await boris.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Initech' })).id;
    const borisFile = (await upload(boris, other, 'his')).body;
    assert.equal((await anna.get(`/clients/${client}/attachments/${borisFile.id}`)).status, 404);
  });

  it('refuses a file over 10 MB, an empty one, a missing name, a bad type and a JSON body, with stable codes', async () => {
    const big = await upload(anna, client, Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'payload_too_large');
    const empty = await upload(anna, client, Buffer.alloc(0));
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.code, 'validation_failed');
    const noName = await upload(anna, client, 'x', '');
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.details[0].field, 'name');
    const badType = await upload(anna, client, 'x', '?name=a.txt&type=not%20a%20type');
    assert.equal(badType.status, 400);
    assert.equal(badType.body.error.details[0].field, 'type');
    const json = await upload(anna, client, JSON.stringify({ content: 'aGVsbG8=' }), '?name=a.txt', 'application/json');
    assert.equal(json.status, 415);
    assert.equal(json.body.error.code, 'unsupported_media_type');
    assert.equal((await anna.get(`/clients/${client}/attachments/abc`)).body.error.code, 'invalid_id');
    assert.equal((await anna.get(`/clients/999999/attachments`)).status, 404);
    const list = await anna.expect(200, 'GET', `/clients/${client}/attachments`);
    assert.ok(list.items.every((f: any) => f.size > 0 && f.size <= 10 * 1024 * 1024), 'nothing refused was kept');
  });
});
