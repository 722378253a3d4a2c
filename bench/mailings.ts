/**
 * npm run bench -- mailings [--db sqlite|postgres]
 *
 * 10,000 clients with an address each get a mail-merge promotion through a
 * local SMTP server (bench/smtp-sink.ts, its own process), end to end:
 * start (the audience chosen and queued), then the runner — render with
 * the prepared template, suppression check and "sending" mark before every
 * message, pooled SMTP, "sent" marks and an e-mail event per client. The
 * baseline is bare pooled nodemailer (same number of connections) sending
 * the same messages, rendered beforehand, to the same server in the same
 * run. Target: Kontora ≥ 0.8× the baseline's messages per second.
 * Runs alternate (baseline, Kontora, …), three each; the ratio of the medians
 * counts (a shared machine disturbs single runs either way), the ratio of the
 * best runs is printed beside it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { readConfig } from '../server/config.js';
import { memoryLogger } from '../server/log.js';
import { prepareMail } from '../server/mail-templates/render.js';
import { smtpOptions } from '../server/mail/smtp-url.js';
import { materialize } from '../server/mailings/queue.js';
import { replaceRunner, runnerOf } from '../server/mailings/runner.js';
import { normalise, type MailingRow } from '../server/mailings/store.js';
import { unsubscribeToken } from '../server/mailings/unsubscribe.js';
import { startServer } from '../server/server.js';
import { createTestDatabase } from '../test/support/databases.js';
import { BENCH_DIR, type DbKind } from './database.js';
import { summarize } from './stats.js';

const RECIPIENTS = 10_000;
const RUNS = Number(process.env.BENCH_MAILING_RUNS ?? 3);
const TEMPLATE = {
  subject: 'Spring prices for {client.name}',
  html: '<p>Dear {client.name},</p><p>This month {company.name} offers you new prices on the whole catalogue.</p>' +
    '<p>Reply to this message or call {manager.name | default:company.name}: we will prepare an offer for you.</p>' +
    '<p>Kind regards,<br>{manager.name | default:company.name}</p><p style="color:#666">{unsubscribeLink}</p>',
};

function startSink(): Promise<{ child: ChildProcess; port: number; count(): Promise<{ messages: number; bytes: number }>; close(): Promise<void> }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'smtp-sink.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<any>((resolve) => child.once('message', resolve));
  return next().then(({ port }) => ({
    child, port,
    async count() {
      const reply = next();
      child.send('count');
      return reply;
    },
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.send('close');
    }),
  }));
}

export async function runMailingsPhase(print: (line: string) => void, strict: boolean, kind: DbKind): Promise<number> {
  const sink = await startSink();
  const tdb = await createTestDatabase(kind);
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  const server = await startServer({
    config: { ...readConfig({}), ...tdb.config, host: '127.0.0.1', port: 0, adminPassword: 'bench-password-123', demo: false, smtpUrl, publicUrl: 'https://crm.example.com' },
    log: memoryLogger(), print: () => undefined, listen: false,
  });
  await runnerOf(server.ctx).stop();
  const runner = replaceRunner(server.ctx);
  const ctx = server.ctx;
  const db = ctx.db;
  try {
    const at = new Date().toISOString();
    const admin = (await db('users').where({ login: 'admin' }).first('id', 'login', 'name', 'role', 'scope')) as { id: number; login: string; name: string; role: 'admin'; scope: 'all' };
    const actor = { ...admin, id: Number(admin.id) };
    const clients = Array.from({ length: RECIPIENTS }, (_, i) => ({
      kind: 'legal', name: `Client ${String(i).padStart(5, '0')}`, name_key: `client ${String(i).padStart(5, '0')}`, manager_id: actor.id, status: 'active', version: 1, created_at: at, updated_at: at,
    }));
    for (let i = 0; i < clients.length; i += 500) await db('clients').insert(clients.slice(i, i + 500));
    const ids = ((await db('clients').select('id').orderBy('id')) as { id: number }[]).map((r) => Number(r.id));
    const channels = ids.map((id, i) => ({ owner_entity: 'client', owner_id: id, kind: 'email', type: 'work', value: `client${i}@bench.test`, normalized: `client${i}@bench.test`, position: 0 }));
    for (let i = 0; i < channels.length; i += 500) await db('channels').insert(channels.slice(i, i + 500));
    const [tpl] = (await db('mail_templates').insert({ name: 'Bench promotion', subject: TEMPLATE.subject, html: TEMPLATE.html, text: null, locale: 'en', shipped: false, version: 1, created_at: at, updated_at: at }).returning('id')) as ({ id: number } | number)[];
    const templateId = typeof tpl === 'object' ? Number(tpl.id) : Number(tpl);

    // The baseline's messages: the same merge, headers and unsubscribe links, made before the clock starts.
    const prepared = await prepareMail(ctx, actor, templateId);
    await prepared.preload(ids.map((id, i) => ({ email: `client${i}@bench.test`, clientId: id })));
    const messages = [];
    const renderStart = performance.now();
    for (const [i, id] of ids.entries()) {
      const url = `https://crm.example.com/u/${await unsubscribeToken(ctx, `client${i}@bench.test`, 1)}`;
      const r = await prepared({ email: `client${i}@bench.test`, name: `Client ${i}`, clientId: id }, { unsubscribeUrl: url });
      messages.push({
        from: ctx.config.mailFrom, to: `"Client ${i}" <client${i}@bench.test>`, subject: r.subject, html: r.html, text: r.text,
        headers: { 'List-Unsubscribe': `<${url}>, <mailto:kontora@localhost?subject=unsubscribe>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    }

    const renderMs = performance.now() - renderStart;
    const bare: number[] = [];
    const kontora: number[] = [];
    const queueMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Baseline: bare pooled nodemailer, every message handed over at once (the pool queues them).
      const before = (await sink.count()).messages;
      const transport = nodemailer.createTransport(smtpOptions(smtpUrl, ctx.config.smtpMaxConnections));
      const t0 = performance.now();
      await Promise.all(messages.map((m) => transport.sendMail(m)));
      bare.push(performance.now() - t0);
      transport.close();
      if ((await sink.count()).messages - before !== RECIPIENTS) throw new Error('the baseline did not deliver every message');

      // Kontora: a mailing to all 10,000 clients, from start to the last "sent" mark.
      const [row] = (await db('mailings').insert({
        name: `Bench ${run}`, template_id: templateId, channel: 'server', sender_id: actor.id, audience: 'clients', filter: '{}', picked: null,
        status: 'draft', version: 1, created_at: at, updated_at: at, public_url: 'https://crm.example.com',
      }).returning('*')) as MailingRow[];
      const mailing = normalise(row!);
      const sentBefore = (await sink.count()).messages;
      const t1 = performance.now();
      await materialize(ctx, mailing);
      queueMs.push(performance.now() - t1);
      await runner.tick();
      await runner.idle();
      kontora.push(performance.now() - t1);
      const done = (await db('mailing_recipients').where({ mailing_id: mailing.id, state: 'sent' }).count({ n: '*' }).first()) as { n: number | string };
      const delivered = (await sink.count()).messages - sentBefore;
      if (Number(done.n) !== RECIPIENTS || delivered !== RECIPIENTS) throw new Error(`Kontora marked ${done.n} sent and the server got ${delivered} of ${RECIPIENTS}`);
    }
    const events = (await db('events').where({ type: 'email' }).count({ n: '*' }).first()) as { n: number | string };
    const median = (xs: number[]) => summarize(xs).p50;
    const best = (xs: number[]) => Math.min(...xs);
    const rate = (ms: number) => Math.round(RECIPIENTS / (ms / 1000));
    const ratio = Math.round((median(bare) / median(kontora)) * 100) / 100;
    const bestRatio = Math.round((best(bare) / best(kontora)) * 100) / 100;
    const targets = [
      { name: `mail merge of ${RECIPIENTS.toLocaleString('en')} recipients ≥ 0.8× bare pooled nodemailer's throughput`, pass: ratio >= 0.8,
        value: `${ratio}× on medians (Kontora ${rate(median(kontora))} msg/s, ${Math.round(median(kontora))} ms; bare ${rate(median(bare))} msg/s, ${Math.round(median(bare))} ms); best runs ${bestRatio}× (${rate(best(kontora))} vs ${rate(best(bare))} msg/s)` },
    ];
    fs.mkdirSync(BENCH_DIR, { recursive: true });
    const file = path.join(BENCH_DIR, `results-mailings-${kind}.json`);
    fs.writeFileSync(file, JSON.stringify({
      date: new Date().toISOString(), database: kind, machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
      recipients: RECIPIENTS, connections: ctx.config.smtpMaxConnections, kontoraMs: kontora, queueMs, bareMs: bare, renderMs, eventsLogged: Number(events.n), ratio, bestRatio, targets,
    }, null, 2));
    print('');
    print(`runs (ms): bare ${bare.map(Math.round).join(', ')}; Kontora ${kontora.map(Math.round).join(', ')} (of which choosing and queueing the audience ${queueMs.map(Math.round).join(', ')}); rendering the ${RECIPIENTS.toLocaleString('en')} messages alone: ${Math.round(renderMs)} ms; e-mail events logged ${events.n}`);
    for (const t of targets) print(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);
    print(`Results written to ${path.relative(process.cwd(), file)}`);
    return strict && targets.some((t) => !t.pass) ? 1 : 0;
  } finally {
    await runner.stop();
    await server.close();
    await tdb.drop();
    await sink.close();
  }
}
