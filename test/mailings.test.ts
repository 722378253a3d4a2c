import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { smtpOptions } from '../server/mail/smtp-url.js';
import { readConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { mailTransport, SendFailure, type MailTransport } from '../server/mail/transport.js';
import { INTERRUPTED, replaceRunner, runnerOf, type MailingRunner, type RunnerOptions } from '../server/mailings/runner.js';
import { forEachDatabase } from './support/databases.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { configureMicrosoft, connectMailbox } from './support/microsoft.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

interface Smtp {
  url: string;
  received: ParsedMail[];
  /** address → how the server answers RCPT TO: fail the next `times` (or always) with `code`. */
  rules: Map<string, { code: number; times: number }>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (port 0), each message parsed as a mail program would. */
async function startSmtp(): Promise<Smtp> {
  const received: ParsedMail[] = [];
  const rules = new Map<string, { code: number; times: number }>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      const rule = rules.get(address.address.toLowerCase());
      if (rule && rule.times > 0) {
        rule.times--;
        const err = Object.assign(new Error(rule.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: rule.code });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, rules, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const toAddress = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address!.toLowerCase();
/** A header as sent (mailparser turns List-* headers into objects). */
const header = (m: ParsedMail, name: string) => {
  const line = m.headerLines.find((h) => h.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
};

forEachDatabase('Mailings', (kind) => {
  let t: TestServer;
  let smtp: Smtp;
  let templateId: number;
  let manager: Api & { id: number };
  let runner: MailingRunner;

  function useRunner(options: RunnerOptions = {}): MailingRunner {
    runner = replaceRunner(t.server.ctx, { retryBaseMs: 40, maxAttempts: 3, ...options });
    return runner;
  }

  /**
   * A runner whose process "dies" while its transport hands over message
   * number `dieAt`: the message is delivered but the run never hears so, and
   * the runner writes nothing more (halt()). `crashed` resolves then.
   */
  function dyingRunner(dieAt: number): { crashed: Promise<void>; transport: () => MailTransport | undefined } {
    let sends = 0;
    let dead: MailTransport | undefined;
    let signal!: () => void;
    const crashed = new Promise<void>((resolve) => (signal = resolve));
    const dying = useRunner({
      transportFor(ctx): MailTransport {
        const real = (dead = mailTransport(ctx, 'server'));
        return {
          kind: real.kind, pace: () => real.pace(), close: () => real.close(),
          async send(mail, options) {
            const result = await real.send(mail, options);
            if (++sends === dieAt) {
              dying.halt();
              signal();
              return new Promise<never>(() => undefined);
            }
            return result;
          },
        };
      },
    });
    return { crashed, transport: () => dead };
  }

  /** Clients tagged `tag`, each with the address given (null: none). */
  async function clients(tag: string, addresses: (string | null)[]): Promise<number[]> {
    const ids: number[] = [];
    for (const [i, address] of addresses.entries()) {
      const body = { kind: 'legal', name: `${tag} client ${i + 1}`, tags: [tag], ...(address ? { emails: [{ address }] } : {}) };
      ids.push((await t.admin.expect(201, 'POST', '/clients', body)).id);
    }
    return ids;
  }

  async function mailing(tag: string, extra: Record<string, unknown> = {}): Promise<any> {
    return t.admin.expect(201, 'POST', '/mailings', { name: `Spring offer ${tag}`, templateId, audience: 'clients', filter: { tag }, ...extra });
  }

  async function runToEnd(id: number): Promise<any> {
    await runner.idle();
    return t.admin.expect(200, 'GET', `/mailings/${id}/progress`);
  }

  const sentTo = (addr: string) => smtp.received.filter((m) => toAddress(m) === addr).length;

  before(async () => {
    t = await startTestServer(kind);
    smtp = await startSmtp();
    await runnerOf(t.server.ctx).stop();
    t.server.ctx.config.smtpUrl = smtp.url;
    t.server.ctx.config.publicUrl = t.url;
    useRunner();
    manager = await t.user('mira', 'manager', 'own');
    const template = await t.admin.expect(201, 'POST', '/mail-templates', {
      name: 'Spring offer', subject: 'Spring prices for {client.name}',
      html: '<p>Hello {client.name},</p><p>our new prices are attached.</p><p>{unsubscribeLink}</p>',
    });
    templateId = template.id;
    const upload = await fetch(`${t.url}/api/v1/mail-templates/${templateId}/attachments/upload?fileName=prices.csv`, {
      method: 'POST', headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/octet-stream' }, body: 'item;price\r\nHammer;10\r\n',
    });
    assert.equal(upload.status, 201, await upload.text());
  });

  after(async () => {
    await runner?.stop();
    await t?.close();
    await smtp?.close();
  });

  it('sends every recipient exactly one personalised message with unsubscribe headers and the attachment, skipping the rest with reasons', async () => {
    const [a, b, , , e] = await clients('spring', ['anna@spring.test', 'boris@spring.test', null, 'ANNA@spring.test', 'erik@spring.test', 'bad-address@spring.test']);
    // An address the client form would refuse, as an import of old data may leave it.
    const bad = (await t.server.ctx.db('channels').where({ kind: 'email', normalized: 'bad-address@spring.test' }).first('id')) as { id: number };
    await t.server.ctx.db('channels').where({ id: bad.id }).update({ value: 'bad address@spring', normalized: 'bad address@spring' });
    await t.admin.expect(201, 'POST', '/mail-suppressions', { address: 'Erik@Spring.test' });

    const m = await mailing('spring');
    const audience = await t.admin.expect(200, 'GET', `/mailings/${m.id}/audience`);
    assert.equal(audience.total, 6);
    assert.equal(audience.toSend, 2);
    assert.deepEqual(audience.skipped, { no_email: 1, duplicate_address: 1, unsubscribed: 1, invalid_address: 1 });
    const preview = await t.admin.expect(200, 'GET', `/mailings/${m.id}/preview?index=1`);
    assert.equal(preview.subject, 'Spring prices for spring client 2');
    assert.deepEqual(preview.attachments.map((x: any) => x.filename), ['prices.csv']);

    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    const progress = await runToEnd(m.id);
    assert.equal(progress.status, 'done');
    assert.deepEqual(progress.counts, { queued: 0, sending: 0, sent: 2, failed: 0, skipped: 4, total: 6 });

    assert.equal(sentTo('anna@spring.test'), 1);
    assert.equal(sentTo('boris@spring.test'), 1);
    assert.equal(sentTo('erik@spring.test'), 0);
    const anna = smtp.received.find((x) => toAddress(x) === 'anna@spring.test')!;
    assert.equal(anna.subject, 'Spring prices for spring client 1');
    assert.match(anna.text ?? '', /Hello spring client 1/);
    assert.deepEqual(anna.attachments.map((x) => [x.filename, x.content.toString()]), [['prices.csv', 'item;price\r\nHammer;10\r\n']]);
    const listUnsubscribe = header(anna, 'list-unsubscribe');
    assert.match(listUnsubscribe, new RegExp(`<${t.url.replace(/[.]/g, '\\.')}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>, <mailto:[^>]+\\?subject=unsubscribe>`));
    assert.equal(header(anna, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    // The link in the body is the one in the header.
    const link = /<(http[^>]+)>/.exec(listUnsubscribe)![1]!;
    assert.ok(String(anna.html).includes(link), 'the body carries the unsubscribe link');

    const rows = (await t.admin.expect(200, 'GET', `/mailings/${m.id}/recipients?limit=10`)).items;
    assert.deepEqual(rows.map((r: any) => [r.state, r.reason]), [['sent', null], ['sent', null], ['skipped', 'no_email'], ['skipped', 'duplicate_address'], ['skipped', 'unsubscribed'], ['skipped', 'invalid_address']]);
    const events = (await t.admin.expect(200, 'GET', `/events?clientId=${a}`)).items;
    assert.equal(events.length, 1);
    assert.equal(events[0].type, 'email');
    assert.equal(events[0].direction, 'outgoing');
    assert.equal(events[0].status, 'done');
    assert.equal(events[0].subject, 'Spring prices for spring client 1');
    assert.equal((await t.admin.expect(200, 'GET', `/events?clientId=${b}`)).items.length, 1);
    assert.equal((await t.admin.expect(200, 'GET', `/events?clientId=${e}`)).items.length, 0);
  });

  it('unsubscribes through the link: a confirmation page on GET, one click on POST, 400 for a forged link; later mailings skip the address', async () => {
    await clients('unsub', ['uma@unsub.test', 'ulf@unsub.test']);
    const m = await mailing('unsub');
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    await runToEnd(m.id);
    const uma = smtp.received.find((x) => toAddress(x) === 'uma@unsub.test')!;
    const link = /<(http[^>]+)>/.exec(header(uma, 'list-unsubscribe'))![1]!;

    const page = await fetch(link);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /uma@unsub\.test/);
    assert.match(html, /<form method="post"/);
    assert.equal((await t.admin.expect(200, 'GET', '/mail-suppressions')).items.filter((s: any) => s.address === 'uma@unsub.test').length, 0, 'GET alone does not unsubscribe');

    const click = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(click.status, 200);
    const again = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(again.status, 200, 'a second click is harmless');
    const list = (await t.admin.expect(200, 'GET', '/mail-suppressions')).items;
    assert.deepEqual(list.filter((s: any) => s.address === 'uma@unsub.test').map((s: any) => [s.reason, s.mailingId]), [['unsubscribed', m.id]]);

    const token = link.split('/u/')[1]!;
    const [payload, sig] = token.split('.');
    const forgedPayload = Buffer.from(`${m.id}:someone@else.test`).toString('base64url');
    for (const bad of [`${forgedPayload}.${sig}`, `${payload}.${'A'.repeat(24)}`, 'nonsense', `${payload}`, '%E0%A4%A', 'x'.repeat(5000)]) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${t.url}/u/${bad}`, { method });
        assert.equal(res.status, 400, `${method} /u/${bad.slice(0, 30)}`);
        assert.match(await res.text(), /not valid/);
      }
    }
    assert.equal((await t.admin.expect(200, 'GET', '/mail-suppressions?limit=500')).items.filter((s: any) => s.address === 'someone@else.test').length, 0);

    const before = sentTo('uma@unsub.test');
    const next = await mailing('unsub', { name: 'Second' });
    await t.admin.expect(200, 'POST', `/mailings/${next.id}/start`, {});
    const progress = await runToEnd(next.id);
    assert.deepEqual(progress.skipped, { unsubscribed: 1 });
    assert.equal(sentTo('uma@unsub.test'), before);
  });

  it('checks the suppression list before every send, not only when the mailing starts', async () => {
    await clients('late', ['lea@late.test', 'leo@late.test']);
    const m = await mailing('late');
    runner.pause();
    const held = useRunner();
    // Started but held: the queue is fixed, then Leo unsubscribes before his message goes.
    const original = held.wake.bind(held);
    held.wake = () => undefined;
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    await t.admin.expect(201, 'POST', '/mail-suppressions', { address: 'leo@late.test' });
    held.wake = original;
    await held.tick();
    const progress = await runToEnd(m.id);
    assert.equal(progress.counts.sent, 1);
    assert.deepEqual(progress.skipped, { unsubscribed: 1 });
    assert.equal(sentTo('leo@late.test'), 0);
  });

  it('retries a temporary SMTP failure with backoff, then marks it failed; a permanent refusal fails at once', async () => {
    await clients('retry', ['once@retry.test', 'always@retry.test', 'never@retry.test', 'fine@retry.test']);
    smtp.rules.set('once@retry.test', { code: 451, times: 2 });
    smtp.rules.set('always@retry.test', { code: 451, times: 99 });
    smtp.rules.set('never@retry.test', { code: 550, times: 99 });
    const m = await mailing('retry');
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    const progress = await runToEnd(m.id);
    assert.equal(progress.status, 'done');
    const rows = new Map<string, any>((await t.admin.expect(200, 'GET', `/mailings/${m.id}/recipients`)).items.map((r: any) => [r.email, r]));
    assert.deepEqual([rows.get('once@retry.test').state, rows.get('once@retry.test').attempts], ['sent', 3]);
    assert.deepEqual([rows.get('always@retry.test').state, rows.get('always@retry.test').attempts], ['failed', 3]);
    assert.match(rows.get('always@retry.test').reason, /^451 .*gave up after 3 attempts/);
    assert.deepEqual([rows.get('never@retry.test').state, rows.get('never@retry.test').attempts], ['failed', 1]);
    assert.match(rows.get('never@retry.test').reason, /^550 /);
    assert.equal(sentTo('once@retry.test'), 1);
    assert.equal(sentTo('fine@retry.test'), 1);
  });

  it('pauses, resumes and cancels between messages', async () => {
    const addresses = Array.from({ length: 16 }, (_, i) => `p${i}@pause.test`);
    await clients('pause', addresses);
    // 600 a minute: one message every 100 ms, slow enough to act in the middle.
    const m = await mailing('pause', { ratePerMinute: 600 });
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    const sent = async () => (await t.admin.expect(200, 'GET', `/mailings/${m.id}/progress`)).counts.sent as number;
    const delivered = () => smtp.received.filter((x) => toAddress(x).endsWith('@pause.test')).length;
    while (delivered() < 3) await new Promise((r) => setTimeout(r, 10));
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/pause`, {});
    await runner.idle();
    const atPause = await sent();
    assert.ok(atPause < 16, `paused after ${atPause}`);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(await sent(), atPause, 'nothing goes out while paused');
    assert.equal(delivered(), atPause);
    await t.admin.expect(409, 'POST', `/mailings/${m.id}/pause`, {});

    await t.admin.expect(200, 'POST', `/mailings/${m.id}/resume`, {});
    while (delivered() < atPause + 3) await new Promise((r) => setTimeout(r, 10));
    const cancelled = await t.admin.expect(200, 'POST', `/mailings/${m.id}/cancel`, {});
    assert.equal(cancelled.status, 'cancelled');
    await runner.idle();
    const progress = await t.admin.expect(200, 'GET', `/mailings/${m.id}/progress`);
    assert.ok(progress.counts.sent < 16 && progress.counts.sent >= atPause + 3, `sent ${progress.counts.sent}`);
    assert.equal(progress.counts.sent + progress.skipped.cancelled, 16);
    assert.equal(delivered(), progress.counts.sent);
    await t.admin.expect(409, 'POST', `/mailings/${m.id}/resume`, {});
  });

  it('a run killed midway and restarted delivers the rest and nobody twice (SMTP: an interrupted message is not sent again)', async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `k${i}@kill.test`);
    await clients('kill', addresses);
    const m = await mailing('kill');
    // The "process" dies while the SMTP server is taking its 11th message: delivered, never acknowledged to the run.
    const dying = dyingRunner(11);
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    await dying.crashed;
    await new Promise((r) => setTimeout(r, 100));
    const left = await t.admin.expect(200, 'GET', `/mailings/${m.id}/progress`);
    assert.equal(left.status, 'running');
    assert.ok(left.counts.sending >= 1, 'the message in flight is left in "sending"');

    // Restart: a new instance, once the dead one's lease on the mailing has run out (and its connections are gone).
    await dying.transport()?.close();
    await t.server.ctx.db('mailings').where({ id: m.id }).update({ claimed_until: new Date(Date.now() - 1000).toISOString() });
    const fresh = useRunner();
    await fresh.tick();
    const progress = await runToEnd(m.id);
    assert.equal(progress.status, 'done');
    const rows = (await t.admin.expect(200, 'GET', `/mailings/${m.id}/recipients?limit=100`)).items as any[];
    for (const address of addresses) assert.ok(sentTo(address) <= 1, `${address} got ${sentTo(address)} messages`);
    for (const r of rows) {
      if (r.state === 'sent') assert.equal(sentTo(r.email), 1, `${r.email} is marked sent`);
      else {
        assert.equal(r.state, 'failed');
        assert.equal(r.reason, INTERRUPTED);
      }
    }
    const interrupted = rows.filter((r) => r.state === 'failed');
    assert.ok(interrupted.length >= 1 && interrupted.length <= t.server.ctx.config.smtpMaxConnections + 50, `interrupted: ${interrupted.length}`);
    // The 11th message reached the server before the crash and is not sent again.
    assert.ok(interrupted.some((r) => sentTo(r.email) === 1));
    assert.equal(rows.filter((r) => r.state === 'sent').length + interrupted.length, 30);
  });

  it('settles the rows of a run that died when its mailing is cancelled before anyone resumes it', async () => {
    const addresses = Array.from({ length: 8 }, (_, i) => `c${i}@cancelled.test`);
    await clients('cancelled', addresses);
    const m = await mailing('cancelled');
    const dying = dyingRunner(2);
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    await dying.crashed;
    await dying.transport()?.close();
    await t.admin.expect(200, 'POST', `/mailings/${m.id}/cancel`, {});
    await t.server.ctx.db('mailings').where({ id: m.id }).update({ claimed_until: new Date(Date.now() - 1000).toISOString() });
    const fresh = useRunner();
    await fresh.tick();
    await fresh.idle();
    const progress = await t.admin.expect(200, 'GET', `/mailings/${m.id}/progress`);
    assert.equal(progress.status, 'cancelled');
    assert.equal(progress.counts.sending, 0, 'nothing is left "sending"');
    assert.equal(progress.counts.queued, 0);
    const rows = (await t.admin.expect(200, 'GET', `/mailings/${m.id}/recipients`)).items as any[];
    for (const r of rows) assert.ok(sentTo(r.email) <= 1);
    assert.ok(rows.filter((r) => r.state === 'failed').every((r) => r.reason === INTERRUPTED));
  });

  it('a run killed midway with the outbox loses nobody and sends nobody twice: the outbox file says what was written', async () => {
    const ctx = t.server.ctx;
    ctx.config.smtpUrl = undefined;
    try {
      const addresses = Array.from({ length: 12 }, (_, i) => `o${i}@outbox.test`);
      await clients('outbox', addresses);
      const m = await mailing('outbox');
      const dying = dyingRunner(5);
      await t.admin.expect(200, 'POST', `/mailings/${m.id}/start`, {});
      await dying.crashed;
      await new Promise((r) => setTimeout(r, 50));
      await ctx.db('mailings').where({ id: m.id }).update({ claimed_until: new Date(Date.now() - 1000).toISOString() });
      const fresh = useRunner();
      await fresh.tick();
      const progress = await runToEnd(m.id);
      assert.deepEqual([progress.status, progress.counts.sent, progress.counts.failed], ['done', 12, 0]);
      const dir = path.join(ctx.config.dataDir, 'outbox');
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      for (const address of addresses) {
        assert.equal(files.filter((f) => new RegExp(`^To: .*<?${address.replace('.', '\\.')}>?\\r?$`, 'm').test(f)).length, 1, address);
      }
    } finally {
      ctx.config.smtpUrl = smtp.url;
    }
  });

  it('refuses bad input with stable codes and a broken template before the run, listing every error', async () => {
    const bad = async (status: number, method: string, url: string, body: unknown, code: string) => {
      const reply = await t.admin.request(method, url, body);
      assert.equal(reply.status, status, `${method} ${url}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, code);
      return reply.body.error;
    };
    const filterError = await bad(400, 'POST', '/mailings', { name: 'x', templateId, audience: 'clients', filter: { nosuch: '1', 'name[between]': 'a' } }, 'validation_failed');
    assert.deepEqual(filterError.details.map((d: any) => d.field).sort(), ['filter.name[between]', 'filter.nosuch']);
    await bad(400, 'POST', '/mailings', { name: 'x', templateId, audience: 'clients', filter: {}, picked: [1] }, 'validation_failed');
    await bad(400, 'POST', '/mailings', { name: 'x', templateId, audience: 'clients' }, 'validation_failed');
    await bad(400, 'POST', '/mailings', { name: 'x', templateId, audience: 'planets', filter: {} }, 'validation_failed');
    await bad(400, 'POST', '/mailings', { name: '', templateId: 'one', audience: 'clients', filter: {} }, 'validation_failed');
    await bad(422, 'POST', '/mailings', { name: 'x', templateId: 999999, audience: 'clients', filter: {} }, 'reference_invalid');
    await bad(400, 'GET', '/mailings/abc', undefined, 'invalid_id');
    await bad(404, 'GET', '/mailings/999999', undefined, 'not_found');
    await bad(400, 'GET', '/mailings?status=flying', undefined, 'invalid_query');
    await bad(400, 'GET', '/mailings?limit=0', undefined, 'invalid_query');

    await clients('broken', ['bea@broken.test']);
    const m = await mailing('broken');
    await bad(409, 'POST', `/mailings/${m.id}/pause`, {}, 'invalid_state');
    await bad(400, 'POST', `/mailings/${m.id}/schedule`, { at: 'tomorrow' }, 'validation_failed');
    await bad(400, 'POST', `/mailings/${m.id}/schedule`, { at: '2001-01-01T00:00:00Z' }, 'validation_failed');
    await bad(400, 'POST', `/mailings/${m.id}/test-send`, { to: 'not an address' }, 'validation_failed');
    await bad(400, 'GET', `/mailings/${m.id}/recipients?state=lost`, undefined, 'invalid_query');
    await bad(400, 'GET', `/mailings/${m.id}/preview?index=-1`, undefined, 'invalid_query');
    await bad(404, 'GET', `/mailings/${m.id}/preview?index=5`, undefined, 'not_found');
    await bad(400, 'POST', '/mail-suppressions', { address: 'nobody' }, 'validation_failed');

    // A template broken after it was saved (its fields renamed in the database meanwhile).
    const broken = await t.admin.expect(201, 'POST', '/mail-templates', { name: 'Broken later', subject: 'Hi {client.name}', html: '<p>{client.name}</p>' });
    await t.server.ctx.db('mail_templates').where({ id: broken.id }).update({ subject: 'Hi {client.nosuch}', html: '<p>{client.alsoMissing} {#x}</p>' });
    const withBroken = await t.admin.expect(201, 'POST', '/mailings', { name: 'Broken', templateId: broken.id, audience: 'clients', filter: { tag: 'broken' } });
    const error = await bad(422, 'POST', `/mailings/${withBroken.id}/start`, {}, 'template_invalid');
    assert.ok(error.details.length >= 3, JSON.stringify(error.details));
    assert.equal((await t.admin.expect(200, 'GET', `/mailings/${withBroken.id}`)).status, 'draft');
    assert.equal((await t.admin.expect(200, 'GET', `/mailings/${withBroken.id}/progress`)).counts.total, 0);
  });

  it('sends a test message through the mailing\'s channel, and starts a scheduled mailing when its time comes', async () => {
    await clients('sched', ['sia@sched.test']);
    const m = await mailing('sched');
    const test = await t.admin.expect(200, 'POST', `/mailings/${m.id}/test-send`, { to: 'tester@example.test' });
    assert.equal(test.via, 'smtp');
    const got = smtp.received.find((x) => toAddress(x) === 'tester@example.test')!;
    assert.equal(got.subject, '[Test] Spring prices for sched client 1');
    assert.equal(sentTo('sia@sched.test'), 0);

    const at = new Date(Date.now() + 300).toISOString();
    const scheduled = await t.admin.expect(200, 'POST', `/mailings/${m.id}/schedule`, { at });
    assert.deepEqual([scheduled.status, scheduled.scheduledAt], ['scheduled', at]);
    await runner.tick();
    assert.equal((await t.admin.expect(200, 'GET', `/mailings/${m.id}`)).status, 'scheduled', 'not before its time');
    await new Promise((r) => setTimeout(r, 350));
    await runner.tick();
    const progress = await runToEnd(m.id);
    assert.deepEqual([progress.status, progress.counts.sent], ['done', 1]);
    assert.equal(sentTo('sia@sched.test'), 1);
  });

  it('checks rights: viewers and accountants read only, a manager with own scope sees only their mailings', async () => {
    const viewer = await t.user('vera', 'viewer');
    const accountant = await t.user('anton', 'accountant');
    const m = await mailing('rights');
    assert.equal((await viewer.get('/mailings')).status, 200);
    for (const who of [viewer, accountant]) {
      assert.equal((await who.post('/mailings', { name: 'x', templateId, audience: 'clients', filter: {} })).body.error.code, 'forbidden');
      assert.equal((await who.post(`/mailings/${m.id}/start`, {})).status, 403);
      assert.equal((await who.post(`/mailings/${m.id}/test-send`, { to: 'a@b.test' })).status, 403);
      assert.equal((await who.post('/mail-suppressions', { address: 'a@b.test' })).status, 403);
      assert.equal((await who.delete(`/mailings/${m.id}`)).status, 403);
    }
    assert.equal((await manager.get(`/mailings/${m.id}`)).status, 404);
    assert.equal((await manager.get('/mailings')).body.items.length, 0);
    const own = await manager.expect(201, 'POST', '/mailings', { name: 'Mine', templateId, audience: 'clients', filter: {} });
    assert.deepEqual((await manager.get('/mailings')).body.items.map((x: any) => x.id), [own.id]);
    // Her scope: the audience holds only her own clients (none yet).
    assert.equal((await manager.expect(200, 'GET', `/mailings/${own.id}/audience`)).total, 0);
    assert.equal((await t.anonymous.get('/mailings')).status, 401);
  });
});

describe('Mailings through a Microsoft 365 mailbox [sqlite]', () => {
  let t: TestServer;
  let fake: FakeGraph;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let runner: MailingRunner;
  let templateId: number;
  const ANNA = 'anna@contoso.example';

  before(async () => {
    fake = await startFakeGraph();
    t = await startTestServer('sqlite');
    await runnerOf(t.server.ctx).stop();
    runner = replaceRunner(t.server.ctx, { retryBaseMs: 40, maxAttempts: 3 });
    t.server.ctx.config.publicUrl = t.url;
    // Exchange allows 30 a minute; the test would wait two seconds per message.
    t.server.ctx.config.graphMailPerMinute = 6000;
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    await configureMicrosoft(t, fake);
    await connectMailbox(anna, fake, ANNA);
    templateId = (await anna.expect(201, 'POST', '/mail-templates', { name: 'Graph offer', subject: 'Offer for {client.name}', html: '<p>Hello {client.name}</p>' })).id;
    const upload = await fetch(`${t.url}/api/v1/mail-templates/${templateId}/attachments/upload?fileName=prices.csv`, {
      method: 'POST', headers: { authorization: `Bearer ${anna.token}`, 'content-type': 'application/octet-stream' }, body: 'item;price\r\n',
    });
    assert.equal(upload.status, 201);
    for (const [i, address] of ['gia@graph.test', 'gus@graph.test', 'gil@graph.test'].entries()) {
      await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: `Graph client ${i + 1}`, tags: ['graph'], emails: [{ address }] });
    }
  });

  after(async () => {
    await runner?.stop();
    await t?.close();
    await fake?.close();
  });

  it('sends through Graph sendMail, waits out a 429, keeps to the daily limit, and pauses when the sender has no mailbox', async () => {
    t.server.ctx.config.graphMailPerDay = 2;
    fake.throttle(1, 1, /sendMail/);
    const m = await anna.expect(201, 'POST', '/mailings', { name: 'Via Outlook', templateId, channel: 'graph', audience: 'clients', filter: { tag: 'graph' } });
    await anna.expect(200, 'POST', `/mailings/${m.id}/start`, {});
    await runner.idle();
    let progress = await anna.expect(200, 'GET', `/mailings/${m.id}/progress`);
    assert.deepEqual([progress.status, progress.counts.sent, progress.counts.queued], ['running', 2, 1]);
    assert.match(progress.lastError, /limit of 2 recipients a day/);
    assert.equal(fake.requests.filter((r) => r.path.includes('sendMail')).length, 3, 'the throttled call was tried again');

    t.server.ctx.config.graphMailPerDay = 10_000;
    await runner.tick();
    progress = await (async () => {
      await runner.idle();
      return anna.expect(200, 'GET', `/mailings/${m.id}/progress`);
    })();
    assert.deepEqual([progress.status, progress.counts.sent], ['done', 3]);

    const sent = fake.sentMail(ANNA);
    assert.deepEqual(sent.map((b) => b.message.toRecipients[0].emailAddress.address).sort(), ['gia@graph.test', 'gil@graph.test', 'gus@graph.test']);
    const first = sent.find((b) => b.message.toRecipients[0].emailAddress.address === 'gia@graph.test')!;
    assert.equal(first.message.subject, 'Offer for Graph client 1');
    assert.equal(first.message.body.contentType, 'HTML');
    assert.match(first.message.body.content, new RegExp(`${t.url.replace(/[.]/g, '\\.')}/u/`), 'the unsubscribe link is in the body');
    assert.deepEqual(first.message.attachments.map((a: any) => [a['@odata.type'], a.name, Buffer.from(a.contentBytes, 'base64').toString()]), [['#microsoft.graph.fileAttachment', 'prices.csv', 'item;price\r\n']]);
    const names = first.message.internetMessageHeaders.map((h: any) => h.name);
    assert.ok(names.every((n: string) => /^x-/i.test(n)), `Graph takes x- headers only: ${names.join(', ')}`);
    assert.ok(names.includes('X-Kontora-Mailing'));
    assert.equal(first.saveToSentItems, true);

    const orphan = await boris.expect(201, 'POST', '/mailings', { name: 'No mailbox', templateId, channel: 'graph', audience: 'clients', picked: [1] });
    await t.server.ctx.db('mailing_recipients').insert({ mailing_id: orphan.id, name: 'Someone', email: 'someone@graph.test', address: 'someone@graph.test', state: 'queued', attempts: 0 });
    await t.server.ctx.db('mailings').where({ id: orphan.id }).update({ status: 'running' });
    await runner.tick();
    await runner.idle();
    const paused = await boris.expect(200, 'GET', `/mailings/${orphan.id}/progress`);
    assert.deepEqual([paused.status, paused.counts.queued], ['paused', 1]);
    assert.match(paused.lastError, /mailbox_not_connected/);
  });
});

describe('SMTP settings from KONTORA_SMTP_URL', () => {
  it('reads TLS, credentials and pool size from the URL, and refuses what is not an SMTP URL', () => {
    const secure = smtpOptions('smtps://news%40acme.test:p%3As@mail.acme.test?rejectUnauthorized=false&servername=mx.acme.test&maxConnections=3', 5);
    assert.deepEqual(
      [secure.pool, secure.host, secure.port, secure.secure, secure.auth, secure.maxConnections, secure.tls?.rejectUnauthorized, secure.tls?.servername],
      [true, 'mail.acme.test', 465, true, { user: 'news@acme.test', pass: 'p:s' }, 3, false, 'mx.acme.test'],
    );
    const plain = smtpOptions('smtp://127.0.0.1:2525?requireTLS=true', 5);
    assert.deepEqual([plain.port, plain.secure, plain.requireTLS, plain.auth, plain.maxConnections, plain.tls?.rejectUnauthorized], [2525, false, true, undefined, 5, undefined]);
    assert.equal(smtpOptions('smtp://mail.acme.test', 2).port, 587);
    assert.throws(() => smtpOptions('http://mail.acme.test', 5), /smtp:\/\/ or smtps:\/\//);
    assert.throws(() => smtpOptions('mail.acme.test:25', 5), /smtp/);
  });
});

describe('Sending over SMTP with STARTTLS', function () {
  const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
  let dir: string;
  let server: SMTPServer;
  let port: number;
  const sessions: { secure: boolean; to: string }[] = [];
  const ctxFor = (smtpUrl: string) => ({ config: { ...readConfig({}), smtpUrl } }) as unknown as AppContext;

  before(async function () {
    if (!hasOpenssl) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-smtp-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    server = new SMTPServer({
      authOptional: true, logger: false, key: fs.readFileSync(path.join(dir, 'k.pem')), cert: fs.readFileSync(path.join(dir, 'c.pem')),
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          sessions.push({ secure: session.secure, to: session.envelope.rcptTo[0]!.address });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  after(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades the connection before sending, and refuses a certificate it cannot verify unless told to accept it', async () => {
    const accepting = mailTransport(ctxFor(`smtp://127.0.0.1:${port}?requireTLS=true&rejectUnauthorized=false`), 'server');
    await accepting.send({ to: 'tls@example.test', subject: 'Over TLS', text: 'hello' });
    await accepting.close();
    assert.deepEqual(sessions, [{ secure: true, to: 'tls@example.test' }]);

    const strict = mailTransport(ctxFor(`smtp://127.0.0.1:${port}?requireTLS=true`), 'server');
    await assert.rejects(strict.send({ to: 'strict@example.test', subject: 'Refused', text: 'hello' }), (err: Error) => {
      assert.equal(err.name, 'SendFailure');
      assert.equal((err as SendFailure).permanent, false, 'a certificate problem is not the recipient\'s fault: retried, not failed for good');
      return true;
    });
    await strict.close();
    assert.equal(sessions.length, 1, 'nothing went out unencrypted');
  });
});
