/**
 * The next occurrence of a repeating task: the same local time of day on
 * the next day, week or month (the 31st becomes the month's last day), and
 * never in the past: a daily task completed three days late comes back
 * tomorrow, not three times overdue. Counted from the first due time, so
 * a monthly task due on the 31st stays on month ends.
 */
export type Repeat = 'daily' | 'weekly' | 'monthly';

function step(from: Date, repeat: Repeat, n: number): Date {
  const d = new Date(from);
  if (repeat === 'daily') d.setDate(d.getDate() + n);
  else if (repeat === 'weekly') d.setDate(d.getDate() + 7 * n);
  else {
    const day = d.getDate();
    d.setDate(1);
    d.setMonth(d.getMonth() + n);
    const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
    d.setDate(Math.min(day, last));
  }
  return d;
}

export function nextOccurrence(due: Date, repeat: Repeat, now: Date): { due: Date; steps: number } {
  let n = 1;
  let next = step(due, repeat, n);
  while (next.getTime() <= now.getTime() && n < 100_000) next = step(due, repeat, ++n);
  return { due: next, steps: n };
}
