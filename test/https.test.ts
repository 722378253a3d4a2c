import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../server/clock.js';
import { readConfig, type TlsFiles } from '../server/config.js';
import { memoryLogger } from '../server/log.js';
import { startServer, type RunningServer } from '../server/server.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { ADMIN_PASSWORD } from './support/server.js';

// HTTPS is a property of the listener, not of the database: these tests run
// on SQLite only.

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

/** A self-signed certificate for localhost (node:crypto cannot make X.509). */
function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return { cert, key };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpsRequest(url: string, ca: Buffer | undefined, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = https.request(url, {
      method: init.method ?? 'GET', ca, agent: false,
      headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('HTTPS for the Office task panes', function () {
  let dir: string;
  let db: TestDatabase;
  let files: TlsFiles;
  let running: RunningServer | undefined;

  before(function () {
    if (!hasOpenssl) {
      console.log('\n    ⚠ openssl is not installed: the HTTPS listener tests are SKIPPED (the configuration tests still run).\n');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-tls-'));
    files = { ...selfSigned(dir, 'localhost'), source: 'KONTORA_TLS_CERT/KONTORA_TLS_KEY' };
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await db.drop();
  });

  function start(tls: TlsFiles | undefined, httpsPort = 0) {
    return startServer({
      config: { ...readConfig({}), ...db.config, host: '127.0.0.1', port: 0, httpsPort, tls, adminPassword: ADMIN_PASSWORD, demo: false },
      clock: systemClock, log: memoryLogger(), print: () => undefined,
    });
  }

  it('answers /api/v1/health over HTTPS to a client that trusts the certificate, and over plain HTTP as before', async function () {
    running = await start(files);
    assert.match(running.httpsUrl!, /^https:\/\/localhost:\d+$/);
    const ca = fs.readFileSync(files.cert);
    const secure = await httpsRequest(`${running.httpsUrl}/api/v1/health`, ca);
    assert.equal(secure.status, 200);
    assert.equal(JSON.parse(secure.body).status, 'ok');
    const plain = await fetch(`${running.url}/api/v1/health`);
    assert.equal(plain.status, 200);
    assert.match(running.url, /^http:\/\//);
  });

  it('is real TLS: a client that does not trust the certificate is refused', async function () {
    running = await start(files);
    await assert.rejects(httpsRequest(`${running.httpsUrl}/api/v1/health`, undefined), (err: NodeJS.ErrnoException) => /SELF_SIGNED|self-signed|unable to verify/i.test(`${err.code} ${err.message}`));
  });

  it('marks the session cookie Secure over HTTPS, and not over plain HTTP', async function () {
    running = await start(files);
    const body = { login: 'admin', password: ADMIN_PASSWORD };
    const secure = await httpsRequest(`${running.httpsUrl}/api/v1/auth/login`, fs.readFileSync(files.cert), { method: 'POST', body });
    assert.equal(secure.status, 200);
    const cookies = secure.headers['set-cookie'] as string[];
    assert.equal(cookies.length, 1);
    assert.match(cookies[0]!, /^kontora_session=[^;]+;.*HttpOnly/i);
    assert.match(cookies[0]!, /;\s*Secure(;|$)/);

    const plain = await fetch(`${running.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(plain.status, 200);
    assert.doesNotMatch(plain.headers.get('set-cookie')!, /Secure/i);
  });

  it('serves only HTTP when no certificate is configured', async function () {
    running = await start(undefined);
    assert.equal(running.httpsUrl, undefined);
    assert.equal((await fetch(`${running.url}/api/v1/health`)).status, 200);
  });

  it('refuses to start with a certificate file that does not exist, naming the file and the setting', async function () {
    const missing = { ...files, cert: path.join(dir, 'nope.crt') };
    await assert.rejects(start(missing), /cannot read the TLS certificate .*nope\.crt \(from KONTORA_TLS_CERT\/KONTORA_TLS_KEY\): ENOENT/);
  });

  it('refuses to start with a key that does not belong to the certificate', async function () {
    const other = selfSigned(dir, 'other');
    await assert.rejects(start({ ...files, key: other.key }), /certificate .*localhost\.crt and key .*other\.key .*cannot be used together/);
  });

  it('refuses to start when the HTTPS port is taken, saying which setting to change', async function () {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as net.AddressInfo;
      await assert.rejects(start(files, port), new RegExp(`HTTPS port ${port} is already in use .*HTTPS_PORT`));
    } finally {
      blocker.close();
    }
  });
});

describe('HTTPS configuration', function () {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-home-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  function devCerts(): void {
    fs.mkdirSync(path.join(home, '.office-addin-dev-certs'));
    for (const f of ['localhost.crt', 'localhost.key', 'ca.crt']) fs.writeFileSync(path.join(home, '.office-addin-dev-certs', f), 'pem');
  }

  it('is off by default, on port 3443 when enabled', function () {
    const config = readConfig({ HOME: home });
    assert.equal(config.tls, undefined);
    assert.equal(config.httpsPort, 3443);
    assert.equal(readConfig({ HTTPS_PORT: '8443' }).httpsPort, 8443);
  });

  it('uses the office-addin-dev-certs localhost certificate when it is installed', function () {
    devCerts();
    assert.deepEqual(readConfig({ HOME: home }).tls, {
      cert: path.join(home, '.office-addin-dev-certs', 'localhost.crt'),
      key: path.join(home, '.office-addin-dev-certs', 'localhost.key'),
      source: 'office-addin-dev-certs',
    });
  });

  it('prefers KONTORA_TLS_CERT and KONTORA_TLS_KEY, and KONTORA_HTTPS=0 turns HTTPS off', function () {
    devCerts();
    const tls = readConfig({ HOME: home, KONTORA_TLS_CERT: '/etc/kontora/crm.pem', KONTORA_TLS_KEY: '/etc/kontora/crm.key' }).tls;
    assert.deepEqual(tls, { cert: '/etc/kontora/crm.pem', key: '/etc/kontora/crm.key', source: 'KONTORA_TLS_CERT/KONTORA_TLS_KEY' });
    assert.equal(readConfig({ HOME: home, KONTORA_HTTPS: '0' }).tls, undefined);
  });

  it('refuses a certificate without its key (and the other way round)', function () {
    assert.throws(() => readConfig({ KONTORA_TLS_CERT: '/etc/kontora/crm.pem' }), /KONTORA_TLS_CERT and KONTORA_TLS_KEY must be set together/);
    assert.throws(() => readConfig({ KONTORA_TLS_KEY: '/etc/kontora/crm.key' }), /must be set together/);
  });

  it('refuses an HTTPS_PORT that is not a port number', function () {
    assert.throws(() => readConfig({ HTTPS_PORT: 'https' }), /HTTPS_PORT must be a non-negative integer/);
    assert.throws(() => readConfig({ HTTPS_PORT: '-1' }), /HTTPS_PORT/);
  });
});
