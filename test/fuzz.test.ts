import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Values a careless or hostile client may put into any field. */
const WEIRD: unknown[] = [
  'x'.repeat(10_000), 1e20, -2147483649, 3.5, -1, 0, '', ' ', '2026-13-45', '1e400', "'; DROP TABLE clients; --", { nested: { deep: true } }, [null, 1, 'a'], true, null,
];

/** A valid body per create route, so the odd value is what reaches the database. */
const VALID: Record<string, Record<string, unknown>> = {
  '/clients': { kind: 'legal', name: 'Fuzz client' },
  '/contacts': { firstName: 'Fuzz', lastName: 'Contact' },
  '/contracts': { clientId: 1, subject: 'Fuzz contract' },
  '/invoices': { clientId: 1, lines: [{ description: 'Fuzz', quantity: '1', price: '1.00' }] },
  '/payments': { clientId: 1, amount: '1.00' },
  '/companies': { name: 'Fuzz company', defaultCurrency: 'EUR' },
  '/price-types': { name: 'Fuzz prices', currency: 'EUR' },
  '/client-categories': { name: 'Fuzz category' },
  '/product-categories': { name: 'Fuzz products' },
  '/products': { kind: 'good', name: 'Fuzz product' },
  '/users': { login: 'fuzzer', name: 'Fuzzer', role: 'viewer', scope: 'all', password: 'fuzz-password-123' },
};

/**
 * Every documented JSON body, every property, every odd value: the server
 * answers with a 2xx or a clean 4xx in the error format, never a 5xx.
 */
forEachDatabase('Any field, any value', (kind) => {
  let t: TestServer;
  before(async function () {
    this.timeout(120_000);
    t = await startTestServer(kind, { demo: true });
  });
  after(async () => t?.close());

  it('never answers 5xx to an odd value in any field of any request body', async function () {
    this.timeout(300_000);
    const doc = (await t.anonymous.expect(200, 'GET', '/openapi.json')) as any;
    const failures: string[] = [];
    let requests = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema?.properties || path.startsWith('/auth/') || path === '/users/me/password') continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        for (const prop of Object.keys(schema.properties)) {
          for (const value of WEIRD) {
            let body: Record<string, unknown> = { ...(method === 'post' ? VALID[path] : {}) };
            if (method === 'patch' || path.endsWith('/issue') || path.endsWith('/cancel')) {
              const current = await t.admin.get(url.replace(/\/(issue|cancel)$/, ''));
              body = { version: current.body?.version ?? 1 };
            }
            if (prop === 'login') body.login = undefined;
            body[prop] = value;
            const reply = await t.admin.request(method.toUpperCase(), url, body);
            requests++;
            if (reply.status >= 500 || (reply.status >= 400 && typeof reply.body?.error?.code !== 'string')) {
              failures.push(`${method.toUpperCase()} ${url} {${prop}: ${JSON.stringify(value).slice(0, 40)}} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`);
            }
          }
        }
      }
    }
    assert.ok(requests > 500, `only ${requests} requests`);
    assert.deepEqual(failures, []);
    await t.anonymous.expect(200, 'GET', '/health');
  });
});
