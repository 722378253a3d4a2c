import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { MAX_FAILURES, WINDOW_MS } from '../server/auth/rate-limit.js';
import { ADMIN_PASSWORD, Api, startTestServer, type TestServer } from './support/server.js';

/** Signs in like a browser: the session cookie and the CSRF token. */
async function browserLogin(t: TestServer, login: string, password: string) {
  const res = await fetch(`${t.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as { csrfToken: string };
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: setCookie.split(';')[0]!, setCookie, csrfToken: body.csrfToken };
}

forEachDatabase('Sign-in and sessions', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind, { now: '2026-05-01T08:00:00Z' });
  });
  after(async () => t?.close());

  it('sets an HttpOnly, SameSite session cookie and returns a CSRF token', async () => {
    const s = await browserLogin(t, 'admin', ADMIN_PASSWORD);
    assert.equal(s.status, 200);
    assert.match(s.setCookie, /^kontora_session=[\w-]{40,};/);
    assert.match(s.setCookie, /HttpOnly/i);
    assert.match(s.setCookie, /SameSite=Lax/i);
    assert.ok(s.csrfToken.length >= 40);
    const api = new Api(t.url);
    const me = await api.request('GET', '/auth/session', undefined, { cookie: s.cookie });
    assert.equal(me.body.user.login, 'admin');
    assert.equal(me.body.csrfToken, s.csrfToken);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const s = await browserLogin(t, 'admin', ADMIN_PASSWORD);
    const api = new Api(t.url);
    const forged = await api.request('POST', '/clients', { kind: 'legal', name: 'Forged' }, { cookie: s.cookie });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'csrf_failed');
    const wrong = await api.request('POST', '/clients', { kind: 'legal', name: 'Forged' }, { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) });
    assert.equal(wrong.body.error.code, 'csrf_failed');
    const ok = await api.request('POST', '/clients', { kind: 'legal', name: 'Genuine' }, { cookie: s.cookie, 'x-csrf-token': s.csrfToken });
    assert.equal(ok.status, 201);
  });

  it('ends the session on sign-out and when it expires', async () => {
    const api = new Api(t.url);
    const s = await browserLogin(t, 'admin', ADMIN_PASSWORD);
    const out = await api.request('POST', '/auth/logout', {}, { cookie: s.cookie, 'x-csrf-token': s.csrfToken });
    assert.equal(out.status, 204);
    assert.equal((await api.request('GET', '/clients', undefined, { cookie: s.cookie })).body.error.code, 'session_expired');

    const s2 = await browserLogin(t, 'admin', ADMIN_PASSWORD);
    t.clock.set!('2026-05-01T21:00:00Z'); // 13 hours later; sessions last 12
    const expired = await api.request('GET', '/clients', undefined, { cookie: s2.cookie });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'session_expired');
    t.clock.set!('2026-05-01T08:00:00Z');
  });

  it('issues, lists and revokes bearer tokens for add-ins', async () => {
    const reply = await t.anonymous.post('/auth/login', { login: 'admin', password: ADMIN_PASSWORD, issueToken: true, tokenName: 'Excel on laptop' });
    assert.match(reply.body.token, /^kt_/);
    const api = new Api(t.url, reply.body.token);
    const tokens = await api.expect(200, 'GET', '/auth/tokens');
    const mine = tokens.items.find((i: any) => i.name === 'Excel on laptop');
    assert.ok(mine);
    assert.equal(mine.token, undefined, 'the secret is never shown again');
    await api.expect(204, 'DELETE', `/auth/tokens/${mine.id}`);
    assert.equal((await api.get('/clients')).body.error.code, 'unauthenticated');
  });

  it('limits failed sign-ins per login and tells when to try again', async () => {
    await t.user('limited', 'viewer');
    for (let i = 0; i < 5; i++) {
      const r = await t.anonymous.post('/auth/login', { login: 'limited', password: 'wrong-password' });
      assert.equal(r.body.error.code, 'invalid_credentials');
    }
    const blocked = await t.anonymous.post('/auth/login', { login: 'limited', password: 'limited-password-123' });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'rate_limited');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    t.clock.set!('2026-05-01T08:20:00Z');
    const later = await t.anonymous.post('/auth/login', { login: 'limited', password: 'limited-password-123', issueToken: true });
    assert.equal(later.status, 200);
    t.clock.set!('2026-05-01T08:00:00Z');
  });

  it('answers the same way for an unknown login and a wrong password', async () => {
    const unknown = await t.anonymous.post('/auth/login', { login: 'nobody-here', password: 'whatever-123' });
    const wrong = await t.anonymous.post('/auth/login', { login: 'admin', password: 'whatever-123' });
    assert.deepEqual(unknown.body, wrong.body);
  });

  it('stores passwords as memory-hard hashes and never logs secrets', async () => {
    const row = await t.server.ctx.db('users').where({ login: 'admin' }).first('password_hash');
    assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/);
    assert.ok(!row.password_hash.includes(ADMIN_PASSWORD));
    const all = t.logs.join('\n');
    assert.ok(!all.includes(ADMIN_PASSWORD), 'password in logs');
    assert.ok(!all.includes('limited-password-123'), 'password in logs');
    assert.ok(!/kt_[\w-]{20,}/.test(all), 'token in logs');
  });

  it('lets a user change their password, which signs out their other sessions', async () => {
    const u = await t.user('changer', 'manager');
    const s = await browserLogin(t, 'changer', 'changer-password-123');
    await u.expect(204, 'POST', '/users/me/password', { currentPassword: 'changer-password-123', newPassword: 'a-new-password-456' });
    const api = new Api(t.url);
    assert.equal((await api.request('GET', '/clients', undefined, { cookie: s.cookie })).status, 401);
    const weak = await u.post('/users/me/password', { currentPassword: 'a-new-password-456', newPassword: 'short' });
    assert.equal(weak.body.error.details[0].field, 'newPassword');
  });

  it('limits failed sign-ins per address, whatever logins they try', async function () {
    this.timeout(60_000);
    await t.user('office', 'viewer');
    // A fresh window: the failures of the tests above are older than it.
    const start = Date.parse('2026-05-01T09:00:00Z');
    t.clock.set!(new Date(start).toISOString());
    try {
      for (let i = 0; i < MAX_FAILURES.ip; i++) {
        // A different login each time: the per-login limit never comes into play.
        const r = await t.anonymous.post('/auth/login', { login: `guess-${i}`, password: 'wrong-password' });
        assert.equal(r.status, 401, `attempt ${i + 1}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'invalid_credentials');
      }
      const blocked = await t.anonymous.post('/auth/login', { login: `guess-${MAX_FAILURES.ip}`, password: 'wrong-password' });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'rate_limited');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      // Even a right password from that address waits for the window to end.
      const right = await t.anonymous.post('/auth/login', { login: 'office', password: 'office-password-123', issueToken: true });
      assert.equal(right.status, 429);
      assert.equal(right.body.error.code, 'rate_limited');
      t.clock.set!(new Date(start + WINDOW_MS + 1000).toISOString());
      const later = await t.anonymous.post('/auth/login', { login: 'office', password: 'office-password-123', issueToken: true });
      assert.equal(later.status, 200, JSON.stringify(later.body));
    } finally {
      await t.server.ctx.db('login_failures').where('key', 'like', 'ip:%').delete();
      t.clock.set!('2026-05-01T08:00:00Z');
    }
  });
});
