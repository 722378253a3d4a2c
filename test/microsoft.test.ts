import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { graphClientFor } from '../server/graph/client.js';
import { readTokenCache } from '../server/microsoft/mailboxes.js';
import { forEachDatabase } from './support/databases.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { configureMicrosoft, connectMailbox, useFakeGraph } from './support/microsoft.js';
import { Api, startTestServer, type TestServer } from './support/server.js';

/** A browser session: the cookie and CSRF token from an ordinary sign-in. */
async function browserLogin(base: string, login: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

forEachDatabase('Microsoft 365 connection', (kind) => {
  let t: TestServer;
  let fake: FakeGraph;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  const ANNA = 'anna@contoso.example';

  before(async () => {
    fake = await startFakeGraph();
    // A clock the test can move (it starts at the real time, which msal's token lifetimes follow).
    t = await startTestServer(kind, { now: new Date().toISOString() });
    useFakeGraph(t, fake);
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  it('refuses to connect before an administrator has entered the settings', async () => {
    const info = await anna.expect(200, 'GET', '/microsoft/mailbox');
    assert.deepEqual({ available: info.available, connected: info.connected }, { available: false, connected: false });
    const r = await anna.post('/microsoft/connect');
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'microsoft_not_configured');
  });

  it('lets only administrators read and change the settings, and never shows the secret', async () => {
    for (const [method, body] of [['GET', undefined], ['PUT', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: 'x' }]] as const) {
      const r = await anna.request(method, '/microsoft/settings', body);
      assert.equal(r.status, 403, `${method} by a manager`);
      assert.equal(r.body.error.code, 'forbidden');
    }
    const empty = await t.admin.expect(200, 'GET', '/microsoft/settings');
    assert.equal(empty.configured, false);

    const noSecret = await t.admin.put('/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret' });
    assert.equal(noSecret.status, 400);
    assert.equal(noSecret.body.error.details[0].field, 'clientSecret');
    const badIds = await t.admin.put('/microsoft/settings', { tenantId: 'not a tenant', clientId: '123', credentialKind: 'password' });
    assert.equal(badIds.status, 400);
    assert.deepEqual(badIds.body.error.details.map((d: { field: string }) => d.field).sort(), ['clientId', 'credentialKind', 'tenantId']);
    const badKey = await t.admin.put('/microsoft/settings', { tenantId: 'contoso.onmicrosoft.com', clientId: fake.clientId, credentialKind: 'certificate', certificateThumbprint: 'a'.repeat(64), privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' });
    assert.equal(badKey.status, 400);
    assert.equal(badKey.body.error.details[0].field, 'privateKey');

    const saved = await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: fake.clientSecret });
    assert.deepEqual({ configured: saved.configured, hasSecret: saved.hasSecret, tenantId: saved.tenantId }, { configured: true, hasSecret: true, tenantId: fake.tenantId });
    assert.ok(!JSON.stringify(saved).includes(fake.clientSecret));
    // Saving again without the secret keeps the stored one.
    const kept = await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret' });
    assert.equal(kept.hasSecret, true);
    assert.ok(!JSON.stringify(await t.admin.expect(200, 'GET', '/microsoft/settings')).includes(fake.clientSecret));
  });

  it('connects a mailbox through Microsoft\'s sign-in page and back (authorization code + PKCE)', async () => {
    const { authorizeUrl } = await anna.expect(200, 'POST', '/microsoft/connect');
    const url = new URL(authorizeUrl);
    assert.equal(url.origin + url.pathname, `${fake.loginUrl}/${fake.tenantId}/oauth2/v2.0/authorize`);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state'));
    assert.match(url.searchParams.get('scope')!, /Contacts\.ReadWrite/);
    assert.equal(url.searchParams.get('redirect_uri'), `${t.url}/api/v1/microsoft/callback`);

    const to = await connectMailbox(anna, fake, ANNA);
    assert.equal(to, '/?microsoft=connected#/microsoft');
    const info = await anna.expect(200, 'GET', '/microsoft/mailbox');
    assert.deepEqual({ connected: info.connected, address: info.address, status: info.status, via: info.connectedVia }, { connected: true, address: ANNA, status: 'connected', via: 'code' });
    assert.equal(info.connectedAt, t.clock.now().toISOString());
    const client = await graphClientFor(t.server.ctx, anna.id);
    assert.equal((await client.request<{ mail: string }>('GET', '/me')).mail, ANNA);
    assert.equal((await boris.expect(200, 'GET', '/microsoft/mailbox')).connected, false, 'each user connects their own');
  });

  it('refuses a callback whose state is unknown, reused, missing or from another session', async () => {
    const callback = (query: string, headers: Record<string, string> = {}) => fetch(`${t.url}/api/v1/microsoft/callback?${query}`, { redirect: 'manual', headers });
    for (const query of ['code=abc&state=forged', 'code=abc', '']) {
      const r = await callback(query);
      assert.equal(r.status, 400, query);
      assert.equal(((await r.json()) as any).error.code, 'microsoft_state_invalid');
    }
    // A state used once is spent.
    const { authorizeUrl } = await anna.expect(200, 'POST', '/microsoft/connect');
    fake.signInAs(ANNA);
    const back = (await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    assert.equal((await fetch(back, { redirect: 'manual' })).status, 302);
    const replay = await fetch(back, { redirect: 'manual' });
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as any).error.code, 'microsoft_state_invalid');

    // A sign-in left open longer than 10 minutes is refused.
    const late = await anna.expect(200, 'POST', '/microsoft/connect');
    fake.signInAs(ANNA);
    const lateAnswer = (await fetch(late.authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    const started10 = t.clock.now();
    (t.clock as { set(to: Date): void }).set(new Date(started10.getTime() + 11 * 60_000));
    try {
      const expired = await fetch(lateAnswer, { redirect: 'manual' });
      assert.equal(expired.status, 400);
      assert.equal(((await expired.json()) as any).error.code, 'microsoft_state_invalid');
    } finally {
      (t.clock as { set(to: Date): void }).set(started10);
    }

    // Started in a browser session: the answer must come back in that session.
    const session = await browserLogin(t.url, 'boris', 'boris-password-123');
    const noCsrf = await fetch(`${t.url}/api/v1/microsoft/connect`, { method: 'POST', headers: { cookie: session.cookie } });
    assert.equal(noCsrf.status, 403, 'another site cannot start a sign-in in the user\'s name');
    const start = await fetch(`${t.url}/api/v1/microsoft/connect`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    const started = (await start.json()) as { authorizeUrl: string };
    fake.signInAs('boris@contoso.example');
    const answer = (await fetch(started.authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    const other = await browserLogin(t.url, 'anna', 'anna-password-123');
    const wrong = await fetch(answer, { redirect: 'manual', headers: { cookie: other.cookie } });
    assert.equal(wrong.status, 400, 'another user\'s session');
    assert.equal((await boris.expect(200, 'GET', '/microsoft/mailbox')).connected, false);
    // The state is spent by the refused try; a fresh one in the right session works.
    const again = (await (await fetch(`${t.url}/api/v1/microsoft/connect`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } })).json()) as { authorizeUrl: string };
    fake.signInAs('boris@contoso.example');
    const good = (await fetch(again.authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    const ok = await fetch(good, { redirect: 'manual', headers: { cookie: session.cookie } });
    assert.equal(ok.status, 302);
    assert.equal((await boris.expect(200, 'GET', '/microsoft/mailbox')).address, 'boris@contoso.example');
  });

  it('tells the user when they declined at Microsoft, without connecting', async () => {
    const viewer = await t.user('vera', 'viewer');
    const { authorizeUrl } = await viewer.expect(200, 'POST', '/microsoft/connect');
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const r = await fetch(`${t.url}/api/v1/microsoft/callback?error=access_denied&error_description=declined&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/?microsoft=declined#/microsoft');
    assert.equal((await viewer.expect(200, 'GET', '/microsoft/mailbox')).connected, false);
  });

  it('connects with the Outlook add-in\'s token on behalf of the user, and refuses a token for another app', async () => {
    const carl = await t.user('carl', 'manager', 'own');
    const wrongAudience = await carl.post('/microsoft/connect/obo', { assertion: fake.userAssertion('carl@contoso.example', { audience: 'api://someone-else' }) });
    assert.equal(wrongAudience.status, 502);
    assert.equal(wrongAudience.body.error.code, 'microsoft_auth_failed');
    const garbage = await carl.post('/microsoft/connect/obo', { assertion: 'not a token' });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error.code, 'validation_failed');

    const info = await carl.expect(200, 'POST', '/microsoft/connect/obo', { assertion: fake.userAssertion('carl@contoso.example') });
    assert.deepEqual({ connected: info.connected, address: info.address, via: info.connectedVia }, { connected: true, address: 'carl@contoso.example', via: 'obo' });
    // Later, with no add-in around, the stored sign-in still works (refresh token in the sealed cache).
    fake.expireAccessTokens();
    const client = await graphClientFor(t.server.ctx, carl.id);
    assert.equal((await client.request<{ mail: string }>('GET', '/me')).mail, 'carl@contoso.example');
  });

  it('keeps the client secret and every token encrypted at rest, and out of logs and answers', async () => {
    const cache = JSON.parse((await readTokenCache(t.server.ctx, anna.id))!) as { RefreshToken: Record<string, { secret: string }>; AccessToken: Record<string, { secret: string }> };
    const refresh = Object.values(cache.RefreshToken).map((r) => r.secret);
    const access = Object.values(cache.AccessToken).map((r) => r.secret);
    assert.ok(refresh.length && access.length, 'the cache holds a refresh token and an access token');
    const rows = JSON.stringify([
      await t.server.ctx.db('microsoft_settings').select(),
      await t.server.ctx.db('microsoft_mailboxes').select(),
      await t.server.ctx.db('microsoft_auth_requests').select(),
    ]);
    const secrets = [fake.clientSecret, ...refresh, ...access];
    for (const s of secrets) {
      assert.ok(!rows.includes(s), 'not in the database');
      assert.ok(!t.logs.join('\n').includes(s), 'not in the log');
    }
    assert.ok(!rows.includes('"RefreshToken"'), 'the cache is stored sealed, not as JSON');
    const keyFile = path.join(t.server.ctx.config.dataDir, 'secret.key');
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'the generated key is readable by its owner only');
    const answers = JSON.stringify([await anna.get('/microsoft/mailbox'), await t.admin.get('/microsoft/settings')].map((r) => r.body));
    for (const s of secrets) assert.ok(!answers.includes(s));
  });

  it('disconnects: Kontora forgets the sign-in', async () => {
    const r = await anna.delete('/microsoft/mailbox');
    assert.equal(r.status, 204);
    assert.equal((await anna.expect(200, 'GET', '/microsoft/mailbox')).connected, false);
    await assert.rejects(graphClientFor(t.server.ctx, anna.id), /not connected/);
    assert.equal(await readTokenCache(t.server.ctx, anna.id), undefined);
  });

  it('says clearly when Microsoft refuses the app or Graph cannot be reached', async () => {
    // A wrong secret entered by the admin.
    await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: 'wrong-secret' });
    const { authorizeUrl } = await anna.expect(200, 'POST', '/microsoft/connect');
    fake.signInAs(ANNA);
    const back = (await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    const refused = await fetch(back, { redirect: 'manual' });
    assert.equal(refused.status, 502);
    const body = (await refused.json()) as any;
    assert.equal(body.error.code, 'microsoft_auth_failed');
    assert.match(body.error.message, /invalid_client/);
    assert.ok(!JSON.stringify(body).includes('wrong-secret'));
    await configureMicrosoft(t, fake);

    // Graph (and the sign-in service) down.
    const down = await startFakeGraph();
    await down.close();
    Object.assign(t.server.ctx.config, { graphUrl: down.graphUrl });
    try {
      const again = await anna.expect(200, 'POST', '/microsoft/connect');
      fake.signInAs(ANNA);
      const answer = (await fetch(again.authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
      const r = await fetch(answer, { redirect: 'manual' });
      assert.equal(r.status, 503);
      assert.equal(((await r.json()) as any).error.code, 'graph_unavailable');
      assert.equal((await anna.expect(200, 'GET', '/microsoft/mailbox')).connected, false, 'nothing stored');
      Object.assign(t.server.ctx.config, { msLoginUrl: down.loginUrl });
      const noLogin = await anna.post('/microsoft/connect');
      assert.equal(noLogin.status, 200, 'building the sign-in URL needs no network');
    } finally {
      useFakeGraph(t, fake);
    }
    const obo = await boris.post('/microsoft/connect/obo', { assertion: fake.userAssertion('boris@contoso.example') });
    assert.equal(obo.status, 200);
  });
  it('signs in with a certificate instead of a secret: msal signs a client assertion the identity platform checks', async () => {
    const pair = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const registered = pair();
    const thumbprint = crypto.randomBytes(32).toString('hex');
    fake.registerCertificate(thumbprint, registered.publicKey);
    const dora = await t.user('dora', 'manager', 'own');

    // The wrong key for the registered certificate: Microsoft refuses the app.
    const stranger = pair();
    await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'certificate', certificateThumbprint: thumbprint, privateKey: stranger.privateKey });
    const refused = await dora.post('/microsoft/connect/obo', { assertion: fake.userAssertion('dora@contoso.example') });
    assert.equal(refused.status, 502);
    assert.equal(refused.body.error.code, 'microsoft_auth_failed');

    const saved = await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'certificate', certificateThumbprint: thumbprint, privateKey: registered.privateKey });
    assert.deepEqual({ kind: saved.credentialKind, key: saved.hasPrivateKey, thumbprint: saved.certificateThumbprint }, { kind: 'certificate', key: true, thumbprint });
    assert.ok(!JSON.stringify(saved).includes('PRIVATE KEY'));
    const info = await dora.expect(200, 'POST', '/microsoft/connect/obo', { assertion: fake.userAssertion('dora@contoso.example') });
    assert.equal(info.address, 'dora@contoso.example');
    const row = JSON.stringify(await t.server.ctx.db('microsoft_settings').select());
    assert.ok(!row.includes(registered.privateKey.split('\n')[1]!), 'the key is stored sealed');
    await configureMicrosoft(t, fake);
  });
});
