import { localDate } from '../agenda/time.js';

/** Today's calendar date where the user is, as the API writes dates ("2026-11-27"). */
export function todayIso(): string {
  return localDate(new Date());
}

/** A positive whole id from the address, or null for anything else. */
export function idFrom(text: string | null | undefined): number | null {
  return text && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null;
}
