import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import PizZip from 'pizzip';
import yauzl from 'yauzl';
import { p } from '../templates/source/ooxml.js';
import { docxText } from '../server/documents/text.js';
import { resetSofficeLookup, sofficePath } from '../server/documents/pdf.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';
import { buildDocx, type Form } from '../templates/source/ooxml.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docx = (body: string[], extra: Partial<Form> = {}) => buildDocx({ name: 't', title: 'Test', recordType: 'contract', header: [], footer: [], body, ...extra });
const upload = (api: Api, path: string, content: Buffer) => api.request('POST', path, new Uint8Array(content), { 'content-type': DOCX });

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e85d0000000f4944415478da63f8cfc0f01f0000050101ff9a0ad1e20000000049454e44ae426082', 'hex');

async function download(api: Api, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${api.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const content = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, content, json: () => JSON.parse(content.toString('utf8')) };
}

function zipNames(content: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: false }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => names.push(e.fileName));
      zip.on('end', () => resolve(names));
    });
  });
}

forEachDatabase('Issuing documents', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let clientId: number;
  let contract: any;
  let invoices: any[];

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    const company = await t.admin.expect(201, 'POST', '/companies', { name: 'Northwind Trading', legalName: 'Northwind Trading Ltd', defaultCurrency: 'EUR', directorName: 'Margaret Hale', taxId: 'GB123' });
    const logo = await t.admin.request('PUT', `/companies/${company.id}/images/logo`, new Uint8Array(png), { 'content-type': 'image/png' });
    assert.equal(logo.status, 200);
    await t.admin.expect(201, 'POST', '/fields', { entity: 'contract', label: 'Project code', type: 'text' });
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    clientId = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex', legalName: 'Globex Corporation GmbH' })).id;
    await anna.expect(201, 'POST', '/contacts', { clientId, name: 'Frank Grimes', firstName: 'Frank', isPrimary: true });
    contract = await anna.expect(201, 'POST', '/contracts', {
      clientId, subject: 'Support 2027', startDate: '2027-01-01', endDate: '2027-12-31', projectCode: 'PRJ-7',
      lines: [{ description: 'Support plan', unit: 'month', quantity: '12', price: '100.00', vatRate: '21' }],
    });
    invoices = [];
    for (const price of ['250.00', '99.90', '1000.00']) {
      invoices.push(await anna.expect(201, 'POST', '/invoices', { clientId, contractId: contract.id, lines: [{ description: 'Consulting', unit: 'hour', quantity: '1', price, vatRate: '0' }] }));
    }
  });
  after(async () => t?.close());

  it('fills the default contract form with the record, its client, our company and the totals in words', async () => {
    const reply = await download(anna, 'POST', '/documents', { recordType: 'contract', recordId: contract.id });
    assert.equal(reply.status, 201, reply.content.toString().slice(0, 300));
    assert.equal(reply.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(reply.headers.get('content-disposition')!, /attachment; filename="Contract C-2026-0001\.docx"/);
    const text = docxText(reply.content);
    assert.match(text, new RegExp(`CONTRACT No\\. ${contract.number}`));
    assert.match(text, /Northwind Trading Ltd, represented by Director Margaret Hale/);
    assert.match(text, /and Globex Corporation GmbH, hereinafter/);
    assert.match(text, /1 \| Support plan \| 12 \| month \| 100\.00 \| 21 \| 1,452\.00/);
    assert.match(text, /Total amount: 1,452\.00 EUR \(One thousand four hundred fifty-two euros 00 cents\)/);
    assert.match(text, /valid from 1 January 2027 until 31 December 2027/);
    // The client has no address, tax id or bank: those requisites lines are left out, not printed empty.
    assert.match(text, /\| Client \/ Globex Corporation GmbH$/m);
    // A client without a director signs by its own name.
    assert.match(text, /For the Client \/ ________________ \/ Globex \//);
    // The company's logo is in the header, as a picture with its relationship.
    const zip = new PizZip(reply.content);
    assert.ok(Object.keys(zip.files).some((n) => /^word\/media\/kontora-image-1-[0-9a-f]{12}\.png$/.test(n)));
    assert.match(zip.file('word/_rels/header1.xml.rels')!.asText(), /Id="rIdKontoraImage1"[^>]*relationships\/image/);
    assert.match(zip.file('word/header1.xml')!.asText(), /<a:blip r:embed="rIdKontoraImage1"/);
  });

  it('archives the issued document with the record: same bytes on re-download, template version and data kept', async () => {
    const issued = await download(anna, 'POST', '/documents', { recordType: 'invoice', recordId: invoices[0].id, template: 'tax-invoice' });
    assert.equal(issued.status, 201);
    const id = Number(issued.headers.get('x-document-id'));
    const list = await anna.expect(200, 'GET', `/documents?recordType=invoice&recordId=${invoices[0].id}`);
    assert.equal(list.items[0].id, id);
    assert.deepEqual([list.items[0].templateName, list.items[0].templateVersion, list.items[0].format], ['tax-invoice', 1, 'docx']);
    assert.equal(list.items[0].sha256, crypto.createHash('sha256').update(issued.content).digest('hex'));

    // The template and the record change afterwards; the archive does not.
    const invoice = await anna.expect(200, 'GET', `/invoices/${invoices[0].id}`);
    await anna.expect(200, 'PATCH', `/invoices/${invoice.id}`, { version: invoice.version, notes: 'Changed later' });
    const again = await download(anna, 'GET', `/documents/${id}/content`);
    assert.equal(again.status, 200);
    assert.deepEqual(again.content, issued.content);
    const meta = await anna.expect(200, 'GET', `/documents/${id}`);
    assert.equal(meta.data.number, invoice.number);
    assert.equal(meta.data.total, '250.00');
    assert.equal(meta.data.client.name, 'Globex');
  });

  it('prints custom fields, conditions and loops from an uploaded form; a tag Word split into runs still works', async () => {
    const form = docx([
      p([{ text: '{cli', bold: true }, { text: 'ent.na', italic: true }, 'me | upper}']),
      p('Code: {projectCode}; missing: [{client.taxId}]'),
      p('{#autoRenew}renews{/autoRenew}{^autoRenew}ends{/autoRenew}'),
      p('{#lines}{position}. {description} × {quantity | qty} = {gross | currency}; {/lines}'),
      p('{#primaryContact}Dear {primaryContact.firstName},{/primaryContact}'),
      p('{total | words:"ru"}'),
    ]);
    const created = await upload(t.admin, '/templates?name=custom-contract&recordType=contract', form);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const reply = await download(anna, 'POST', '/documents', { recordType: 'contract', recordId: contract.id, template: created.body.id });
    assert.equal(reply.status, 201);
    const text = docxText(reply.content).split('\n');
    assert.deepEqual(text.slice(text.indexOf('--- document.xml') + 1, text.indexOf('--- document.xml') + 7), [
      'GLOBEX',
      'Code: PRJ-7; missing: []',
      'ends',
      '1. Support plan × 12 = 1,452.00 EUR; ',
      'Dear Frank,',
      'Одна тысяча четыреста пятьдесят два евро 00 центов',
    ]);
  });

  it('answers 404 for a record outside the user\'s scope, for issuing and for its archive', async () => {
    const issue = await boris.post('/documents', { recordType: 'contract', recordId: contract.id });
    assert.equal(issue.status, 404);
    assert.equal(issue.body.error.code, 'not_found');
    assert.equal((await boris.get(`/documents?recordType=contract&recordId=${contract.id}`)).status, 404);
    const mine = await anna.expect(200, 'GET', `/documents?recordType=contract&recordId=${contract.id}`);
    assert.equal((await boris.get(`/documents/${mine.items[0].id}`)).status, 404);
    assert.equal((await boris.get(`/documents/${mine.items[0].id}/content`)).status, 404);
  });

  it('refuses bad requests with clear codes', async () => {
    const cases: [unknown, number, string][] = [
      [{ recordType: 'payment', recordId: 1 }, 400, 'validation_failed'],
      [{ recordType: 'contract', recordId: contract.id, template: 'invoice' }, 400, 'validation_failed'],
      [{ recordType: 'contract', recordId: contract.id, template: 'no-such-form' }, 422, 'reference_invalid'],
      [{ recordType: 'contract', recordId: 999999 }, 404, 'not_found'],
      [{ recordType: 'contract', recordId: contract.id, format: 'odt' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await anna.post('/documents', body);
      assert.deepEqual([reply.status, reply.body.error?.code], [status, code], JSON.stringify(body));
    }
    assert.equal((await anna.get('/documents?recordType=contract')).status, 400);
    const recent = await anna.expect(200, 'GET', '/documents');
    assert.ok(recent.items.length > 0 && recent.items.every((d: any) => d.createdBy === anna.id));
    assert.equal((await boris.expect(200, 'GET', '/documents')).total, 0);
  });

  it('issues a batch for a filtered list as a zip, one archived document per record', async () => {
    const reply = await download(anna, 'POST', '/documents/batch', { recordType: 'invoice', filter: { contractId: contract.id } });
    assert.equal(reply.status, 200, reply.content.toString().slice(0, 300));
    assert.equal(reply.headers.get('content-type'), 'application/zip');
    assert.equal(reply.headers.get('x-document-count'), '3');
    const names = await zipNames(reply.content);
    assert.equal(names.length, 3);
    assert.ok(names.every((n) => n.startsWith('Invoice for payment ') && n.endsWith('.docx')));
    const archivedNames: string[] = [];
    for (const invoice of invoices) {
      const archived = await anna.expect(200, 'GET', `/documents?recordType=invoice&recordId=${invoice.id}`);
      const fromBatch = archived.items.filter((d: any) => d.templateName === 'invoice');
      assert.equal(fromBatch.length, 1, `one archived document for invoice ${invoice.id}`);
      archivedNames.push(fromBatch[0].fileName);
    }
    assert.deepEqual([...names].sort(), archivedNames.sort(), 'the zip holds the archived documents under their names');
  });

  it('issues a batch as one merged document, a page per record', async () => {
    const reply = await download(anna, 'POST', '/documents/batch', { recordType: 'invoice', ids: invoices.map((i) => i.id), template: 'act', output: 'merged' });
    assert.equal(reply.status, 200);
    const text = docxText(reply.content);
    // Draft invoices have no number yet: each page is told apart by its total.
    assert.equal(text.split('ACT No.').length, 4, 'one act per record');
    for (const total of ['250.00', '99.90', '1,000.00']) assert.ok(text.includes(`Total: ${total} EUR`), `the act of the invoice of ${total}`);
    assert.equal(text.split('[page break]').length, 3, 'two page breaks between three records');
    const outside = await boris.post('/documents/batch', { recordType: 'invoice', ids: [invoices[0].id] });
    assert.equal(outside.status, 404);
    const both = await anna.post('/documents/batch', { recordType: 'invoice', ids: [1], filter: {} });
    assert.equal(both.status, 400);
  });

  it('answers pdf_unavailable without LibreOffice, and keeps serving', async () => {
    const saved = process.env.KONTORA_SOFFICE;
    process.env.KONTORA_SOFFICE = '/nonexistent/soffice';
    resetSofficeLookup();
    try {
      const reply = await anna.post('/documents', { recordType: 'contract', recordId: contract.id, format: 'pdf' });
      assert.equal(reply.status, 501);
      assert.equal(reply.body.error.code, 'pdf_unavailable');
    } finally {
      if (saved === undefined) delete process.env.KONTORA_SOFFICE;
      else process.env.KONTORA_SOFFICE = saved;
      resetSofficeLookup();
    }
    assert.equal((await anna.get('/health')).status, 200);
  });

  it('converts to PDF with LibreOffice, several requests at once', async function () {
    if (!sofficePath()) {
      console.log('      ⚠ LibreOffice (soffice) is not installed: PDF generation is SKIPPED.');
      this.skip();
    }
    this.timeout(120_000);
    const replies = await Promise.all(invoices.map((i) => download(anna, 'POST', '/documents', { recordType: 'invoice', recordId: i.id, format: 'pdf' })));
    for (const reply of replies) {
      assert.equal(reply.status, 201, reply.content.toString().slice(0, 300));
      assert.equal(reply.headers.get('content-type'), 'application/pdf');
      assert.equal(reply.content.subarray(0, 5).toString('latin1'), '%PDF-');
    }
    const archived = await anna.expect(200, 'GET', `/documents?recordType=invoice&recordId=${invoices[1].id}`);
    assert.equal(archived.items[0].format, 'pdf');
  });
});
