import type { Request } from 'express';
import { parseCookie } from 'cookie';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import { safeEqual, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'kontora_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Authenticated {
  actor: Actor;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
}

interface UserRow {
  id: number;
  login: string;
  name: string;
  role: Actor['role'];
  scope: Actor['scope'];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const USER_COLUMNS = ['users.id', 'users.login', 'users.name', 'users.role', 'users.scope'];

/**
 * Who is calling: a bearer token (add-ins, integrations) or the session
 * cookie (the browser). Cookie-authenticated writes must echo the session's
 * CSRF token in X-CSRF-Token, which a cross-site form cannot do.
 */
export async function authenticate(req: Request, ctx: AppContext): Promise<Authenticated> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'Use "Authorization: Bearer <token>".');
    const hash = sha256(match[1]!);
    const row = (await ctx.db('api_tokens')
      .join('users', 'users.id', 'api_tokens.user_id')
      .where({ 'api_tokens.token_hash': hash, 'users.active': true })
      .whereNull('api_tokens.revoked_at')
      .first([...USER_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.last_used_at'])) as
      | (UserRow & { token_id: number; expires_at: unknown; last_used_at: unknown })
      | undefined;
    const now = ctx.clock.now();
    if (!row) throw new AppError('unauthenticated', 'The bearer token is not valid or was revoked.');
    if (row.expires_at && new Date(toIso(row.expires_at)!) <= now) throw new AppError('session_expired', 'The bearer token has expired.');
    // Record use at most once a minute: reads should not all become writes.
    const lastUsed = row.last_used_at ? new Date(toIso(row.last_used_at)!).getTime() : 0;
    if (now.getTime() - lastUsed > 60_000) await ctx.db('api_tokens').where({ id: row.token_id }).update({ last_used_at: nowIso(ctx) });
    return { actor: toActor(row), via: 'token' };
  }

  const cookieValue = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
  if (!cookieValue) throw new AppError('unauthenticated', 'Sign in first.');
  const sessionId = sha256(cookieValue);
  const row = (await ctx.db('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .where({ 'sessions.id': sessionId, 'users.active': true })
    .first([...USER_COLUMNS, 'sessions.csrf_token', 'sessions.expires_at'])) as (UserRow & { csrf_token: string; expires_at: unknown }) | undefined;
  if (!row) throw new AppError('session_expired', 'Your session has ended. Sign in again.');
  if (new Date(toIso(row.expires_at)!) <= ctx.clock.now()) {
    await ctx.db('sessions').where({ id: sessionId }).delete();
    throw new AppError('session_expired', 'Your session has expired. Sign in again.');
  }
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, row.csrf_token)) {
      throw new AppError('csrf_failed', 'This request needs the X-CSRF-Token header of your session.');
    }
  }
  return { actor: toActor(row), via: 'session', sessionId, csrfToken: row.csrf_token };
}

function toActor(row: UserRow): Actor {
  return { id: Number(row.id), login: row.login, name: row.name, role: row.role, scope: row.scope };
}
