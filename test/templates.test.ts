import assert from 'node:assert/strict';
import yazl from 'yazl';
import { buildDocx, p, type Form } from '../templates/source/ooxml.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function docx(body: string[], extra: Partial<Form> = {}): Buffer {
  return buildDocx({ name: 't', title: 'Test', recordType: 'contract', header: [], footer: [], body, ...extra });
}

function upload(api: Api, path: string, content: Buffer | string, type = DOCX) {
  return api.request('POST', path, typeof content === 'string' ? content : new Uint8Array(content), { 'content-type': type });
}

async function zipOf(entries: [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) zip.addBuffer(content, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

forEachDatabase('Print templates', (kind) => {
  let t: TestServer;
  let manager: Api & { id: number };
  let accountant: Api & { id: number };

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    manager = await t.user('mila', 'manager', 'own');
    accountant = await t.user('alex', 'accountant');
  });
  after(async () => t?.close());

  it('ships the six forms on first start, one default per record type', async () => {
    const list = await t.admin.expect(200, 'GET', '/templates');
    assert.deepEqual(list.items.map((x: any) => x.name).sort(), ['act', 'contract', 'invoice', 'letter', 'offer', 'tax-invoice']);
    const defaults = list.items.filter((x: any) => x.isDefault).map((x: any) => `${x.recordType}:${x.name}`).sort();
    assert.deepEqual(defaults, ['client:letter', 'contract:contract', 'invoice:invoice']);
    assert.ok(list.items.every((x: any) => x.shipped && x.currentVersion === 1));
    const invoices = await manager.expect(200, 'GET', '/templates?recordType=invoice');
    assert.deepEqual(invoices.items.map((x: any) => x.name), ['invoice', 'act', 'tax-invoice']);
  });

  it('loads the shipped forms once: a deleted form does not come back on the next start', async () => {
    const { loadShippedTemplates } = await import('../server/templates/shipped.js');
    const letter = (await t.admin.expect(200, 'GET', '/templates?recordType=client')).items[0];
    await t.admin.expect(204, 'DELETE', `/templates/${letter.id}`);
    assert.deepEqual(await loadShippedTemplates(t.server.ctx), []);
    assert.equal((await t.admin.expect(200, 'GET', '/templates?recordType=client')).total, 0);
  });

  it('lists every field of a record type as a tree, custom fields included', async () => {
    await t.admin.expect(201, 'POST', '/fields', { entity: 'contract', label: 'Project code', type: 'text' });
    const tree = await manager.expect(200, 'GET', '/templates/fields?type=contract');
    const keys = tree.fields.map((f: any) => f.key);
    assert.equal(keys.filter((k: string) => k === 'id').length, 1, 'each field once');
    assert.equal(tree.fields.find((f: any) => f.key === 'client').children.filter((c: any) => c.key === 'id').length, 1);
    for (const key of ['number', 'date', 'subject', 'total', 'lines', 'client', 'company', 'manager', 'primaryContact', 'signatory', 'today', 'projectCode']) assert.ok(keys.includes(key), key);
    const company = tree.fields.find((f: any) => f.key === 'company');
    assert.deepEqual(company.children.filter((c: any) => c.type === 'image').map((c: any) => c.key), ['logo', 'stamp', 'signature']);
    assert.equal(tree.fields.find((f: any) => f.key === 'projectCode').custom, true);
    assert.ok(tree.fields.find((f: any) => f.key === 'lines').children.some((c: any) => c.key === 'gross' && c.type === 'money'));
    assert.ok(tree.formatters.some((f: any) => f.name === 'words'));
    const manager2 = tree.fields.find((f: any) => f.key === 'manager').children.map((c: any) => c.key);
    assert.deepEqual(manager2, ['name', 'email'], 'no logins or roles of users');
    const all = await manager.expect(200, 'GET', '/templates/fields');
    assert.deepEqual(Object.keys(all.types), ['contract', 'invoice', 'client']);
    const bad = await manager.get('/templates/fields?type=payment');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_query');
  });

  it('stores an upload as a template, keeps every version and serves each one', async () => {
    const v1 = docx([p('Contract {number} for {client.name | upper}, code {projectCode}')]);
    const created = await upload(accountant, '/templates?name=short-contract&title=Short%20contract&recordType=contract&comment=first', v1);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.name, created.body.title, created.body.currentVersion, created.body.isDefault, created.body.shipped], ['short-contract', 'Short contract', 1, false, false]);
    const v2 = docx([p('Contract {number} of {date | date:"DD.MM.YYYY"}')]);
    const next = await upload(accountant, `/templates/${created.body.id}/versions?comment=dates`, v2);
    assert.equal(next.status, 201);
    assert.equal(next.body.currentVersion, 2);
    assert.deepEqual(next.body.versions.map((v: any) => [v.number, v.comment]), [[2, 'dates'], [1, 'first']]);
    const current = await fetch(`${t.url}/api/v1/templates/${created.body.id}/content`, { headers: { authorization: `Bearer ${manager.token}` } });
    assert.equal(current.headers.get('x-template-version'), '2');
    assert.deepEqual(Buffer.from(await current.arrayBuffer()), v2);
    const first = await fetch(`${t.url}/api/v1/templates/${created.body.id}/content?version=1`, { headers: { authorization: `Bearer ${manager.token}` } });
    assert.deepEqual(Buffer.from(await first.arrayBuffer()), v1);
    assert.equal((await manager.get(`/templates/${created.body.id}/content?version=9`)).status, 404);
    const again = await upload(accountant, '/templates?name=short-contract&recordType=contract', v1);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_exists');
  });

  it('refuses a broken template with every broken tag at once (tag, where, why) and stores nothing', async () => {
    const before = (await t.admin.expect(200, 'GET', '/templates')).total;
    const broken = docx([
      p('Contract {number} for {client.name'),
      p('Total {total | nope}'),
      p('Signed by {client.directorNam}'),
      p('{#lines}{description} {price | money}{/lines}'),
      p('{%client.name}'),
      p('{lines}'),
    ], { header: [p('Header {company.nmae}')] });
    const reply = await upload(t.admin, '/templates?name=broken&recordType=contract', broken);
    assert.equal(reply.status, 422);
    assert.equal(reply.body.error.code, 'template_invalid');
    const found = reply.body.error.details.map((d: any) => `${d.code} ${d.tag} @ ${d.where}`);
    assert.ok(found.some((f: string) => f.startsWith('unclosed_tag {client.name') && f.endsWith('@ body, paragraph 1')), found.join('\n'));
    assert.ok(found.includes('scopeparser_compilation_failed {total | nope} @ body, paragraph 2'), found.join('\n'));
    // Unknown fields are listed in the same answer, not only after the syntax is fixed.
    assert.ok(found.includes('unknown_field {client.directorNam} @ body, paragraph 3'), found.join('\n'));
    assert.ok(found.includes('unknown_field {company.nmae} @ header, paragraph 1'), found.join('\n'));
    assert.ok(!found.some((f: string) => f.includes('{description}') || f.includes('{price | money}')), 'fields inside a loop resolve against its items');
    assert.equal((await t.admin.expect(200, 'GET', '/templates')).total, before, 'nothing was stored');

    // With the syntax fixed, the unknown fields are all listed too.
    const unknown = docx([p('Signed by {client.directorNam}'), p('{#lines}{description} {prise | money}{/lines}'), p('{%client.name}'), p('{lines}'), p('{%company.logo | size:0:40}'), p('{%company.stamp | size:id:id}')], { header: [p('Header {company.nmae}')] });
    const second = await upload(t.admin, '/templates?name=broken&recordType=contract', unknown);
    assert.equal(second.status, 422);
    const problems = second.body.error.details.map((d: any) => `${d.code} ${d.tag} @ ${d.where}`).sort();
    assert.deepEqual(problems, [
      'invalid_size {%company.logo | size:0:40} @ body, paragraph 5',
      'invalid_size {%company.stamp | size:id:id} @ body, paragraph 6',
      'not_an_image {%client.name} @ body, paragraph 3',
      'not_printable {lines} @ body, paragraph 4',
      'unknown_field {client.directorNam} @ body, paragraph 1',
      'unknown_field {company.nmae} @ header, paragraph 1',
      'unknown_field {prise | money} @ body, paragraph 2',
    ]);
    assert.ok(second.body.error.details.every((d: any) => d.message && d.part));
  });

  it('checks a template without saving it', async () => {
    const ok = await upload(manager, '/templates/check?recordType=invoice', docx([p('{number} {contract.number} {#lines}{gross}{/lines}')]));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.ok, true);
    const wrongType = await upload(manager, '/templates/check?recordType=client', docx([p('{number} {#lines}{gross}{/lines}')]));
    assert.equal(wrongType.status, 422);
    assert.deepEqual(wrongType.body.error.details.map((d: any) => d.tag).sort(), ['{gross}', '{lines}', '{number}'].sort());
  });

  const badFiles: [string, () => Promise<Buffer | string>, string][] = [
    ['plain text', async () => 'this is not a document', 'not_zip'],
    ['a truncated .docx', async () => docx([p('x')]).subarray(0, 300), 'corrupt'],
    ['a zip without a Word document', async () => zipOf([['hello.txt', Buffer.from('hi')]]), 'not_docx'],
    ['a zip bomb (30 MB of zeros in a few KB)', async () => zipOf([['word/document.xml', Buffer.alloc(30 * 1024 * 1024)], ['[Content_Types].xml', Buffer.from('<Types/>')]]), 'zip_bomb'],
    ['a zip that unpacks to more than 64 MB', async () => zipOf(Array.from({ length: 70 }, (_, i) => [`word/media/image${i}.bin`, Buffer.alloc(1024 * 1024, i + 1)] as [string, Buffer])), 'too_large_unpacked'],
    ['a zip with too many entries', async () => zipOf(Array.from({ length: 1001 }, (_, i) => [`f${i}.txt`, Buffer.from('x')] as [string, Buffer])), 'too_many_entries'],
  ];
  for (const [what, make, code] of badFiles) {
    it(`refuses ${what} with invalid_file (${code}), and keeps serving`, async () => {
      const reply = await upload(t.admin, '/templates?name=bad-file&recordType=contract', await make());
      assert.equal(reply.status, 422, JSON.stringify(reply.body));
      assert.equal(reply.body.error.code, 'invalid_file');
      assert.equal(reply.body.error.details[0].code, code);
      assert.equal((await t.admin.get('/health')).status, 200);
    });
  }

  it('refuses other media types, empty bodies and bad names', async () => {
    const json = await t.admin.request('POST', '/templates?name=x&recordType=contract', { a: 1 });
    assert.equal(json.status, 415);
    const empty = await t.admin.request('POST', '/templates?name=x&recordType=contract', '', { 'content-type': DOCX });
    assert.equal(empty.status, 400);
    const bad = await upload(t.admin, '/templates?name=Bad%20Name&recordType=order&extra=1', docx([p('x')]));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_query');
    assert.deepEqual(bad.body.error.details.map((d: any) => d.field ?? d.code).sort(), ['extra', 'name', 'recordType'].sort().map((f) => f));
  });

  it('makes one template the default of its record type, refusing a stale version', async () => {
    const list = (await t.admin.expect(200, 'GET', '/templates?recordType=invoice')).items;
    const act = list.find((x: any) => x.name === 'act');
    const updated = await accountant.expect(200, 'PATCH', `/templates/${act.id}`, { version: act.version, isDefault: true, title: 'Act / delivery note' });
    assert.equal(updated.isDefault, true);
    const now = (await t.admin.expect(200, 'GET', '/templates?recordType=invoice')).items;
    assert.deepEqual(now.filter((x: any) => x.isDefault).map((x: any) => x.name), ['act']);
    const stale = await accountant.patch(`/templates/${act.id}`, { version: act.version, title: 'Old' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
  });

  it('lets managers read templates but not change them', async () => {
    const reply = await upload(manager, '/templates?name=mine&recordType=contract', docx([p('{number}')]));
    assert.equal(reply.status, 403);
    const id = (await manager.expect(200, 'GET', '/templates')).items[0].id;
    assert.equal((await manager.delete(`/templates/${id}`)).status, 403);
  });
});
