import { localDate } from '../agenda/time.js';
import type { EventItem, TaskItem } from '../agenda/types.js';

export type CalendarEntry = { kind: 'event'; at: string; item: EventItem } | { kind: 'task'; at: string; item: TaskItem };

/** Events and tasks of a range by local day, each day in time order. */
export function byDay(events: EventItem[], tasks: TaskItem[]): Map<string, CalendarEntry[]> {
  const days = new Map<string, CalendarEntry[]>();
  const put = (e: CalendarEntry) => {
    const day = localDate(new Date(e.at));
    const list = days.get(day) ?? [];
    list.push(e);
    days.set(day, list);
  };
  for (const e of events) put({ kind: 'event', at: e.startsAt, item: e });
  for (const task of tasks) if (task.dueAt) put({ kind: 'task', at: task.dueAt, item: task });
  for (const list of days.values()) list.sort((a, b) => a.at.localeCompare(b.at));
  return days;
}

/** Working hours shown as slots in the day view; items outside them get their own slots. */
export const FIRST_HOUR = 8;
export const LAST_HOUR = 19;
