import type { Conn } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseRecordId } from '../http/route.js';
import { seesAll, type Actor } from '../access/rights.js';

/** The instants a local calendar day starts and ends (server time zone), as UTC ISO. */
export function dayBounds(date: string): { start: string; end: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { start: new Date(y, m - 1, d).toISOString(), end: new Date(y, m - 1, d + 1).toISOString() };
}

/**
 * Whose agenda: the caller's, or (userId=) another user's for those who
 * see every client (administrators, scope "all"), e.g. to cover for a
 * colleague. Reminders stay private either way.
 */
export async function agendaUser(conn: Conn, actor: Actor, raw: unknown): Promise<number> {
  if (raw === undefined) return actor.id;
  const id = parseRecordId(raw);
  if (id === null) throw new AppError('invalid_query', 'userId must be a user id.', { details: [{ field: 'userId', code: 'invalid_id', message: 'Use a positive whole number.' }] });
  if (id === actor.id) return id;
  if (!seesAll(actor)) throw new AppError('forbidden', 'You can see only your own agenda.');
  // A mistyped id is not an empty day.
  if (!(await conn('users').where({ id }).first('id'))) throw notFound('User');
  return id;
}

export function assertKnownParams(query: Record<string, unknown>, known: string[]): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new AppError('invalid_query', `Unknown parameter ${unknown[0]}.`, { details: unknown.map((k) => ({ field: k, code: 'unknown_filter', message: `Use ${known.join(', ')}.` })) });
  }
}
