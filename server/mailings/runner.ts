import crypto from 'node:crypto';
import os from 'node:os';
import type { Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { isPostgres } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { outboxHas, outboxTags } from '../mail/outbox.js';
import { RateLimiter } from '../mail/rate.js';
import { mailTransport, newMessageId, SendFailure, type MailTransport, type OutgoingMail } from '../mail/transport.js';
import { prepareMail, type PreparedMail } from '../mail-templates/render.js';
import { materialize, senderActor } from './queue.js';
import { normalise, type MailingRow, type RecipientRow } from './store.js';
import { unsubscribeToken } from './unsubscribe.js';

export interface RunnerOptions {
  /** The transport a mailing sends through (tests wrap the real one). */
  transportFor?(ctx: AppContext, mailing: MailingRow): MailTransport;
  /** First retry after a temporary failure; doubles each time. */
  retryBaseMs?: number;
  /** Attempts before a recipient is marked failed. */
  maxAttempts?: number;
  leaseMs?: number;
}

/** Rows read from the queue at a time. */
const BATCH = 500;
/** Sent rows are marked (with their events) in groups of this many, or after FLUSH_MS. */
const FLUSH_ROWS = 100;
const FLUSH_MS = 250;
const EXCERPT = 1000;

/** The row left in "sending" by a run that died: it may or may not have reached the server. */
export const INTERRUPTED = 'interrupted — may have been sent';

interface Sent {
  id: number;
  clientId: number | null;
  contactId: number | null;
  subject: string;
  description: string;
}

/**
 * Sends mailings from the recipients queue (docs/outlook.md, "Mailings").
 * At most once: a row is marked "sending" in its own committed write before
 * the message is handed to the transport, and "sent" after; a row found in
 * "sending" after a crash is never sent again blindly (reconcile()). One
 * instance runs a mailing at a time (a lease on the mailing row). Every
 * write is a short statement, so the API keeps answering during a run.
 */
export class MailingRunner {
  readonly instance = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private readonly runs = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set by halt(): behave as a process that died — no more writes at all. */
  private halted = false;
  private ticking: Promise<void> = Promise.resolve();
  readonly retryBaseMs: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;

  constructor(private readonly ctx: AppContext, private readonly options: RunnerOptions = {}) {
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(intervalMs = 5_000): void {
    this.stopped = false;
    this.wake();
    this.resume(intervalMs);
  }

  /** Stops the timer (tests call tick() themselves); runs under way go on. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  resume(intervalMs = 5_000): void {
    this.pause();
    this.timer = setInterval(() => this.wake(), intervalMs);
    this.timer.unref();
  }

  /** Looks for work now (after start/resume through the API). */
  wake(): void {
    if (!this.stopped) void this.tick();
  }

  /** Finishes the messages in flight, marks them, and lets go of the mailings (they continue on the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pause();
    await this.ticking.catch(() => undefined);
    await Promise.all([...this.runs.values()].map((r) => r.catch(() => undefined)));
  }

  /** Tests: stops as a killed process would — nothing more is written, runs are abandoned where they are. */
  halt(): void {
    this.halted = true;
    this.stopped = true;
    this.pause();
  }

  /** Runs now being sent by this instance. */
  active(): number[] {
    return [...this.runs.keys()];
  }

  /** Promotes due scheduled mailings, claims running ones nobody runs, starts them; resolves when the claims are made. */
  tick(): Promise<void> {
    const next = this.ticking.then(() => this.round()).catch((err: unknown) => this.ctx.log.error('mailing runner round failed', { error: err }));
    this.ticking = next;
    return next;
  }

  /** Resolves when this instance has no run under way (tests). */
  async idle(): Promise<void> {
    await this.ticking;
    while (this.runs.size) await Promise.all([...this.runs.values()].map((r) => r.catch(() => undefined)));
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const db = this.ctx.db;
    const now = this.ctx.clock.now().toISOString();
    const due = (await db('mailings').where('status', 'scheduled').where('scheduled_at', '<=', now).select('id')) as { id: number }[];
    for (const { id } of due) await this.begin(Number(id));
    // A run that died and whose mailing was then paused or cancelled: nobody
    // would take its "sending" rows up again, so they are reconciled here.
    const stranded = (await db('mailings').whereNot('status', 'running').where((w) => w.whereNull('claimed_until').orWhere('claimed_until', '<', now))
      .whereExists(db('mailing_recipients').select(db.raw('1')).whereRaw('mailing_recipients.mailing_id = mailings.id').where('mailing_recipients.state', 'sending'))
      .select('*')) as MailingRow[];
    for (const row of stranded) {
      const mailing = normalise(row);
      await this.reconcile(mailing, mailing.channel === 'graph' ? 'graph' : this.ctx.config.smtpUrl ? 'smtp' : 'outbox');
    }
    const running = (await db('mailings').where('status', 'running').where((w) => w.whereNull('claimed_until').orWhere('claimed_until', '<', now).orWhere('claimed_by', this.instance)).select('id')) as { id: number }[];
    for (const { id } of running) {
      const mailingId = Number(id);
      if (this.runs.has(mailingId) || this.stopped) continue;
      if (!(await this.claim(mailingId))) continue;
      const run = this.run(mailingId)
        .catch((err: unknown) => this.ctx.log.error('mailing run failed', { mailing: mailingId, error: err }))
        .finally(() => this.runs.delete(mailingId));
      this.runs.set(mailingId, run);
    }
  }

  /** A scheduled mailing came due: its recipients are chosen now, from the data as it is now. */
  private async begin(id: number): Promise<void> {
    const db = this.ctx.db;
    const row = normalise((await db('mailings').where({ id }).first()) as MailingRow);
    try {
      await materialize(this.ctx, row);
    } catch (err) {
      const message = err instanceof AppError ? err.message : 'The mailing could not start.';
      await db('mailings').where({ id, status: 'scheduled' }).update({ status: 'draft', last_error: message, updated_at: this.ctx.clock.now().toISOString(), version: db.raw('version + 1') });
      this.ctx.log.warn('scheduled mailing could not start', { mailing: id, error: message });
    }
  }

  private async claim(id: number): Promise<boolean> {
    const now = this.ctx.clock.now();
    const n = await this.ctx.db('mailings').where({ id, status: 'running' })
      .where((w) => w.whereNull('claimed_until').orWhere('claimed_until', '<', now.toISOString()).orWhere('claimed_by', this.instance))
      .update({ claimed_by: this.instance, claimed_until: new Date(now.getTime() + this.leaseMs).toISOString() });
    return n === 1;
  }

  private async release(id: number): Promise<void> {
    if (this.halted) return;
    await this.ctx.db('mailings').where({ id, claimed_by: this.instance }).update({ claimed_by: null, claimed_until: null });
  }

  private transportFor(mailing: MailingRow): MailTransport {
    if (this.options.transportFor) return this.options.transportFor(this.ctx, mailing);
    return mailTransport(this.ctx, mailing.channel === 'graph' ? { graphUserId: mailing.sender_id } : 'server');
  }

  private async run(id: number): Promise<void> {
    const db = this.ctx.db;
    const mailing = normalise((await db('mailings').where({ id }).first()) as MailingRow);
    const transport = this.transportFor(mailing);
    try {
      await this.reconcile(mailing, transport.kind);
      let actor: Actor;
      let prepared: PreparedMail;
      try {
        if (mailing.template_id === null) throw new AppError('invalid_state', 'The mailing\'s e-mail template was deleted; choose another one.');
        actor = await senderActor(this.ctx, mailing.sender_id);
        prepared = await prepareMail(this.ctx, actor, mailing.template_id);
      } catch (err) {
        await this.stopWith(mailing, err instanceof AppError ? `${err.message}${err.details?.length ? ' ' + err.details.map((d) => d.message).join(' ') : ''}` : String(err));
        return;
      }
      await new Send(this, this.ctx, mailing, transport, prepared).loop();
    } finally {
      await transport.close().catch(() => undefined);
      await this.release(id).catch(() => undefined);
    }
  }

  /** Pauses a mailing that cannot go on by itself (no template, mailbox disconnected), saying why. */
  async stopWith(mailing: MailingRow, why: string): Promise<void> {
    if (this.halted) return;
    await this.ctx.db('mailings').where({ id: mailing.id, status: 'running' })
      .update({ status: 'paused', last_error: why.slice(0, 2000), updated_at: this.ctx.clock.now().toISOString(), version: this.ctx.db.raw('version + 1') });
    this.ctx.log.warn('mailing paused', { mailing: mailing.id, why });
  }

  /**
   * Rows a dead run left in "sending". For the outbox the answer is on disk:
   * a message is written whole or not at all (rename), so a file with its
   * Message-ID means sent, no file means not sent and it is queued again.
   * An SMTP server or Exchange may have taken the message before the crash,
   * and there is no asking them, so those rows are marked failed rather
   * than risk a second copy (at most once).
   */
  async reconcile(mailing: MailingRow, kind: MailTransport['kind']): Promise<void> {
    const db = this.ctx.db;
    const orphans = (await db('mailing_recipients').where({ mailing_id: mailing.id, state: 'sending' }).select('*')) as RecipientRow[];
    if (!orphans.length) return;
    const now = this.ctx.clock.now().toISOString();
    if (kind === 'outbox') {
      const tags = outboxTags(this.ctx.config.dataDir);
      const written = orphans.filter((r) => r.message_id && outboxHas(tags, r.message_id));
      const lost = orphans.filter((r) => !written.includes(r));
      // Not written, so not sent: queued again (or, for a mailing cancelled meanwhile, skipped).
      const again = mailing.status === 'cancelled' ? { state: 'skipped', reason: 'cancelled' } : { state: 'queued' };
      if (lost.length) await db('mailing_recipients').whereIn('id', lost.map((r) => r.id)).where('state', 'sending').update({ ...again, next_attempt_at: null });
      if (written.length) {
        await this.markSent(mailing, written.map((r) => ({ id: Number(r.id), clientId: r.client_id, contactId: r.contact_id, subject: mailing.name, description: `Mailing "${mailing.name}" to ${r.email ?? ''}` })));
      }
      this.ctx.log.info('mailing reconciled after an interrupted run', { mailing: mailing.id, written: written.length, requeued: lost.length });
      return;
    }
    await db('mailing_recipients').whereIn('id', orphans.map((r) => r.id)).where('state', 'sending').update({ state: 'failed', reason: INTERRUPTED, next_attempt_at: null });
    this.ctx.log.warn('mailing rows interrupted while sending were marked failed', { mailing: mailing.id, rows: orphans.length, at: now });
  }

  /** Marks rows sent and logs each as an e-mail event on its client, in one short transaction. */
  async markSent(mailing: MailingRow, rows: Sent[]): Promise<void> {
    if (this.halted || !rows.length) return;
    const at = this.ctx.clock.now().toISOString();
    await this.ctx.db.transaction(async (trx) => {
      await trx('mailing_recipients').whereIn('id', rows.map((r) => r.id)).where('state', 'sending').update({ state: 'sent', sent_at: at, reason: null });
      // A contact without a client has nowhere to log an event (events belong to clients).
      const events = rows.filter((r) => r.clientId !== null).map((r) => ({
        type: 'email', status: 'done', subject: r.subject.slice(0, 500) || mailing.name, client_id: r.clientId, contact_id: r.contactId,
        owner_id: mailing.sender_id, starts_at: at, direction: 'outgoing', description: r.description, result: 'sent',
        remind_by_email: false, version: 1, created_at: at, updated_at: at,
      }));
      for (let i = 0; i < events.length; i += 100) await trx('events').insert(events.slice(i, i + 100));
    });
  }

  get isHalted(): boolean {
    return this.halted;
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}

/** One run of one mailing: workers take queued rows, render, mark, send. */
class Send {
  private pending: Sent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private done = false;
  private readonly limiter: RateLimiter | null;
  /** Messages handed to the transport and not yet answered. */
  private inFlight = 0;
  private roomFreed: (() => void) | undefined;
  /** Messages marked "sending" per statement. */
  private readonly group: number;
  private graphSentToday = -1;

  constructor(
    private readonly runner: MailingRunner,
    private readonly ctx: AppContext,
    private readonly mailing: MailingRow,
    private readonly transport: MailTransport,
    private readonly prepared: PreparedMail,
  ) {
    this.limiter = mailing.rate_per_minute ? new RateLimiter(mailing.rate_per_minute) : null;
    // A paced channel marks one message at a time, just before it goes, so the
    // spacing holds; an unpaced one marks a group per statement (one committed
    // write per group instead of per message), two connections' worth each.
    const paced = Boolean(mailing.rate_per_minute) || (transport.kind === 'graph' ? ctx.config.graphMailPerMinute : ctx.config.smtpRatePerMinute) > 0;
    // PostgreSQL makes each commit wait for its log flush, so it gets bigger
    // groups (fewer commits); the price is more rows "interrupted — may have
    // been sent" after a crash (about three groups at most).
    this.group = paced ? 1 : transport.kind === 'smtp' ? ctx.config.smtpMaxConnections * (isPostgres(ctx.db) ? 8 : 4) : 4;
  }

  async loop(): Promise<void> {
    const db = this.ctx.db;
    let leaseAt = Date.now();
    try {
      for (;;) {
        if (this.done || this.runner.isStopped) return;
        if (Date.now() - leaseAt > this.runner.leaseMs / 3) {
          leaseAt = Date.now();
          const kept = await db('mailings').where({ id: this.mailing.id, claimed_by: this.runner.instance })
            .update({ claimed_until: new Date(this.ctx.clock.now().getTime() + this.runner.leaseMs).toISOString() });
          if (!kept) return;
        }
        const now = this.ctx.clock.now().toISOString();
        const batch = (await db('mailing_recipients').where({ mailing_id: this.mailing.id, state: 'queued' })
          .where((w) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now)).orderBy('id').limit(BATCH).select('*')) as RecipientRow[];
        if (!batch.length) {
          await this.flush();
          if (await this.finishIfDone()) return;
          // Rows wait for a retry: a short wait is spent here, a long one between ticks.
          const soonest = (await db('mailing_recipients').where({ mailing_id: this.mailing.id, state: 'queued' }).min({ at: 'next_attempt_at' }).first()) as { at: string | Date | null } | undefined;
          const wait = soonest?.at ? new Date(soonest.at).getTime() - this.ctx.clock.now().getTime() : 0;
          if (wait > 10_000 || this.runner.isStopped) return;
          await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 10)));
          continue;
        }
        await this.prepared.preload(batch.map((r) => this.recipientOf(r)));
        // Up to three groups' worth of messages with the transport: as soon as
        // there is room for a group, the next one is merged and marked, so the
        // SMTP pool always has work while the database is written.
        const all: Promise<void>[] = [];
        for (let i = 0; i < batch.length && !this.done && !this.runner.isStopped; i += this.group) {
          while (this.inFlight > this.group * 2) await new Promise<void>((resolve) => (this.roomFreed = resolve));
          const ready = await this.prepareGroup(batch.slice(i, i + this.group));
          for (const [row, mail] of ready) {
            this.inFlight++;
            all.push(this.deliver(row, mail).finally(() => {
              this.inFlight--;
              this.roomFreed?.();
              this.roomFreed = undefined;
            }));
          }
        }
        await Promise.all(all);
        await this.flush();
      }
    } finally {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      await this.flush().catch(() => undefined);
    }
  }

  private recipientOf(r: RecipientRow) {
    return { email: r.email ?? '', name: r.name, clientId: r.client_id === null ? null : Number(r.client_id), contactId: r.contact_id === null ? null : Number(r.contact_id) };
  }

  /**
   * Merges a group and marks it "sending" in one committed statement, just
   * before the hand-over — only rows still queued, of a mailing still
   * running, whose address is not on the suppression list (checked here,
   * for every message). A crash after this leaves the rows in "sending",
   * never in "queued", so they are not sent again blindly.
   */
  private async prepareGroup(rows: RecipientRow[]): Promise<[RecipientRow, OutgoingMail][]> {
    const db = this.ctx.db;
    const mailing = this.mailing;
    const composed: [RecipientRow, OutgoingMail][] = [];
    for (const row of rows) {
      if (mailing.channel === 'graph' && !(await this.withinDailyLimit(composed.length))) break;
      try {
        composed.push([row, await this.compose(row)]);
      } catch (err) {
        const why = err instanceof AppError ? `${err.message}${err.details?.length ? ' ' + err.details.map((d) => d.message).join(' ') : ''}` : String(err);
        if (!this.runner.isHalted) await db('mailing_recipients').where({ id: row.id, state: 'queued' }).update({ state: 'failed', reason: `could not be merged: ${why}`.slice(0, 500) });
      }
    }
    if (!composed.length) return [];
    if (composed.length === 1) {
      await this.transport.pace();
      await this.limiter?.take();
    }
    if (this.done || this.runner.isHalted) return [];
    const ids = composed.map(([row]) => Number(row.id));
    // The Message-ID goes with the mark: after a crash the outbox is searched for it.
    const marked = (await db('mailing_recipients')
      .whereIn('id', ids).where('state', 'queued')
      .whereExists(db('mailings').select(db.raw('1')).where({ id: mailing.id, status: 'running' }))
      .whereNotExists(db('mail_suppressions').select(db.raw('1')).whereRaw('mail_suppressions.address = mailing_recipients.address'))
      .update({
        state: 'sending', attempts: db.raw('attempts + 1'),
        message_id: db.raw(`CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END`, composed.flatMap(([row, mail]) => [Number(row.id), mail.messageId!])),
      })
      .returning('id')) as ({ id: number } | number)[];
    const markedIds = new Set(marked.map((r) => (typeof r === 'object' ? Number(r.id) : Number(r))));
    // Counted against the mailbox's daily limit from the mark on, so messages in flight count too.
    if (this.graphSentToday >= 0) this.graphSentToday += markedIds.size;
    const left = composed.filter(([row]) => !markedIds.has(Number(row.id)));
    if (left.length) await this.notMarked(left.map(([row]) => row));
    return composed.filter(([row]) => markedIds.has(Number(row.id)));
  }

  /** Hands one marked message to the transport and records the outcome. */
  private async deliver(row: RecipientRow, mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.send(mail, { paced: true });
    } catch (err) {
      if (this.runner.isHalted) return;
      if (this.graphSentToday > 0) this.graphSentToday--;
      await this.failed(row, err);
      return;
    }
    if (this.runner.isHalted) return;
    this.pending.push({
      id: Number(row.id), clientId: row.client_id === null ? null : Number(row.client_id), contactId: row.contact_id === null ? null : Number(row.contact_id),
      subject: mail.subject, description: `Mailing "${this.mailing.name}" to ${row.email}\n\n${mail.text.slice(0, EXCERPT)}`,
    });
    if (this.pending.length >= FLUSH_ROWS) await this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
  }

  private async compose(row: RecipientRow): Promise<OutgoingMail> {
    const token = await unsubscribeToken(this.ctx, row.address ?? '', this.mailing.id);
    const base = this.ctx.config.publicUrl ?? this.mailing.public_url ?? `http://127.0.0.1:${this.ctx.config.port}`;
    const url = `${base}/u/${token}`;
    const rendered = await this.prepared(this.recipientOf(row), { unsubscribeUrl: url });
    const from = this.ctx.config.mailFrom;
    const mailto = /<([^>]+)>/.exec(from)?.[1] ?? from;
    return withUnsubscribe({
      from,
      to: row.name ? `"${row.name.replace(/["\\\r\n]/g, '')}" <${row.email}>` : row.email!,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
      headers: {
        'List-Unsubscribe': `<${url}>, <mailto:${mailto}?subject=unsubscribe>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Kontora-Mailing': String(this.mailing.id),
      },
      messageId: newMessageId(from),
    }, url);
  }

  /** Rows not marked: the mailing was paused or cancelled, or their address was unsubscribed meanwhile. */
  private async notMarked(rows: RecipientRow[]): Promise<void> {
    const db = this.ctx.db;
    const status = ((await db('mailings').where({ id: this.mailing.id }).first('status')) as { status: string } | undefined)?.status;
    if (status !== 'running') {
      this.done = true;
      return;
    }
    const addresses = rows.map((r) => r.address).filter((a): a is string => a !== null);
    const suppressed = new Set(((await db('mail_suppressions').whereIn('address', addresses).select('address')) as { address: string }[]).map((r) => r.address));
    const ids = rows.filter((r) => r.address && suppressed.has(r.address)).map((r) => Number(r.id));
    if (ids.length) await db('mailing_recipients').whereIn('id', ids).where('state', 'queued').update({ state: 'skipped', reason: 'unsubscribed' });
  }

  private async failed(row: RecipientRow, err: unknown): Promise<void> {
    const db = this.ctx.db;
    const failure = err instanceof SendFailure ? err : new SendFailure((err as Error)?.message ?? String(err), false);
    const attempts = Number(row.attempts) + 1;
    if (failure.channel) {
      // Not handed over: the channel itself is down, so the row waits for the mailing to be resumed.
      await db('mailing_recipients').where({ id: row.id, state: 'sending' }).update({ state: 'queued', attempts: attempts - 1 });
      this.done = true;
      await this.runner.stopWith(this.mailing, failure.message);
      return;
    }
    if (failure.permanent || attempts >= this.runner.maxAttempts) {
      const reason = failure.permanent ? failure.message : `${failure.message} (gave up after ${attempts} attempts)`;
      await db('mailing_recipients').where({ id: row.id, state: 'sending' }).update({ state: 'failed', reason: reason.slice(0, 500), next_attempt_at: null });
      return;
    }
    const delay = this.runner.retryBaseMs * 2 ** (attempts - 1);
    await db('mailing_recipients').where({ id: row.id, state: 'sending' })
      .update({ state: 'queued', reason: failure.message.slice(0, 500), next_attempt_at: new Date(this.ctx.clock.now().getTime() + delay).toISOString() });
  }

  private flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const rows = this.pending;
    this.pending = [];
    const next = this.flushing.then(() => this.runner.markSent(this.mailing, rows));
    this.flushing = next.catch((err: unknown) => this.ctx.log.error('could not mark sent mailing rows', { mailing: this.mailing.id, error: err }));
    return next;
  }

  /** No queued or sending rows left: the mailing is done. Rows waiting for a retry keep it running. */
  private async finishIfDone(): Promise<boolean> {
    if (this.runner.isHalted) return true;
    const db = this.ctx.db;
    const left = await db('mailing_recipients').where({ mailing_id: this.mailing.id }).whereIn('state', ['queued', 'sending']).first('id');
    if (left) return false;
    const at = this.ctx.clock.now().toISOString();
    await db('mailings').where({ id: this.mailing.id, status: 'running' }).update({ status: 'done', finished_at: at, updated_at: at, version: db.raw('version + 1') });
    return true;
  }

  /** Exchange Online takes 10,000 recipients a day per mailbox (KONTORA_GRAPH_MAIL_DAILY); the rest wait for tomorrow's room. */
  private async withinDailyLimit(inHand = 0): Promise<boolean> {
    const db = this.ctx.db;
    if (this.graphSentToday < 0) {
      const since = new Date(this.ctx.clock.now().getTime() - 24 * 3600_000).toISOString();
      const row = (await db('mailing_recipients').join('mailings', 'mailings.id', 'mailing_recipients.mailing_id')
        .where({ 'mailings.channel': 'graph', 'mailings.sender_id': this.mailing.sender_id })
        .where((w) => w.where('mailing_recipients.sent_at', '>=', since).orWhere('mailing_recipients.state', 'sending'))
        .count({ n: '*' }).first()) as { n: number | string };
      this.graphSentToday = Number(row.n);
    }
    if (this.graphSentToday + inHand < this.ctx.config.graphMailPerDay) return true;
    this.done = true;
    if (!this.runner.isHalted) {
      await db('mailings').where({ id: this.mailing.id }).update({ last_error: `The mailbox reached its limit of ${this.ctx.config.graphMailPerDay} recipients a day; the rest go out as room frees up.` });
    }
    return false;
  }
}

/** Every message carries the unsubscribe link, also when the template does not place it. */
function withUnsubscribe(mail: OutgoingMail, url: string): OutgoingMail {
  const html = mail.html && !mail.html.includes(url.replace(/&/g, '&amp;')) && !mail.html.includes(url)
    ? `${mail.html}\n<p style="font-size:12px;color:#666">To stop receiving these e-mails, <a href="${url}">unsubscribe</a>.</p>`
    : mail.html;
  const text = mail.text.includes(url) ? mail.text : `${mail.text}\n\n--\nTo stop receiving these e-mails: ${url}\n`;
  return { ...mail, ...(html !== undefined ? { html } : {}), text };
}

const runners = new WeakMap<AppContext, MailingRunner>();

/** The one mailing runner of a server's context. */
export function runnerOf(ctx: AppContext): MailingRunner {
  let runner = runners.get(ctx);
  if (!runner) runners.set(ctx, (runner = new MailingRunner(ctx)));
  return runner;
}

/** Tests: replaces the runner of a context (a new "process" after a crash, or other options). */
export function replaceRunner(ctx: AppContext, options: RunnerOptions = {}): MailingRunner {
  const runner = new MailingRunner(ctx, options);
  runners.set(ctx, runner);
  return runner;
}
