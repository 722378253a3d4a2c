import { assertCan, type Actor } from '../access/rights.js';
import { today, type AppContext } from '../context.js';
import { addDays, daysBetween } from '../dates.js';
import { AppError } from '../errors/app-error.js';
import { dateString } from '../fields/validation.js';
import { openStatuses } from '../tasks/entity.js';
import { agendaUser, assertKnownParams, dayBounds } from './days.js';
import { eventItems, taskItems, type EventItem, type TaskItem } from './service.js';

export const MAX_RANGE_DAYS = 92;
/** More than anyone plans in three months; a bound, not a page. */
const CALENDAR_LIMIT = 5_000;

/** Monday of the week a date is in. */
function monday(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

function dateParam(raw: unknown, name: string): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = dateString.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_query', `${name} must be a date (YYYY-MM-DD).`, { details: [{ field: name, code: 'invalid_format', message: 'Use YYYY-MM-DD.' }] });
  return parsed.data;
}

/**
 * A user's calendar between two dates (both included; this week by
 * default): their events, planned and done, and their tasks with a due
 * time, open or not.
 */
export async function calendarRange(ctx: AppContext, actor: Actor, query: Record<string, unknown>): Promise<{ from: string; to: string; userId: number; events: EventItem[]; tasks: TaskItem[] }> {
  assertCan(actor, 'events', 'read');
  assertKnownParams(query, ['from', 'to', 'userId']);
  const userId = await agendaUser(ctx.db, actor, query.userId);
  const from = dateParam(query.from, 'from') ?? monday(today(ctx));
  const to = dateParam(query.to, 'to') ?? addDays(from, 6);
  if (to < from) throw new AppError('invalid_query', 'to is before from.', { details: [{ field: 'to', code: 'out_of_range', message: 'Give a date on or after from.' }] });
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    throw new AppError('invalid_query', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`, { details: [{ field: 'to', code: 'out_of_range', message: `At most ${MAX_RANGE_DAYS} days after from.` }] });
  }
  const start = dayBounds(from).start;
  const end = dayBounds(to).end;
  const [events, tasks] = await Promise.all([
    eventItems(ctx.db, (qb) => qb.where('events.owner_id', userId).where('events.starts_at', '>=', start).where('events.starts_at', '<', end), CALENDAR_LIMIT),
    taskItems(ctx.db, (qb) => qb.where('tasks.assignee_id', userId).where('tasks.due_at', '>=', start).where('tasks.due_at', '<', end)
      .whereIn('tasks.status', [...openStatuses, 'done']), CALENDAR_LIMIT),
  ]);
  return { from, to, userId, events, tasks };
}
