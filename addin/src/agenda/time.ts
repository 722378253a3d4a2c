import { currentLanguage } from '../i18n/strings.js';

/**
 * Local calendar arithmetic for the agenda and calendar. Dates are
 * "YYYY-MM-DD" in the user's time zone; instants from the API are UTC ISO.
 * Days are stepped with the Date constructor's own carry, so a daylight
 * saving change never turns a day into 23 or 25 hours of drift.
 */
function locale(): string {
  return currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Midnight at the start of a local date. */
export function startOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function addDays(date: string, days: number): string {
  const d = startOf(date);
  return localDate(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
}

/** Monday of the week the date is in. */
export function mondayOf(date: string): string {
  const weekday = startOf(date).getDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function isDate(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && localDate(startOf(text)) === text;
}

/** "14:30" in the user's format. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

/** "Mon 30 Nov" */
export function formatDay(date: string, long = false): string {
  return startOf(date).toLocaleDateString(locale(), long ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short' });
}

/** When something is due, short: the time today, otherwise the date and time. */
export function formatWhen(iso: string, today = localDate(new Date())): string {
  const d = new Date(iso);
  if (localDate(d) === today) return formatTime(iso);
  return d.toLocaleString(locale(), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** A datetime-local input's value ("2026-11-27T14:30") for an instant. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a local date and hour:minute stand for, as UTC ISO. */
export function atLocal(date: string, minutes: number): string {
  const d = startOf(date);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(minutes / 60), minutes % 60).toISOString();
}

/** The next whole hour from now (a sensible default start for a planned meeting). */
export function nextHour(now = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1).toISOString();
}
