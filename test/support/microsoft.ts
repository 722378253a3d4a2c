import assert from 'node:assert/strict';
import type { FakeGraph } from './fake-graph.js';
import type { Api, TestServer } from './server.js';

/** Points a running test server at the fake Graph and identity platform (nothing else is reachable in tests). */
export function useFakeGraph(t: TestServer, fake: FakeGraph): void {
  Object.assign(t.server.ctx.config, { graphUrl: fake.graphUrl, msLoginUrl: fake.loginUrl });
}

/** The admin enters the fake's app registration, as they would in Settings → Microsoft 365. */
export async function configureMicrosoft(t: TestServer, fake: FakeGraph): Promise<void> {
  useFakeGraph(t, fake);
  await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: fake.clientSecret });
}

/**
 * Connects `api`'s user to the fake mailbox `address` through the real
 * authorization code flow: Kontora's sign-in URL → the fake's authorize
 * endpoint → Kontora's callback. Returns the callback's redirect.
 */
export async function connectMailbox(api: Api, fake: FakeGraph, address: string): Promise<string> {
  const { authorizeUrl } = await api.expect(200, 'POST', '/microsoft/connect');
  fake.signInAs(address);
  const atMicrosoft = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(atMicrosoft.status, 302, 'the fake authorize endpoint redirects back');
  // The API client signs in with a bearer token, so the callback needs no browser session: the state alone ties it to the user.
  const back = await fetch(atMicrosoft.headers.get('location')!, { redirect: 'manual' });
  const text = await back.text();
  assert.equal(back.status, 302, `the callback connects and redirects: ${text.slice(0, 500)}`);
  return back.headers.get('location')!;
}
