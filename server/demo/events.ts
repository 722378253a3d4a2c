import type { Actor } from '../access/rights.js';
import { today, type AppContext } from '../context.js';
import { addDays } from '../dates.js';
import { eventService } from '../events/service.js';
import { TaskService } from '../tasks/service.js';
import { seeded as random } from './random.js';

/** An instant on a local calendar day (the server's time zone). */
function at(date: string, hour: number, minute = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute).toISOString();
}

const CALLS = ['Follow up on the last delivery', 'Offer for next quarter', 'Check stock needs', 'Confirm the order', 'Discuss payment terms', 'Ask for feedback'];
const MEETINGS = ['Presentation of the new catalog', 'Annual contract review', 'Office visit', 'Lunch with the purchasing team'];
const TASKS = ['Send the updated price list', 'Prepare a commercial offer', 'Check the signed contract scan', 'Update the contact details', 'Remind about the unpaid invoice'];
const NOTES = ['Prefers e-mail over calls', 'Budget is approved in March', 'New purchasing manager from next month'];

/**
 * A journal and a to-do list for the demo clients, so each manager (and
 * the administrator) opens a Today view with calls and meetings planned
 * for today, tasks due, something overdue, and a history of calls with
 * results. Created through the services, so reminders are planned too.
 */
export async function seedEvents(ctx: AppContext, actor: Actor): Promise<{ events: number; tasks: number }> {
  const rnd = random(20261128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = today(ctx);
  const events = eventService(ctx);
  const tasks = new TaskService(ctx);
  const clients = (await ctx.db('clients').orderBy('id').select('id', 'manager_id')) as { id: number; manager_id: number }[];
  if (!clients.length) return { events: 0, tasks: 0 };
  const owners = [...new Set([actor.id, ...clients.map((c) => Number(c.manager_id))])];
  const counts = { events: 0, tasks: 0 };
  const event = async (body: Record<string, unknown>) => {
    await events.create(actor, body);
    counts.events++;
  };
  const task = async (body: Record<string, unknown>) => {
    await tasks.create(actor, body);
    counts.tasks++;
  };

  for (const [n, ownerId] of owners.entries()) {
    const own = clients.filter((c) => Number(c.manager_id) === ownerId);
    const theirs = own.length ? own : clients.slice(n * 5, n * 5 + 10);
    const client = () => Number(pick(theirs).id);
    // Today: calls and a meeting, each with a reminder 15 minutes before.
    for (const [hour, minute] of [[9, 30], [11, 0], [15, 0], [16, 30]] as const) {
      await event({ type: 'call', subject: pick(CALLS), clientId: client(), ownerId, startsAt: at(now, hour, minute), status: 'planned', direction: 'outgoing', remindBeforeMinutes: 15 });
    }
    await event({ type: 'meeting', subject: pick(MEETINGS), clientId: client(), ownerId, startsAt: at(now, 13, 0), endsAt: at(now, 14, 0), status: 'planned', remindBeforeMinutes: 30 });
    // The coming two weeks.
    for (let i = 0; i < 6; i++) {
      const day = addDays(now, 1 + Math.floor(rnd() * 14));
      const meeting = rnd() < 0.3;
      await event({
        type: meeting ? 'meeting' : 'call', subject: pick(meeting ? MEETINGS : CALLS), clientId: client(), ownerId,
        startsAt: at(day, 9 + Math.floor(rnd() * 8), rnd() < 0.5 ? 0 : 30), status: 'planned', remindBeforeMinutes: 15,
      });
    }
    // History: calls and meetings with their results, and notes.
    for (let i = 0; i < 12; i++) {
      const day = addDays(now, -1 - Math.floor(rnd() * 60));
      const meeting = rnd() < 0.25;
      await event({
        type: meeting ? 'meeting' : 'call', subject: pick(meeting ? MEETINGS : CALLS), clientId: client(), ownerId,
        startsAt: at(day, 9 + Math.floor(rnd() * 8)), status: 'done', direction: meeting ? null : pick(['incoming', 'outgoing']),
        result: meeting ? pick(['held', 'held', 'rescheduled']) : pick(['reached', 'reached', 'no_answer', 'call_back']),
        resultNotes: rnd() < 0.5 ? 'Agreed to talk again after they check the budget.' : null,
      });
    }
    await event({ type: 'note', subject: pick(NOTES), clientId: client(), ownerId, startsAt: at(addDays(now, -3), 12), status: 'done' });
    // One call planned yesterday that never got its result: overdue.
    await event({ type: 'call', subject: 'Call back about the complaint', clientId: client(), ownerId, startsAt: at(addDays(now, -1), 10), status: 'planned' });

    // Tasks: due today, overdue, later; one repeating every week.
    await task({ title: pick(TASKS), assigneeId: ownerId, clientId: client(), dueAt: at(now, 12, 0), priority: 'high', remindBeforeMinutes: 30 });
    await task({ title: pick(TASKS), assigneeId: ownerId, clientId: client(), dueAt: at(now, 17, 0) });
    await task({ title: 'Confirm the delivery date', assigneeId: ownerId, clientId: client(), dueAt: at(addDays(now, -2), 17, 0), priority: 'high' });
    await task({ title: 'Weekly report to the director', assigneeId: ownerId, dueAt: at(addDays(now, 4), 16, 0), repeat: 'weekly', remindBeforeMinutes: 60 });
    for (let i = 0; i < 3; i++) {
      await task({ title: pick(TASKS), assigneeId: ownerId, clientId: client(), dueAt: at(addDays(now, 2 + Math.floor(rnd() * 10)), 10), priority: pick(['low', 'normal', 'normal', 'high']) });
    }
  }
  return counts;
}
