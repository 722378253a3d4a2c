import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

// A real 1×1 PNG and the start of a real JPEG (JFIF) file.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), crypto.randomBytes(64), Buffer.from([0xff, 0xd9])]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), crypto.randomBytes(32)]);

interface RawReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: any;
}

/** Binary requests: the shared Api helper reads answers as text. */
async function raw(api: Api, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<RawReply> {
  const res = await fetch(api.base + '/api/v1' + path, {
    method,
    headers: { ...(api.token ? { authorization: `Bearer ${api.token}` } : {}), ...headers },
    ...(body ? { body } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') && bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

forEachDatabase('Images: client photos and company logos, stamps and signatures', (kind) => {
  let t: TestServer;
  let mara: Api & { id: number };
  let oskars: Api & { id: number };
  let viewer: Api & { id: number };
  let clientId: number;
  let companyId: number;
  before(async () => {
    t = await startTestServer(kind);
    mara = await t.user('mara', 'manager', 'own');
    oskars = await t.user('oskars', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    clientId = (await mara.expect(201, 'POST', '/clients', { kind: 'individual', firstName: 'Anna', lastName: 'Ozola' })).id;
    companyId = (await t.admin.expect(201, 'POST', '/companies', { name: 'Kontora SIA', defaultCurrency: 'EUR' })).id;
  });
  after(async () => t?.close());

  const fileCount = async (entity: string, id: number) =>
    Number(Object.values((await t.server.ctx.db('files').where({ owner_entity: entity, owner_id: id }).count({ n: '*' }).first()) ?? { n: 0 })[0]);

  it('uploads a client photo and serves it back byte for byte', async () => {
    const put = await raw(mara, 'PUT', `/clients/${clientId}/photo?name=anna.png`, PNG, { 'content-type': 'image/png' });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    assert.deepEqual(Object.keys(put.json).sort(), ['createdAt', 'mime', 'name', 'purpose', 'sha256', 'size']);
    assert.equal(put.json.purpose, 'photo');
    assert.equal(put.json.name, 'anna.png');
    assert.equal(put.json.mime, 'image/png');
    assert.equal(put.json.size, PNG.length);
    assert.equal(put.json.sha256, sha(PNG));

    const get = await raw(mara, 'GET', `/clients/${clientId}/photo`);
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('content-type'), 'image/png');
    assert.ok(get.bytes.equals(PNG));
    assert.equal(get.headers.get('etag'), `"${sha(PNG)}"`);
    assert.match(get.headers.get('cache-control') ?? '', /\bprivate\b/);
  });

  it('answers 304 when the browser already has the same image', async () => {
    const again = await raw(mara, 'GET', `/clients/${clientId}/photo`, undefined, { 'if-none-match': `"${sha(PNG)}"` });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
    assert.equal(again.headers.get('etag'), `"${sha(PNG)}"`);
    assert.match(again.headers.get('cache-control') ?? '', /\bprivate\b/);
    const stale = await raw(mara, 'GET', `/clients/${clientId}/photo`, undefined, { 'if-none-match': '"0000"' });
    assert.equal(stale.status, 200);
  });

  it('replaces the photo rather than piling up files, and records the change', async () => {
    const put = await raw(mara, 'PUT', `/clients/${clientId}/photo`, JPEG, { 'content-type': 'image/jpeg' });
    assert.equal(put.status, 200);
    assert.equal(put.json.name, 'photo.jpg');
    const get = await raw(mara, 'GET', `/clients/${clientId}/photo`, undefined, { 'if-none-match': `"${sha(PNG)}"` });
    assert.equal(get.status, 200, 'the old ETag no longer matches');
    assert.equal(get.headers.get('content-type'), 'image/jpeg');
    assert.ok(get.bytes.equals(JPEG));
    assert.equal(await fileCount('client', clientId), 1);
    const log = await mara.expect(200, 'GET', `/clients/${clientId}/audit`);
    assert.equal(log.items[0].changes.photo.old.sha256, sha(PNG));
    assert.equal(log.items[0].changes.photo.new.sha256, sha(JPEG));
  });

  it('refuses a file whose content is not the image type it claims, or no image at all', async () => {
    const mismatch = await raw(mara, 'PUT', `/clients/${clientId}/photo`, JPEG, { 'content-type': 'image/png' });
    assert.equal(mismatch.status, 415);
    assert.equal(mismatch.json.error.code, 'unsupported_media_type');
    assert.match(mismatch.json.error.message, /JPEG/);
    const text = await raw(mara, 'PUT', `/clients/${clientId}/photo`, Buffer.from('<html>not an image</html>'), { 'content-type': 'image/png' });
    assert.equal(text.status, 415);
    const svg = await raw(mara, 'PUT', `/clients/${clientId}/photo`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { 'content-type': 'image/svg+xml' });
    assert.equal(svg.status, 415);
    const json = await raw(mara, 'PUT', `/clients/${clientId}/photo`, Buffer.from('{"a":1}'), { 'content-type': 'application/json' });
    assert.equal(json.status, 415);
    const empty = await raw(mara, 'PUT', `/clients/${clientId}/photo`, Buffer.alloc(0), { 'content-type': 'image/png' });
    assert.equal(empty.status, 400);
    // An untyped upload is taken for what its content is.
    const untyped = await raw(mara, 'PUT', `/clients/${clientId}/photo`, GIF, { 'content-type': 'application/octet-stream' });
    assert.equal(untyped.status, 200);
    assert.equal(untyped.json.mime, 'image/gif');
    const get = await raw(mara, 'GET', `/clients/${clientId}/photo`);
    assert.ok(get.bytes.equals(GIF), 'refused uploads left the stored photo alone');
  });

  it('refuses an image larger than 5 MB and keeps answering', async () => {
    const big = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(5 * 1024 * 1024 + 1 - 8)]);
    const reply = await raw(mara, 'PUT', `/clients/${clientId}/photo`, big, { 'content-type': 'image/png' });
    assert.equal(reply.status, 413);
    assert.equal(reply.json.error.code, 'payload_too_large');
    const get = await raw(mara, 'GET', `/clients/${clientId}/photo`);
    assert.equal(get.status, 200);
    assert.ok(get.bytes.equals(GIF));
  });

  it('does not show or change another manager\'s client photo', async () => {
    const get = await raw(oskars, 'GET', `/clients/${clientId}/photo`);
    assert.equal(get.status, 404);
    assert.equal(get.json.error.code, 'not_found');
    const put = await raw(oskars, 'PUT', `/clients/${clientId}/photo`, PNG, { 'content-type': 'image/png' });
    assert.equal(put.status, 404);
    const del = await raw(oskars, 'DELETE', `/clients/${clientId}/photo`);
    assert.equal(del.status, 404);
    // A viewer sees every client but may not change the photo.
    assert.equal((await raw(viewer, 'GET', `/clients/${clientId}/photo`)).status, 200);
    const byViewer = await raw(viewer, 'PUT', `/clients/${clientId}/photo`, PNG, { 'content-type': 'image/png' });
    assert.equal(byViewer.status, 403);
    assert.equal((await raw(t.anonymous, 'GET', `/clients/${clientId}/photo`)).status, 401);
  });

  it('removes a photo, and a client\'s files go with the client', async () => {
    const del = await raw(mara, 'DELETE', `/clients/${clientId}/photo`);
    assert.equal(del.status, 204);
    const gone = await raw(mara, 'GET', `/clients/${clientId}/photo`);
    assert.equal(gone.status, 404);
    const other = await mara.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Short-lived Ltd' });
    assert.equal((await raw(mara, 'PUT', `/clients/${other.id}/photo`, PNG, { 'content-type': 'image/png' })).status, 200);
    assert.equal(await fileCount('client', other.id), 1);
    await mara.expect(204, 'DELETE', `/clients/${other.id}`);
    assert.equal(await fileCount('client', other.id), 0);
  });

  it('keeps a company\'s logo, stamp and signature apart and lists them on the company', async () => {
    const logo = await raw(t.admin, 'PUT', `/companies/${companyId}/images/logo`, PNG, { 'content-type': 'image/png' });
    assert.equal(logo.status, 200);
    assert.equal(logo.json.purpose, 'logo');
    const stamp = await raw(t.admin, 'PUT', `/companies/${companyId}/images/stamp`, JPEG, { 'content-type': 'image/jpeg' });
    assert.equal(stamp.status, 200);
    const company = await t.admin.expect(200, 'GET', `/companies/${companyId}`);
    assert.equal(company.images.logo.sha256, sha(PNG));
    assert.equal(company.images.stamp.mime, 'image/jpeg');
    assert.equal(company.images.signature, null);
    const got = await raw(viewer, 'GET', `/companies/${companyId}/images/stamp`);
    assert.ok(got.bytes.equals(JPEG));
    const none = await raw(t.admin, 'GET', `/companies/${companyId}/images/signature`);
    assert.equal(none.status, 404);
  });

  it('refuses an image purpose a company does not have', async () => {
    const reply = await raw(t.admin, 'PUT', `/companies/${companyId}/images/banner`, PNG, { 'content-type': 'image/png' });
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.details[0].field, 'purpose');
    assert.equal(reply.json.error.details[0].code, 'invalid_value');
    assert.equal((await raw(t.admin, 'GET', `/companies/${companyId}/images/banner`)).status, 400);
  });

  it('lets a manager see the logo but not replace it, and deletes the images with the company', async () => {
    assert.equal((await raw(mara, 'GET', `/companies/${companyId}/images/logo`)).status, 200);
    assert.equal((await raw(mara, 'PUT', `/companies/${companyId}/images/logo`, PNG, { 'content-type': 'image/png' })).status, 403);
    assert.equal(await fileCount('company', companyId), 2);
    await t.admin.expect(204, 'DELETE', `/companies/${companyId}`);
    assert.equal(await fileCount('company', companyId), 0);
  });
});
