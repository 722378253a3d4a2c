import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from './support/server.js';

const bundle = path.resolve('addin/dist/app.js');

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('Serving the front end', function () {
  let t: TestServer;
  before(async function () {
    if (!fs.existsSync(bundle)) {
      console.log('      ⚠ addin/dist is not built (npm test builds it); skipping.');
      this.skip();
    }
    t = await startTestServer('sqlite');
  });
  after(async () => t?.close());

  it('sends the bundle brotli- or gzip-compressed to browsers that accept it, and plain to others', async () => {
    const plain = fs.readFileSync(bundle);
    const br = await get(`${t.url}/app.js`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    assert.ok(br.body.length < plain.length / 3, `${br.body.length} bytes compressed`);
    assert.ok(zlib.brotliDecompressSync(br.body).equals(plain));

    const gz = await get(`${t.url}/app.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(zlib.gunzipSync(gz.body).equals(plain));

    const none = await get(`${t.url}/app.js`, { 'accept-encoding': 'identity' });
    assert.equal(none.headers['content-encoding'], undefined);
    assert.match(String(none.headers.vary), /Accept-Encoding/, 'the plain copy also says it depends on Accept-Encoding');
    assert.ok(none.body.equals(plain));
  });

  it('serves both pages with a content security policy that allows only office.js from outside', async () => {
    for (const page of ['/', '/taskpane.html']) {
      const reply = await get(t.url + page);
      assert.equal(reply.status, 200, page);
      assert.match(String(reply.headers['content-security-policy']), /script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    }
    assert.match((await get(`${t.url}/taskpane.html`)).body.toString(), /appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    assert.doesNotMatch((await get(`${t.url}/`)).body.toString(), /office\.js/, 'the browser page does not load office.js');
  });

  it('does not serve files outside the front end', async () => {
    const reply = await get(`${t.url}/..%2Fpackage.json`, { 'accept-encoding': 'br' });
    assert.notEqual(reply.status, 200);
  });
});
