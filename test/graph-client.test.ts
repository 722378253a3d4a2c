import assert from 'node:assert/strict';
import { AppError } from '../server/errors/app-error.js';
import { connectedMailboxes, graphClientFor, type GraphClient } from '../server/graph/client.js';
import { forEachDatabase } from './support/databases.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { configureMicrosoft, connectMailbox } from './support/microsoft.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

const rejectsWith = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
};

forEachDatabase('Graph client', (kind) => {
  let t: TestServer;
  let fake: FakeGraph;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let client: GraphClient;
  const ANNA = 'anna@contoso.example';
  const graphCalls = (re: RegExp, user = ANNA) => fake.requests.filter((r) => r.user === user && r.path.startsWith('/v1.0') && re.test(r.path));
  const tokenCalls = () => fake.requests.filter((r) => /\/oauth2\/v2\.0\/token/.test(r.path));

  before(async () => {
    // Every Graph answer takes 15 ms, so requests overlap and the in-flight limit is really exercised.
    fake = await startFakeGraph({ pageSize: 10, latencyMs: 15 });
    t = await startTestServer(kind);
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    await configureMicrosoft(t, fake);
    await connectMailbox(anna, fake, ANNA);
    client = await graphClientFor(t.server.ctx, anna.id);
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  it('gets its tokens from msal-node at the configured token endpoint and makes no discovery calls', async () => {
    const before = tokenCalls().length;
    const me = await client.request<{ mail: string }>('GET', '/me');
    assert.equal(me.mail, ANNA);
    await client.request('GET', '/me');
    assert.equal(tokenCalls().length, before, 'the access token from connecting is still valid: msal finds it in the sealed cache');
    for (const r of fake.requests) {
      assert.match(r.path, /^\/[^/]+\/oauth2\/v2\.0\/(token|authorize)|^\/v1\.0\//, `only token, authorize and Graph calls: ${r.method} ${r.path}`);
    }
    assert.ok(!fake.requests.some((r) => /well-known|discovery|instance/.test(r.path)), 'no OpenID or instance discovery');
  });

  it('follows @odata.nextLink through every page', async () => {
    for (let i = 0; i < 25; i++) fake.addContact(ANNA, { givenName: `Person ${i}`, emailAddresses: [{ address: `p${i}@example.com` }] });
    const seen = new Set<string>();
    let next: string | undefined = '/me/contacts?$select=givenName';
    let pages = 0;
    while (next) {
      const page: { value: { id: string }[]; '@odata.nextLink'?: string } = await client.request('GET', next);
      for (const c of page.value) seen.add(c.id);
      next = page['@odata.nextLink'];
      pages += 1;
    }
    assert.equal(seen.size, 25);
    assert.equal(pages, 3, '10 + 10 + 5');
  });

  it('waits out Retry-After on 429 and then succeeds', async () => {
    const before = graphCalls(/\/me\?/).length;
    fake.throttle(1, 1, /^\/v1\.0\/me\?/);
    const started = Date.now();
    await client.request('GET', '/me?$select=mail');
    const waited = Date.now() - started;
    assert.equal(graphCalls(/\/me\?/).length - before, 2, 'one throttled try and one that worked');
    assert.ok(waited >= 950, `waited ${waited} ms for Retry-After: 1`);
  });

  it('gives up with graph_throttled after a few tries, and with graph_unavailable when Graph keeps failing', async () => {
    let before = graphCalls(/\/me\?\$select=id/).length;
    fake.throttle(10, 0, /\$select=id/);
    await rejectsWith(client.request('GET', '/me?$select=id'), 'graph_throttled');
    assert.equal(graphCalls(/\/me\?\$select=id/).length - before, 4, 'four tries in all');
    before = graphCalls(/displayName/).length;
    fake.failNext(10, 503, /displayName/);
    await rejectsWith(client.request('GET', '/me?$select=displayName'), 'graph_unavailable');
    assert.equal(graphCalls(/displayName/).length - before, 4);
    const info = await anna.expect(200, 'GET', '/microsoft/mailbox');
    assert.match(info.lastError, /503/, 'the card tells the user what went wrong');
    assert.equal(info.status, 'connected', 'an outage is not a lost sign-in');
  });

  it('never has more than 4 requests in flight for one mailbox', async () => {
    const ids = fake.contacts(ANNA).map((c) => c.id as string);
    const got = await Promise.all(ids.concat(ids).map((id) => client.request<{ id: string }>('GET', `/me/contacts/${id}`)));
    assert.equal(got.length, 50);
    assert.equal(fake.maxInFlight(ANNA), 4, 'the limit is used, and never exceeded');
  });

  it('renews a token Graph rejects (401) once, silently', async () => {
    fake.expireAccessTokens();
    const before = tokenCalls().length;
    const me = await client.request<{ mail: string }>('GET', '/me');
    assert.equal(me.mail, ANNA);
    assert.equal(tokenCalls().length, before + 1);
  });

  it('keeps the sign-in when the Microsoft sign-in service cannot be reached, and says so', async () => {
    for (const status of [0, 503]) {
      fake.failTokenRequests(10, status);
      fake.expireAccessTokens();
      await rejectsWith(client.request('GET', '/me'), 'graph_unavailable');
      assert.equal((await anna.expect(200, 'GET', '/microsoft/mailbox')).status, 'connected', `token endpoint ${status || 'unreachable'}: the sign-in is kept`);
      fake.failTokenRequests(0);
      assert.equal((await client.request<{ mail: string }>('GET', '/me')).mail, ANNA, 'works again once it answers');
    }
  });

  it('answers Graph errors with stable codes: 410 → graph_delta_expired, other 4xx → graph_failed with Graph\'s code', async () => {
    let page: any = await client.request('GET', '/me/contacts/delta');
    while (page['@odata.nextLink']) page = await client.request('GET', page['@odata.nextLink']);
    const deltaLink = page['@odata.deltaLink'] as string;
    fake.expireDeltaTokens();
    await rejectsWith(client.request('GET', deltaLink), 'graph_delta_expired');
    await assert.rejects(client.request('GET', '/me/contacts/no-such-id'), (err: AppError) => {
      assert.equal(err.code, 'graph_failed');
      assert.deepEqual(err.extra?.graph, { status: 404, code: 'ErrorItemNotFound' });
      return true;
    });
    await rejectsWith(client.request('GET', 'https://evil.example/v1.0/me'), 'graph_failed');
  });

  it('batches 20 requests per $batch call and retries the throttled ones inside a batch', async () => {
    const ids = fake.contacts(ANNA).map((c) => c.id as string);
    const before = graphCalls(/\$batch/).length;
    fake.throttle(2, 0, new RegExp(`${ids[3]}$`));
    const results = await client.batch(ids.map((id, i) => ({ id: String(i), method: 'GET', url: `/me/contacts/${id}` })));
    assert.equal(results.length, 25);
    assert.deepEqual(results.map((r) => r.status), ids.map(() => 200));
    assert.deepEqual(results.map((r) => r.body.id), ids, 'in the order asked');
    assert.equal(graphCalls(/\$batch/).length - before, 4, '20 + 5, and the throttled item alone twice');
    const created = await client.batch([{ id: 'a', method: 'POST', url: '/me/contacts', body: { givenName: 'Batched' } }]);
    assert.equal(created[0]!.status, 201);
  });

  it('marks the mailbox for a new sign-in when Microsoft revokes it', async () => {
    assert.deepEqual((await connectedMailboxes(t.server.ctx)).map((m) => m.address), [ANNA]);
    fake.revoke(ANNA);
    fake.expireAccessTokens();
    await rejectsWith(client.request('GET', '/me'), 'mailbox_reauth_required');
    const info = await anna.expect(200, 'GET', '/microsoft/mailbox');
    assert.equal(info.status, 'reauth_required');
    assert.equal(info.connected, false);
    assert.deepEqual(await connectedMailboxes(t.server.ctx), [], 'schedulers skip it');
    await rejectsWith(graphClientFor(t.server.ctx, anna.id), 'mailbox_reauth_required');
    await rejectsWith(graphClientFor(t.server.ctx, boris.id), 'mailbox_not_connected');
    // Connecting again brings it back.
    await connectMailbox(anna, fake, ANNA);
    const again = await graphClientFor(t.server.ctx, anna.id);
    assert.equal((await again.request<{ mail: string }>('GET', '/me')).mail, ANNA);
  });
});
