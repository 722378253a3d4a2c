import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { schedulerOf } from './scheduler.js';
import { reminderJson, unreadOf, type ReminderJson, type ReminderRow } from './store.js';

export const reminderStates = ['unread', 'upcoming', 'dismissed'] as const;

export const snoozeBody = z.strictObject({
  /** Snooze for this many minutes (1 minute to 30 days)… */
  minutes: z.number().int({ error: 'Use whole minutes.' }).min(1, { error: 'At least 1 minute.' }).max(43_200, { error: 'At most 30 days (43200 minutes).' }).optional(),
  /** …or until this time. */
  until: z.iso.datetime({ offset: true, error: 'Use an ISO date and time with an offset, e.g. 2026-12-01T09:00:00Z.' }).optional(),
}).refine((b) => (b.minutes === undefined) !== (b.until === undefined), { error: 'Give either minutes or until.', params: { code: 'required' } });

const LIST_LIMIT = 200;

/**
 * A user's own reminders: nobody else's are ever listed, snoozed,
 * dismissed or streamed to them, whatever their role.
 */
export class ReminderService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor, query: Record<string, unknown>): Promise<{ items: ReminderJson[]; unread: number }> {
    const state = query.state ?? 'unread';
    if (typeof state !== 'string' || !(reminderStates as readonly string[]).includes(state)) {
      throw new AppError('invalid_query', `Use state=${reminderStates.join(', state=')}.`, { details: [{ field: 'state', code: 'invalid_choice', message: `Choose one of: ${reminderStates.join(', ')}.` }] });
    }
    const unknown = Object.keys(query).filter((k) => k !== 'state');
    if (unknown.length) throw new AppError('invalid_query', `Unknown parameter ${unknown[0]}.`, { details: unknown.map((k) => ({ field: k, code: 'unknown_filter', message: `There is no parameter "${k}".` })) });
    const mine = this.ctx.db('reminders').where({ user_id: actor.id });
    const qb = state === 'unread' ? unreadOf(this.ctx.db, actor.id).orderBy('fired_at', 'desc')
      : state === 'upcoming' ? mine.whereNull('fired_at').orderBy('due_at')
      : mine.whereNotNull('dismissed_at').orderBy('dismissed_at', 'desc');
    qb.limit(LIST_LIMIT);
    const rows = (await qb) as ReminderRow[];
    return { items: rows.map(reminderJson), unread: await this.unreadCount(actor) };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const row = (await unreadOf(this.ctx.db, actor.id).count({ n: '*' }).first()) as { n: unknown };
    return Number(row.n);
  }

  async dismiss(actor: Actor, id: number): Promise<ReminderJson> {
    const row = await this.own(actor, id);
    if (row.dismissed_at === null) {
      await this.ctx.db('reminders').where({ id }).update({ dismissed_at: nowIso(this.ctx) });
      schedulerOf(this.ctx).hub.withdraw(actor.id, id, 'dismissed');
    }
    return reminderJson(await this.own(actor, id));
  }

  async dismissAll(actor: Actor): Promise<{ dismissed: number }> {
    const ids = ((await unreadOf(this.ctx.db, actor.id).select('id')) as { id: number }[]).map((r) => Number(r.id));
    if (ids.length) await this.ctx.db('reminders').whereIn('id', ids).whereNull('dismissed_at').update({ dismissed_at: nowIso(this.ctx) });
    for (const id of ids) schedulerOf(this.ctx).hub.withdraw(actor.id, id, 'dismissed');
    return { dismissed: ids.length };
  }

  /** Shows the reminder again later: it fires again at the new time. */
  async snooze(actor: Actor, id: number, body: unknown): Promise<ReminderJson> {
    const input = parseOrThrow(snoozeBody, body);
    const row = await this.own(actor, id);
    if (row.fired_at === null) throw new AppError('invalid_state', 'The reminder has not fired yet; change the task or event to move it.');
    if (row.dismissed_at !== null) throw new AppError('invalid_state', 'The reminder was dismissed.');
    const now = this.ctx.clock.now();
    const until = input.until ? new Date(input.until) : new Date(now.getTime() + input.minutes! * 60_000);
    if (until.getTime() <= now.getTime()) {
      throw new AppError('validation_failed', 'Snooze until a time in the future.', { details: [{ field: 'until', code: 'out_of_range', message: 'This time has passed.' }] });
    }
    await this.ctx.db('reminders').where({ id }).update({ due_at: until.toISOString(), fired_at: null, fired_by: null });
    schedulerOf(this.ctx).hub.withdraw(actor.id, id, 'snoozed');
    return reminderJson(await this.own(actor, id));
  }

  private async own(actor: Actor, id: number): Promise<ReminderRow> {
    const row = (await this.ctx.db('reminders').where({ id, user_id: actor.id }).first()) as ReminderRow | undefined;
    if (!row) throw notFound('Reminder');
    return row;
  }
}
