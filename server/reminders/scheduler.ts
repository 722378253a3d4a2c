import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import { isPostgres } from '../db/connect.js';
import { localDate } from '../clock.js';
import { generateAutomatic } from './automatic.js';
import { ReminderHub } from './hub.js';
import { createMailer, type Mailer } from './mail.js';
import { reminderJson, unreadOf, type ReminderRow } from './store.js';

/** How long an instance holds the right to send a reminder's e-mail. */
const EMAIL_LEASE_MS = 5 * 60_000;
/** Automatic reminders are looked for at least this often (and at each new day). */
const GENERATE_EVERY_MS = 10 * 60_000;
/** Reminders fired per statement (npm run bench -- reminders: 10,000 fire in one round in ~40 ms on SQLite). */
const BATCH = 1000;
/** E-mails claimed per round: few enough to be sent well inside their lease. */
const EMAIL_BATCH = 50;

export interface TickResult {
  /** Reminders this instance fired in this tick. */
  fired: number[];
  emailed: number[];
  generated: { reminders: number; tasks: number } | null;
}

/**
 * Fires due reminders. Firing is one UPDATE that sets fired_at on rows
 * still unfired; on PostgreSQL the candidate rows are locked with
 * FOR UPDATE SKIP LOCKED, so instances sharing the database never fire
 * the same reminder twice, and on SQLite one process writes at a time.
 * Reminders whose time passed while every instance was down fire on the
 * first tick after start. E-mails are sent under a lease (email_claimed_by,
 * email_claimed_until): if an instance dies while sending, another takes
 * the message over once the lease runs out.
 */
export class ReminderScheduler {
  readonly hub = new ReminderHub();
  readonly instance = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private readonly mailer: Mailer;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private generatedFor: string | undefined;
  private generatedAt = 0;
  private stopped = false;

  constructor(private readonly ctx: AppContext, mailer?: Mailer) {
    this.mailer = mailer ?? createMailer(ctx);
  }

  /** Ticks now and then every intervalMs (the first tick fires what came due while the server was down). */
  start(intervalMs = 5_000): void {
    this.stopped = false;
    void this.tick();
    this.resume(intervalMs);
    this.heartbeat = setInterval(() => this.hub.heartbeat(), 25_000);
    this.heartbeat.unref();
  }

  /** Stops the timer; tick() still works (tests drive time themselves). */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  resume(intervalMs = 5_000): void {
    this.pause();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause();
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.queue.catch(() => undefined);
    this.hub.closeAll();
    this.mailer.close();
  }

  /** One round; rounds of one instance run one after another. Errors are logged, never thrown. */
  tick(): Promise<TickResult> {
    const run = this.queue.then(() => this.round());
    this.queue = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      this.ctx.log.error('reminder scheduler round failed', { error: err });
      return { fired: [], emailed: [], generated: null };
    });
  }

  /** Looks for automatic reminders now, whatever the time since the last look. */
  async generate(): Promise<{ reminders: number; tasks: number }> {
    const now = this.ctx.clock.now();
    const day = localDate(now);
    const counts = await generateAutomatic(this.ctx.db, now, { birthdays: day !== this.generatedFor });
    this.generatedFor = day;
    this.generatedAt = now.getTime();
    return counts;
  }

  /** Pushes to this instance's open streams the reminders fired anywhere. */
  async pushToStreams(): Promise<void> {
    const users = this.hub.users();
    if (!users.length) return;
    const rows = (await unreadOf(this.ctx.db, users).orderBy('fired_at')) as ReminderRow[];
    this.hub.deliver(rows.map((r) => ({ userId: Number(r.user_id), reminder: reminderJson(r) })));
    // Dismissed or snoozed through another instance: withdrawn from the windows here too.
    const gone = this.hub.shownExcept(new Set(rows.map((r) => Number(r.id))));
    if (!gone.length) return;
    const states = (await this.ctx.db('reminders').whereIn('id', gone.map((g) => g.id)).select('id', 'fired_at')) as Pick<ReminderRow, 'id' | 'fired_at'>[];
    const snoozed = new Set(states.filter((s) => s.fired_at === null).map((s) => Number(s.id)));
    for (const { userId, id } of gone) this.hub.withdraw(userId, id, snoozed.has(id) ? 'snoozed' : 'dismissed');
  }

  private async round(): Promise<TickResult> {
    if (this.stopped) return { fired: [], emailed: [], generated: null };
    const now = this.ctx.clock.now();
    let generated: TickResult['generated'] = null;
    if (localDate(now) !== this.generatedFor || now.getTime() - this.generatedAt >= GENERATE_EVERY_MS || now.getTime() < this.generatedAt) {
      generated = await this.generate();
    }
    // Batches until nothing is due, so a backlog (after downtime) fires in one round;
    // each batch is its own short statement, so other writers get turns between them.
    const fired: number[] = [];
    for (;;) {
      const batch = await this.fire(now);
      fired.push(...batch);
      if (batch.length < BATCH) break;
    }
    await this.pushToStreams();
    const emailed = await this.sendEmails(now);
    return { fired, emailed, generated };
  }

  private async fire(now: Date): Promise<number[]> {
    const db = this.ctx.db;
    const at = now.toISOString();
    const due = db('reminders').select('id').whereNull('fired_at').where('due_at', '<=', at).orderBy('due_at').limit(BATCH);
    if (isPostgres(db)) due.forUpdate().skipLocked();
    const rows = (await db('reminders').whereIn('id', due).whereNull('fired_at').update({ fired_at: at, fired_by: this.instance }).returning('id')) as ({ id: number } | number)[];
    const ids = rows.map((r) => (typeof r === 'object' ? Number(r.id) : Number(r)));
    if (ids.length) this.ctx.log.info('reminders fired', { count: ids.length });
    return ids;
  }

  private async sendEmails(now: Date): Promise<number[]> {
    const db = this.ctx.db;
    const at = now.toISOString();
    const pending = db('reminders').select('id').where('by_email', true).whereNotNull('fired_at').whereNull('email_sent_at')
      .where((w) => w.whereNull('email_claimed_until').orWhere('email_claimed_until', '<', at)).orderBy('fired_at').limit(EMAIL_BATCH);
    if (isPostgres(db)) pending.forUpdate().skipLocked();
    const claimed = (await db('reminders').whereIn('id', pending).whereNull('email_sent_at')
      .update({ email_claimed_by: this.instance, email_claimed_until: new Date(now.getTime() + EMAIL_LEASE_MS).toISOString() })
      .returning('*')) as ReminderRow[];
    const sent: number[] = [];
    if (!claimed.length) return sent;
    // One look-up for the addressees of the whole batch, not one per message.
    const users = new Map(((await db('users').whereIn('id', [...new Set(claimed.map((r) => Number(r.user_id)))]).select('id', 'email', 'name')) as { id: number; email: string | null; name: string }[])
      .map((u) => [Number(u.id), u]));
    for (const row of claimed) {
      const user = users.get(Number(row.user_id));
      try {
        if (user?.email) {
          await this.mailer.send({ to: `${user.name.replace(/["<>]/g, '')} <${user.email}>`, subject: `Reminder: ${row.title}`, text: emailText(row) });
          sent.push(Number(row.id));
        } else {
          this.ctx.log.info('reminder e-mail skipped: the user has no e-mail address', { reminder: Number(row.id), user: Number(row.user_id) });
        }
        // Sent, or nothing to send to: either way it is not tried again.
        await db('reminders').where({ id: row.id, email_claimed_by: this.instance }).update({ email_sent_at: this.ctx.clock.now().toISOString() });
      } catch (err) {
        // The lease runs out and the next round (here or elsewhere) tries again.
        this.ctx.log.warn('reminder e-mail failed; it will be retried', { reminder: Number(row.id), error: err instanceof Error ? err.message : String(err) });
      }
    }
    return sent;
  }
}

function emailText(row: ReminderRow): string {
  return [row.title, row.body ?? '', '', 'Open Kontora to see it, snooze it or dismiss it.'].filter((line, i) => i !== 1 || line).join('\r\n');
}

const schedulers = new WeakMap<AppContext, ReminderScheduler>();

/** The one scheduler (and live-stream hub) of a server's context. */
export function schedulerOf(ctx: AppContext): ReminderScheduler {
  let scheduler = schedulers.get(ctx);
  if (!scheduler) {
    scheduler = new ReminderScheduler(ctx);
    schedulers.set(ctx, scheduler);
  }
  return scheduler;
}
