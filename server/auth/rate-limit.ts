import type { Conn } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import { AppError } from '../errors/app-error.js';

/**
 * Failed sign-ins are counted per login and per address in the database, so
 * the limit holds across restarts and across app instances. After the
 * limit within WINDOW_MS the key is refused until the window ends. An
 * address gets more tries than a login: a whole office may share one.
 */
export const MAX_FAILURES = { login: 5, ip: 30 };
export const WINDOW_MS = 15 * 60 * 1000;

function limitOf(key: string): number {
  return key.startsWith('ip:') ? MAX_FAILURES.ip : MAX_FAILURES.login;
}

interface FailureRow {
  key: string;
  count: number;
  first_at: unknown;
}

export async function assertNotLimited(conn: Conn, keys: string[], now: Date): Promise<void> {
  const rows = (await conn('login_failures').whereIn('key', keys)) as FailureRow[];
  for (const row of rows) {
    const started = new Date(toIso(row.first_at) ?? 0).getTime();
    const endsIn = started + WINDOW_MS - now.getTime();
    if (endsIn > 0 && row.count >= limitOf(row.key)) {
      throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', {
        extra: { retryAfter: Math.ceil(endsIn / 1000) },
      });
    }
  }
}

export async function recordFailure(conn: Conn, keys: string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = (await conn('login_failures').where({ key }).first()) as FailureRow | undefined;
    const started = row ? new Date(toIso(row.first_at) ?? 0).getTime() : 0;
    if (!row || now.getTime() - started >= WINDOW_MS) {
      await conn('login_failures').insert({ key, count: 1, first_at: now.toISOString() }).onConflict('key').merge();
    } else {
      await conn('login_failures').where({ key }).increment('count', 1);
    }
  }
}

export async function clearFailures(conn: Conn, keys: string[]): Promise<void> {
  await conn('login_failures').whereIn('key', keys).delete();
}
