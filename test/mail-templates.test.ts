import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sofficePath } from '../server/documents/pdf.js';
import { prepareMail, checkMailTemplate } from '../server/mail-templates/render.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

/** A real SMTP server on 127.0.0.1 that keeps what it receives, parsed. */
async function startSmtp(): Promise<{ url: string; received: ParsedMail[]; envelopes: string[][]; close(): Promise<void> }> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        envelopes.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, envelopes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const codes = (body: any) => body.error.details.map((d: any) => d.code).sort();

forEachDatabase('E-mail templates', (kind) => {
  let t: TestServer;
  let mila: Api & { id: number };
  let oleg: Api & { id: number };
  let accountant: Api & { id: number };
  let viewer: Api & { id: number };
  let milaClient: any;
  let olegClient: any;
  let contact: any;

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    mila = await t.user('mila', 'manager', 'own');
    oleg = await t.user('oleg', 'manager', 'own');
    accountant = await t.user('alex', 'accountant');
    viewer = await t.user('vera', 'viewer');
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Credit limit', type: 'money', options: { currency: 'EUR' } });
    await t.admin.expect(201, 'POST', '/companies', { name: 'Kontora Demo Ltd', defaultCurrency: 'EUR', phone: '+371 6000 0000', isDefault: true });
    milaClient = await mila.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Acme <script>alert(1)</script> & Sons', creditLimit: '1250.5', emails: [{ address: 'office@acme.test' }] });
    olegClient = await oleg.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Oleg Trading' });
    contact = await mila.expect(201, 'POST', '/contacts', { clientId: milaClient.id, firstName: 'Ilse', lastName: 'Berg', isPrimary: true, emails: [{ address: 'ilse@acme.test' }] });
    await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Hammer', active: true });
    await t.admin.expect(201, 'POST', '/products', { kind: 'service', name: 'Assembly', active: true });
    await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Discontinued saw', active: false });
  });
  after(async () => t?.close());

  it('ships a promotion with the price list, a renewal reminder and a newsletter, each one mergeable', async () => {
    const list = await viewer.expect(200, 'GET', '/mail-templates');
    assert.deepEqual(list.items.map((x: any) => x.name), ['Newsletter', 'Promotion with price list', 'Renewal reminder']);
    assert.ok(list.items.every((x: any) => x.shipped));
    const promotion = list.items.find((x: any) => x.name === 'Promotion with price list');
    assert.equal(promotion.attachments, 1);
    for (const item of list.items) assert.deepEqual(await checkMailTemplate(t.server.ctx, item.id), [], item.name);
    const preview = await mila.expect(200, 'POST', `/mail-templates/${promotion.id}/preview`, { contactId: contact.id });
    assert.equal(preview.to, 'ilse@acme.test');
    assert.match(preview.subject, /^Acme <script>alert\(1\)<\/script> & Sons: our prices for November 2026$/);
    assert.match(preview.html, /Dear Ilse,/);
    assert.match(preview.html, /at \+371 6000 0000/);
    assert.deepEqual(preview.attachments.map((a: any) => a.filename), ['price-list.xlsx']);
  });

  it('creates, reads, changes with the version read, audits and deletes; rights by role', async () => {
    const body = { name: 'Hello', subject: 'Hello {client.name}', html: '<p>Hi {contact.firstName}</p>' };
    await viewer.expect(403, 'POST', '/mail-templates', body);
    await accountant.expect(403, 'POST', '/mail-templates', body);
    const created = await mila.expect(201, 'POST', '/mail-templates', body);
    assert.equal(created.version, 1);
    assert.equal(created.text, null);
    assert.equal((await accountant.expect(200, 'GET', `/mail-templates/${created.id}`)).subject, 'Hello {client.name}');
    await accountant.expect(403, 'PATCH', `/mail-templates/${created.id}`, { version: 1, subject: 'x' });
    await mila.expect(409, 'POST', '/mail-templates', body);
    const changed = await mila.expect(200, 'PATCH', `/mail-templates/${created.id}`, { version: 1, subject: 'Dear {client.name}', text: 'Plain {client.name}' });
    assert.equal(changed.version, 2);
    const stale = await oleg.request('PATCH', `/mail-templates/${created.id}`, { version: 1, subject: 'Lost update' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.equal(stale.body.error.current.subject, 'Dear {client.name}');
    const audit = await t.admin.expect(200, 'GET', `/mail-templates/${created.id}/audit`);
    assert.deepEqual(audit.items.map((e: any) => e.action), ['update', 'create']);
    assert.deepEqual(audit.items[0].changes.subject, { old: 'Hello {client.name}', new: 'Dear {client.name}' });
    await viewer.expect(403, 'DELETE', `/mail-templates/${created.id}`);
    await mila.expect(204, 'DELETE', `/mail-templates/${created.id}`);
    await mila.expect(404, 'GET', `/mail-templates/${created.id}`);
  });

  it('merges fields with the Word formatters, custom fields and sections; values are escaped in HTML only', async () => {
    const created = await mila.expect(201, 'POST', '/mail-templates', {
      name: 'Merge', locale: 'en',
      subject: '{client.name | upper} — limit {client.creditLimit | money}',
      html: '<style>p { margin: 0 }</style><p>{#contact}Dear {firstName} {lastName},{/contact}{^contact}Hello,{/contact}</p>'
        + '<p>Your limit: {client.creditLimit | currency}, in words {client.creditLimit | words}.</p><p>Date: {today | date:&quot;DD.MM.YYYY&quot;}</p>'
        + '<p>{#client.taxId}Tax id {client.taxId}{/client.taxId}{^client.taxId}No tax id{/client.taxId}</p><p>{unsubscribeLink}</p>',
    });
    const byContact = await mila.expect(200, 'POST', `/mail-templates/${created.id}/preview`, { contactId: contact.id });
    assert.equal(byContact.subject, 'ACME <SCRIPT>ALERT(1)</SCRIPT> & SONS — limit 1,250.50');
    assert.match(byContact.html, /<p>Dear Ilse Berg,<\/p>/);
    assert.match(byContact.html, /Your limit: 1,250.50 EUR, in words one thousand two hundred fifty euro/i);
    assert.match(byContact.html, /Date: 27\.11\.2026/);
    assert.match(byContact.html, /No tax id/);
    assert.match(byContact.html, /<style>p \{ margin: 0 \}<\/style>/, 'CSS braces are left alone');
    assert.match(byContact.html, /<a href="https:\/\/unsubscribe\.invalid\/preview">Unsubscribe<\/a>/);
    assert.match(byContact.text, /Dear Ilse Berg,/);
    assert.match(byContact.text, /https:\/\/unsubscribe\.invalid\/preview/);
    // The client's primary contact stands in when the recipient is the client.
    const byClient = await mila.expect(200, 'POST', `/mail-templates/${created.id}/preview`, { clientId: milaClient.id });
    assert.equal(byClient.to, 'office@acme.test');
    assert.match(byClient.html, /Dear Ilse Berg,/);
    const other = await oleg.expect(200, 'POST', `/mail-templates/${created.id}/preview`, { clientId: olegClient.id });
    assert.match(other.html, /<p>Hello,<\/p>/);
    assert.equal(other.subject, 'OLEG TRADING — limit');

    const escaped = await mila.expect(201, 'POST', '/mail-templates', { name: 'Escape', subject: 'For {client.name}', html: '<p title="{client.name}">{client.name}</p>' });
    const mail = await mila.expect(200, 'POST', `/mail-templates/${escaped.id}/preview`, { clientId: milaClient.id });
    assert.equal(mail.html, '<p title="Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons">Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons</p>');
    assert.ok(!mail.html.includes('<script>'));
    assert.equal(mail.text, 'Acme <script>alert(1)</script> & Sons', 'the plain-text part carries the name as written');
    assert.equal(mail.subject, 'For Acme <script>alert(1)</script> & Sons');
    // A brace meant as text is written as an entity; the plain-text part shows it as a brace.
    const braces = await mila.expect(201, 'POST', '/mail-templates', { name: 'Braces', subject: 'x', html: '<p>Write &#123;name&#125; to {client.id | number}</p>' });
    const literal = await mila.expect(200, 'POST', `/mail-templates/${braces.id}/preview`, { clientId: milaClient.id });
    assert.equal(literal.html, `<p>Write &#123;name&#125; to ${milaClient.id}</p>`);
    assert.equal(literal.text, `Write {name} to ${milaClient.id}`);
  });

  it('refuses a broken template with every problem listed, saving nothing; the check endpoint says the same', async () => {
    const broken = {
      name: 'Broken',
      subject: 'Offer for {client.nmae}',
      html: '<p>{#contact}Dear {firstName}</p>\n<p>{client.name | shout}</p>\n<p>{client}</p>\n<p>{/order}</p>\n<p>{client.name</p>',
      text: 'Hi {%company.logo} {/order}',
    };
    const reply = await mila.request('POST', '/mail-templates', broken);
    assert.equal(reply.status, 422);
    assert.equal(reply.body.error.code, 'template_invalid');
    assert.deepEqual(codes(reply.body), ['broken_tag', 'closing_tag_does_not_match_opening_tag', 'not_printable', 'not_supported', 'unclosed_loop', 'unclosed_tag', 'unknown_field', 'unopened_loop']);
    const unknown = reply.body.error.details.find((d: any) => d.code === 'unknown_field');
    assert.equal(unknown.tag, '{client.nmae}');
    assert.equal(unknown.where, 'subject');
    const shout = reply.body.error.details.find((d: any) => d.code === 'broken_tag');
    assert.equal(shout.where, 'HTML body, line 2');
    assert.match(shout.message, /no formatter "shout"/);
    assert.equal((await mila.expect(200, 'GET', '/mail-templates')).items.filter((x: any) => x.name === 'Broken').length, 0);
    const checked = await viewer.request('POST', '/mail-templates/check', { subject: broken.subject, html: broken.html, text: broken.text });
    assert.equal(checked.status, 422);
    assert.deepEqual(codes(checked.body), codes(reply.body));
    await viewer.expect(200, 'POST', '/mail-templates/check', { subject: 'Hi {client.name}', html: '<p>{#contact}{firstName}{/contact}</p>' });
    // A change that breaks a stored template is refused too, and the template stays as it was.
    const good = await mila.expect(201, 'POST', '/mail-templates', { name: 'Good', subject: 'Hi', html: '<p>{client.name}</p>' });
    const refused = await mila.request('PATCH', `/mail-templates/${good.id}`, { version: 1, html: '<p>{client.nosuch}</p>' });
    assert.equal(refused.status, 422);
    assert.equal((await mila.expect(200, 'GET', `/mail-templates/${good.id}`)).version, 1);
  });

  it('previews only clients and contacts within the user\'s scope (others are 404)', async () => {
    const id = (await mila.expect(200, 'GET', '/mail-templates')).items.find((x: any) => x.name === 'Good').id;
    await mila.expect(404, 'POST', `/mail-templates/${id}/preview`, { clientId: olegClient.id });
    await oleg.expect(404, 'POST', `/mail-templates/${id}/preview`, { contactId: contact.id });
    await oleg.expect(404, 'POST', `/mail-templates/${id}/test-send`, { to: 'x@example.com', clientId: milaClient.id });
    await t.admin.expect(200, 'POST', `/mail-templates/${id}/preview`, { clientId: olegClient.id });
    await mila.expect(404, 'POST', '/mail-templates/999999/preview', { clientId: milaClient.id });
    // The prepared renderer used for mailings applies the same scope.
    const milaActor = { id: mila.id, login: 'mila', name: 'Mila', role: 'manager' as const, scope: 'own' as const };
    const render = await prepareMail(t.server.ctx, milaActor, id);
    await assert.rejects(render({ email: 'x@example.com', clientId: olegClient.id }), (err: any) => err.code === 'not_found');
  });

  it('attaches uploaded and generated files; a test send arrives at a real SMTP server with subject, HTML, text and attachments', async () => {
    const created = await mila.expect(201, 'POST', '/mail-templates', {
      name: 'With files', subject: 'Prices for {client.name}', html: '<h1>Hello {contact.firstName}</h1><p>See the price list.</p><p>{unsubscribeLink}</p>',
    });
    const pdf = Buffer.from('%PDF-1.4\n% a small file\n');
    const up = await mila.request('POST', `/mail-templates/${created.id}/attachments/upload?fileName=${encodeURIComponent('Terms.pdf')}`, new Uint8Array(pdf), { 'content-type': 'application/octet-stream' });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    await mila.expect(201, 'POST', `/mail-templates/${created.id}/attachments`, { kind: 'price_list', fileName: 'Prices November' });
    const letter = (await t.admin.expect(200, 'GET', '/templates?recordType=client')).items[0];
    const withDoc = await mila.expect(201, 'POST', `/mail-templates/${created.id}/attachments`, { kind: 'document', documentTemplateId: letter.id, format: 'docx', fileName: 'Letter' });
    assert.deepEqual(withDoc.attachments.map((a: any) => [a.kind, a.fileName]), [['file', 'Terms.pdf'], ['price_list', 'Prices November.xlsx'], ['document', 'Letter.docx']]);
    assert.equal(withDoc.attachments[0].size, pdf.length);

    const smtp = await startSmtp();
    (t.server.ctx.config as { smtpUrl?: string }).smtpUrl = smtp.url;
    try {
      await viewer.expect(403, 'POST', `/mail-templates/${created.id}/test-send`, { to: 'me@example.com', contactId: contact.id });
      const sent = await mila.expect(200, 'POST', `/mail-templates/${created.id}/test-send`, { to: 'me@example.com', contactId: contact.id });
      assert.equal(sent.via, 'smtp');
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.deepEqual(smtp.envelopes[0], ['me@example.com']);
      assert.equal(mail.subject, '[Test] Prices for Acme <script>alert(1)</script> & Sons');
      assert.match(String(mail.html), /<h1>Hello Ilse<\/h1>/);
      assert.match(mail.text ?? '', /Hello Ilse/);
      assert.deepEqual(mail.attachments.map((a) => a.filename), ['Terms.pdf', 'Prices November.xlsx', 'Letter Acme -script-alert(1)-script- & Sons.docx']);
      assert.deepEqual(mail.attachments[0]!.content, pdf);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(mail.attachments[1]!.content as never);
      const names: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => names.push(String(cell.value ?? ''))));
      assert.ok(names.includes('Hammer') && names.includes('Assembly'), names.join('|'));
      assert.ok(!names.includes('Discontinued saw'), 'inactive products are not offered');
      assert.equal(mail.attachments[2]!.content.subarray(0, 2).toString(), 'PK');
    } finally {
      await smtp.close();
      (t.server.ctx.config as { smtpUrl?: string }).smtpUrl = undefined;
    }
    // Without a mail server the test message lands in the outbox folder.
    await mila.expect(200, 'POST', `/mail-templates/${created.id}/test-send`, { to: 'me@example.com', clientId: milaClient.id });
    const outbox = path.join(t.server.ctx.config.dataDir, 'outbox');
    const eml = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    assert.equal(eml.length, 1);
    const parsed = await simpleParser(fs.readFileSync(path.join(outbox, eml[0]!)));
    assert.equal(parsed.subject, '[Test] Prices for Acme <script>alert(1)</script> & Sons');
    assert.equal(parsed.attachments.length, 3);

    const removed = withDoc.attachments[0].id;
    await mila.expect(204, 'DELETE', `/mail-templates/${created.id}/attachments/${removed}`);
    await mila.expect(404, 'DELETE', `/mail-templates/${created.id}/attachments/${removed}`);
    const preview = await mila.expect(200, 'POST', `/mail-templates/${created.id}/preview`, { contactId: contact.id });
    assert.deepEqual(preview.attachments.map((a: any) => a.filename), ['Prices November.xlsx', 'Letter Acme -script-alert(1)-script- & Sons.docx']);
  });

  it('renders many recipients from one prepared template, each with their own data', async () => {
    const created = await t.admin.expect(201, 'POST', '/mail-templates', { name: 'Bulk', subject: '{client.name} / {contact.firstName | default:"—"} / {manager.name}', html: '<p>{recipient.email}</p>' });
    const clients = [];
    for (let i = 0; i < 30; i++) clients.push(await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: `Bulk ${i}`, managerId: i % 2 ? mila.id : oleg.id }));
    const admin = { id: 1, login: 'admin', name: 'Admin', role: 'admin' as const, scope: 'all' as const };
    const render = await prepareMail(t.server.ctx, admin, created.id);
    const recipients = clients.map((c, i) => ({ email: `r${i}@example.com`, clientId: c.id }));
    await render.preload(recipients);
    const mails = await Promise.all(recipients.map((r) => render(r)));
    assert.deepEqual(mails.map((m) => m.subject), clients.map((c, i) => `Bulk ${i} / — / ${i % 2 ? 'Mila' : 'Oleg'}`));
    assert.deepEqual(mails.map((m) => m.html), recipients.map((r) => `<p>${r.email}</p>`));
  });

  it('answers bad input with 4xx and stable codes', async () => {
    const id = (await mila.expect(200, 'GET', '/mail-templates')).items.find((x: any) => x.name === 'Good').id;
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/mail-templates/${id}/test-send`, { to: 'not an address', clientId: milaClient.id }, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/test-send`, { to: 'a@example.com' }, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/preview`, {}, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/preview`, { clientId: 'one' }, 400, 'validation_failed'],
      ['POST', '/mail-templates', { name: 'No body', subject: 'x' }, 400, 'validation_failed'],
      ['POST', '/mail-templates', { name: 'Huge', subject: 'x', html: 'x'.repeat(600_000) }, 400, 'validation_failed'],
      ['POST', '/mail-templates', { name: 'Larger than the server takes', subject: 'x', html: 'x'.repeat(2_000_000) }, 413, 'payload_too_large'],
      ['POST', '/mail-templates', { name: 'Extra', subject: 'x', html: 'x', script: 'y' }, 400, 'validation_failed'],
      ['PATCH', `/mail-templates/${id}`, { subject: 'no version' }, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/attachments`, { kind: 'video' }, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/attachments`, { kind: 'document' }, 400, 'validation_failed'],
      ['POST', `/mail-templates/${id}/attachments`, { kind: 'document', documentTemplateId: 999999 }, 422, 'reference_invalid'],
      ['POST', '/mail-templates/abc/preview', { clientId: 1 }, 400, 'invalid_id'],
      ['DELETE', `/mail-templates/${id}/attachments/0`, undefined, 400, 'invalid_id'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const reply = await mila.request(method, url, body);
      assert.equal(reply.status, status, `${method} ${url}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      assert.equal(reply.body.error.code, code, `${method} ${url}`);
    }
    const empty = await mila.request('POST', `/mail-templates/${id}/attachments/upload?fileName=a.txt`, new Uint8Array(0), { 'content-type': 'application/octet-stream' });
    assert.equal(empty.status, 400);
    const noName = await mila.request('POST', `/mail-templates/${id}/attachments/upload`, new Uint8Array([1]), { 'content-type': 'application/octet-stream' });
    assert.equal(noName.body.error.code, 'invalid_query');
    const big = await mila.request('POST', `/mail-templates/${id}/attachments/upload?fileName=big.bin`, new Uint8Array(11 * 1024 * 1024), { 'content-type': 'application/octet-stream' });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'payload_too_large');
    // Several files may not add up to more than a mail server takes.
    const nine = new Uint8Array(9 * 1024 * 1024);
    assert.equal((await mila.request('POST', `/mail-templates/${id}/attachments/upload?fileName=a.bin`, nine, { 'content-type': 'application/octet-stream' })).status, 201);
    const second = await mila.request('POST', `/mail-templates/${id}/attachments/upload?fileName=b.bin`, nine, { 'content-type': 'application/octet-stream' });
    assert.equal(second.status, 413);
    assert.equal(second.body.error.code, 'payload_too_large');
    assert.equal((await mila.expect(200, 'GET', `/mail-templates/${id}`)).attachments.length, 1, 'the refused file is not attached');
    if (!sofficePath()) {
      const letter = (await t.admin.expect(200, 'GET', '/templates?recordType=client')).items[0];
      const pdf = await mila.request('POST', `/mail-templates/${id}/attachments`, { kind: 'document', documentTemplateId: letter.id, format: 'pdf' });
      assert.equal(pdf.body.error.code, 'pdf_unavailable');
    }
  });
});
