import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

interface Case {
  it: string;
  method: string;
  path: string;
  body?: string | Uint8Array;
  json?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
  /** The code of that field's detail. */
  detail?: string;
  anonymous?: boolean;
}

/**
 * Malformed requests a user or integration can send, each with the status
 * and stable code it must get. After the whole table the server still answers.
 */
const cases: Case[] = [
  { it: 'malformed JSON', method: 'POST', path: '/clients', body: '{"kind": "legal", name: }', status: 400, code: 'malformed_json' },
  { it: 'binary garbage sent as JSON', method: 'POST', path: '/clients', body: new Uint8Array([0xff, 0x00, 0xfe, 0x12, 0x80]), status: 400, code: 'malformed_json' },
  { it: 'a JSON array instead of an object', method: 'POST', path: '/clients', json: [1, 2], status: 400, code: 'validation_failed' },
  { it: 'a JSON string instead of an object', method: 'POST', path: '/clients', body: '"hello"', status: 400, code: 'malformed_json' },
  { it: 'text/plain body', method: 'POST', path: '/clients', body: 'kind=legal', headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
  { it: 'an oversized body', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'x', notes: 'y'.repeat(2 * 1024 * 1024) }, status: 413, code: 'payload_too_large' },
  { it: 'an unknown field', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme', colour: 'red' }, status: 400, code: 'validation_failed', field: 'colour' },
  { it: 'a prototype-polluting key', method: 'POST', path: '/clients', body: '{"kind":"legal","name":"Acme","__proto__":{"admin":true}}', status: 400, code: 'validation_failed', field: '__proto__' },
  { it: 'a wrong type', method: 'POST', path: '/clients', json: { kind: 'legal', name: 12345 }, status: 400, code: 'validation_failed', field: 'name', detail: 'invalid_type' },
  { it: 'a missing required field', method: 'POST', path: '/clients', json: { name: 'No kind' }, status: 400, code: 'validation_failed', field: 'kind', detail: 'required' },
  { it: 'an unknown choice', method: 'POST', path: '/clients', json: { kind: 'company', name: 'Acme' }, status: 400, code: 'validation_failed', field: 'kind' },
  { it: 'a too long name', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'n'.repeat(501) }, status: 400, code: 'validation_failed', field: 'name' },
  { it: 'an impossible date', method: 'POST', path: '/clients', json: { kind: 'individual', firstName: 'A', birthday: '2026-02-30' }, status: 400, code: 'validation_failed', field: 'birthday' },
  { it: 'a bad e-mail in a list', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme', emails: [{ address: 'not-an-email' }] }, status: 400, code: 'validation_failed', field: 'emails.0.address' },
  { it: 'a bad phone', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme', phones: [{ number: 'call me' }] }, status: 400, code: 'validation_failed', field: 'phones.0.number' },
  { it: 'a link to a missing record', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme', categoryId: 999999 }, status: 422, code: 'reference_invalid', field: 'categoryId' },
  { it: 'a calculated field', method: 'POST', path: '/invoices', json: { clientId: 1, total: '5.00' }, status: 400, code: 'validation_failed', field: 'total' },
  { it: 'money with too many decimals', method: 'POST', path: '/payments', json: { clientId: 1, amount: '10.001' }, status: 400, code: 'validation_failed', field: 'amount' },
  { it: 'money as text', method: 'POST', path: '/payments', json: { clientId: 1, amount: 'ten' }, status: 400, code: 'validation_failed', field: 'amount' },
  { it: 'a line without price or product', method: 'POST', path: '/invoices', json: { clientId: 1, lines: [{ description: 'x', quantity: '1' }] }, status: 400, code: 'validation_failed', field: 'lines.0.price' },
  { it: 'a negative quantity', method: 'POST', path: '/invoices', json: { clientId: 1, lines: [{ description: 'x', quantity: '-1', price: '1' }] }, status: 400, code: 'validation_failed', field: 'lines.0.quantity' },
  { it: 'a line amount too large to store', method: 'POST', path: '/invoices', json: { clientId: 1, lines: [{ description: 'x', quantity: '999999999999', price: '9999999999999.99' }] }, status: 400, code: 'validation_failed', field: 'lines.0.quantity', detail: 'out_of_range' },
  { it: 'a line amount just too large to store', method: 'POST', path: '/invoices', json: { clientId: 1, lines: [{ description: 'x', quantity: '1000000', price: '9999999999.99' }] }, status: 400, code: 'validation_failed', field: 'lines.0.quantity', detail: 'out_of_range' },
  { it: 'lines that add up to more than can be stored', method: 'POST', path: '/invoices', json: { clientId: 1, vatMode: 'none', lines: [{ description: 'x', quantity: '1', price: '6000000000000' }, { description: 'y', quantity: '1', price: '6000000000000' }] }, status: 400, code: 'validation_failed', field: 'lines', detail: 'out_of_range' },
  { it: 'a NUL character in a text value', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme\u0000' }, status: 400, code: 'validation_failed', field: 'name', detail: 'invalid_character' },
  { it: 'a NUL character in a list of values', method: 'POST', path: '/clients', json: { kind: 'legal', name: 'Acme', tags: ['ok', 'v\u0000ip'] }, status: 400, code: 'validation_failed', field: 'tags.1', detail: 'invalid_character' },
  { it: 'a body that is not what its Content-Encoding says', method: 'POST', path: '/clients', body: '{"kind":"legal","name":"Acme"}', headers: { 'content-encoding': 'gzip' }, status: 400, code: 'validation_failed', detail: 'invalid_encoding' },
  { it: 'an update without version', method: 'PATCH', path: '/clients/1', json: { city: 'Paris' }, status: 400, code: 'validation_failed', field: 'version' },
  { it: 'a text id', method: 'GET', path: '/clients/abc', status: 400, code: 'invalid_id' },
  { it: 'a negative id', method: 'GET', path: '/clients/-1', status: 400, code: 'invalid_id' },
  { it: 'a huge id', method: 'GET', path: '/clients/99999999999999999999', status: 400, code: 'invalid_id' },
  { it: 'an unknown id', method: 'GET', path: '/clients/987654', status: 404, code: 'not_found' },
  { it: 'an unknown endpoint', method: 'GET', path: '/nothing-here', status: 404, code: 'route_not_found' },
  { it: 'a wrong method', method: 'PUT', path: '/clients', json: {}, status: 405, code: 'method_not_allowed' },
  { it: 'an unknown filter', method: 'GET', path: '/clients?colour=red', status: 400, code: 'invalid_query', field: 'colour' },
  { it: 'an SQL-looking filter name', method: 'GET', path: '/clients?' + encodeURIComponent('name;DROP TABLE clients') + '=x', status: 400, code: 'invalid_query' },
  { it: 'an unknown operator', method: 'GET', path: '/clients?name[regex]=a', status: 400, code: 'invalid_query' },
  { it: 'an SQL-looking sort', method: 'GET', path: '/clients?sort=' + encodeURIComponent('name; DROP TABLE clients'), status: 400, code: 'invalid_query', field: 'sort' },
  { it: 'a limit out of range', method: 'GET', path: '/clients?limit=100000', status: 400, code: 'invalid_query', field: 'limit' },
  { it: 'a repeated parameter', method: 'GET', path: '/clients?city=a&city=b', status: 400, code: 'invalid_query', field: 'city' },
  { it: 'a bad number filter', method: 'GET', path: '/invoices?total[gte]=lots', status: 400, code: 'invalid_query' },
  { it: 'a NUL character in a query parameter', method: 'GET', path: '/clients?city=Riga%00', status: 400, code: 'invalid_query', field: 'city', detail: 'invalid_character' },
  { it: 'a search without q', method: 'GET', path: '/search', status: 400, code: 'invalid_query', field: 'q' },
  { it: 'no credentials', method: 'GET', path: '/clients', anonymous: true, status: 401, code: 'unauthenticated' },
  { it: 'a bad bearer token', method: 'GET', path: '/clients', anonymous: true, headers: { authorization: 'Bearer kt_nope' }, status: 401, code: 'unauthenticated' },
  { it: 'a malformed authorization header', method: 'GET', path: '/clients', anonymous: true, headers: { authorization: 'Basic abc' }, status: 401, code: 'unauthenticated' },
  { it: 'a cookie that is no session', method: 'GET', path: '/clients', anonymous: true, headers: { cookie: 'kontora_session=forged' }, status: 401, code: 'session_expired' },
];

forEachDatabase('Bad input', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind);
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'EUR' });
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Existing Client' });
  });
  after(async () => t?.close());

  for (const c of cases) {
    it(`answers ${c.status} ${c.code} to ${c.it}`, async () => {
      const api = c.anonymous ? t.anonymous : t.admin;
      const reply = await api.request(c.method, c.path, c.json !== undefined ? c.json : c.body, c.headers ?? {});
      assert.equal(reply.status, c.status, JSON.stringify(reply.body).slice(0, 500));
      assert.equal(reply.body.error.code, c.code);
      assert.equal(typeof reply.body.error.message, 'string');
      if (c.field) assert.ok(reply.body.error.details?.some((d: any) => d.field === c.field && (!c.detail || d.code === c.detail)), JSON.stringify(reply.body.error.details));
      else if (c.detail) assert.ok(reply.body.error.details?.some((d: any) => d.code === c.detail), JSON.stringify(reply.body.error.details));
      assert.ok(!JSON.stringify(reply.body).includes('    at '), 'no stack trace in responses');
    });
  }

  it('still answers, and nothing was created or polluted, after all of it', async () => {
    await t.anonymous.expect(200, 'GET', '/health');
    const list = await t.admin.expect(200, 'GET', '/clients');
    assert.deepEqual(list.items.map((c: any) => c.name), ['Existing Client']);
    assert.equal(({} as any).admin, undefined);
    assert.ok(!t.logs.some((l) => l.includes('"level":"error"')), t.logs.filter((l) => l.includes('error')).join('\n'));
  });
});
