import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiPath } from '../server/http/openapi.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * The OpenAPI document is built from the same route list as the router;
 * these tests check the two agree with what Express actually serves, and
 * that real responses match the documented schemas exactly.
 */
describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: any;
  before(async () => {
    t = await startTestServer('sqlite', { demo: true });
    doc = (await t.anonymous.expect(200, 'GET', '/openapi.json'));
  });
  after(async () => t?.close());

  it('describes every route Express serves under /api/v1, and nothing else', () => {
    const served = new Set<string>();
    const api = (t.server.app.express as any).router.stack.find((l: any) => l.name === 'router' && l.handle?.stack?.some((s: any) => s.route));
    for (const layer of api.handle.stack) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods)) served.add(`${method.toUpperCase()} ${openApiPath(layer.route.path)}`);
    }
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    assert.deepEqual([...served].sort(), [...documented].sort());
  });

  it('has a summary, tag and error response on every operation', () => {
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        assert.ok(op.summary, `${method} ${path} has no summary`);
        assert.ok(op.tags?.length, `${method} ${path} has no tag`);
        assert.ok(op.responses.default, `${method} ${path} documents no error response`);
      }
    }
  });

  it('matches real responses of every list and record endpoint', async () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const checked: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      const op = ops.get;
      if (!op || path.includes('{') && !/^\/[a-z-]+\/\{id\}(\/audit|\/balance)?$/.test(path)) continue;
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      let url = path;
      if (path.includes('{id}')) {
        const base = path.split('/')[1];
        const list = await t.admin.get(`/${base}?limit=1`);
        const id = list.body?.items?.[0]?.id;
        if (!id) continue;
        url = path.replace('{id}', String(id));
      } else if (path === '/search') {
        url = '/search?q=ab';
      } else if (path === '/senders') {
        url = '/senders?email=ab@example.com';
      }
      const reply = await t.admin.get(url);
      assert.equal(reply.status, 200, `GET ${url}: ${JSON.stringify(reply.body).slice(0, 300)}`);
      const validate = ajv.compile(schema);
      assert.ok(validate(reply.body), `GET ${url} does not match its documented schema: ${ajv.errorsText(validate.errors)}`);
      checked.push(url);
    }
    assert.ok(checked.length >= 15, `only ${checked.length} endpoints checked: ${checked.join(', ')}`);
  });
});
