import { z } from 'zod';
import { stringifySetCookie } from 'cookie';
import { permissionsOf, type Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import { parseOrThrow } from '../fields/validation.js';
import { idParam, route, type Route } from '../http/route.js';
import { verifyPassword } from '../users/password.js';
import { SESSION_COOKIE, type Authenticated } from './authenticate.js';
import { assertNotLimited, clearFailures, recordFailure } from './rate-limit.js';
import { newSecret, sha256 } from './secrets.js';

const loginBody = z.strictObject({
  login: z.string().trim().min(1, { error: 'Enter your login.' }).max(100),
  password: z.string().min(1, { error: 'Enter your password.' }).max(200),
  /** Add-ins ask for a bearer token instead of a cookie. */
  issueToken: z.boolean().optional(),
  tokenName: z.string().trim().min(1).max(200).optional(),
});

const tokenBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'Name the token (where it is used).' }).max(200),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

const userInfo = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, login: { type: 'string' }, name: { type: 'string' },
    role: { type: 'string' }, scope: { type: 'string' }, permissions: { type: 'object' },
  },
  required: ['id', 'login', 'name', 'role', 'scope', 'permissions'],
  additionalProperties: false,
};

const sessionInfo = {
  type: 'object',
  properties: { user: userInfo, csrfToken: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
  required: ['user'],
  additionalProperties: false,
};

const tokenInfo = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, name: { type: 'string' }, prefix: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
    expiresAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
    token: { type: 'string', description: 'The secret; shown only when the token is created.' },
  },
  required: ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt'],
  additionalProperties: false,
};

export function describeUser(actor: Actor): Record<string, unknown> {
  return { ...actor, permissions: permissionsOf(actor.role) };
}

async function createToken(ctx: AppContext, userId: number, name: string, expiresInDays?: number) {
  const secret = newSecret('kt_');
  const createdAt = nowIso(ctx);
  const expiresAt = expiresInDays ? new Date(ctx.clock.now().getTime() + expiresInDays * 86_400_000).toISOString() : null;
  const [row] = (await ctx.db('api_tokens')
    .insert({ user_id: userId, name, token_hash: sha256(secret), prefix: secret.slice(0, 10), created_at: createdAt, expires_at: expiresAt })
    .returning('id')) as { id: number }[];
  return { id: Number(row!.id), name, prefix: secret.slice(0, 10), createdAt, lastUsedAt: null, expiresAt, token: secret };
}

export function authRoutes(): Route[] {
  return [
    route({
      method: 'post', path: '/auth/login', tag: 'Auth', public: true,
      summary: 'Sign in with login and password; sets the session cookie, or returns a bearer token when issueToken is true',
      body: () => loginBody, response: () => sessionInfo,
      async handler({ ctx, req, res, body }) {
        const input = parseOrThrow(loginBody, body);
        const login = input.login.toLowerCase();
        const loginKey = `login:${login}`;
        const keys = [loginKey, `ip:${req.ip ?? 'unknown'}`];
        const now = ctx.clock.now();
        await assertNotLimited(ctx.db, keys, now);
        const user = (await ctx.db('users').where({ login, active: true }).first()) as
          | { id: number; login: string; name: string; role: Actor['role']; scope: Actor['scope']; password_hash: string | null }
          | undefined;
        const ok = await verifyPassword(input.password, user?.password_hash ?? null);
        if (!user || !ok) {
          await recordFailure(ctx.db, keys, now);
          ctx.log.warn('sign-in failed', { login, ip: req.ip });
          throw new AppError('invalid_credentials', 'The login or password is wrong.');
        }
        await clearFailures(ctx.db, [loginKey]);
        const actor: Actor = { id: Number(user.id), login: user.login, name: user.name, role: user.role, scope: user.scope };
        if (input.issueToken) {
          const token = await createToken(ctx, actor.id, input.tokenName ?? 'Office add-in');
          return { user: describeUser(actor), token: token.token };
        }
        const secret = newSecret();
        const csrfToken = newSecret();
        const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
        await ctx.db('sessions').insert({ id: sha256(secret), user_id: actor.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt.toISOString() });
        // Old sessions of this user are cleaned up here rather than by a timer.
        await ctx.db('sessions').where({ user_id: actor.id }).andWhere('expires_at', '<', now.toISOString()).delete();
        res.setHeader('Set-Cookie', stringifySetCookie({
          name: SESSION_COOKIE, value: secret, httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.secureCookies, expires: expiresAt,
        }));
        return { user: describeUser(actor), csrfToken, expiresAt: expiresAt.toISOString() };
      },
    }),
    route({
      method: 'post', path: '/auth/logout', tag: 'Auth', summary: 'End the current session', status: 204,
      async handler({ ctx, res }) {
        const auth = res.locals.auth as Authenticated;
        if (auth.sessionId) await ctx.db('sessions').where({ id: auth.sessionId }).delete();
        res.setHeader('Set-Cookie', stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
      },
    }),
    route({
      method: 'get', path: '/auth/session', tag: 'Auth', summary: 'Who is signed in (and the CSRF token of a browser session)',
      response: () => sessionInfo,
      async handler({ actor, res }) {
        const auth = res.locals.auth as Authenticated;
        return { user: describeUser(actor), ...(auth.csrfToken ? { csrfToken: auth.csrfToken } : {}) };
      },
    }),
    route({
      method: 'get', path: '/auth/tokens', tag: 'Auth', summary: 'List your API tokens (secrets are never shown again)',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: tokenInfo } }, required: ['items'], additionalProperties: false }),
      async handler({ ctx, actor }) {
        const rows = (await ctx.db('api_tokens').where({ user_id: actor.id }).whereNull('revoked_at').orderBy('id')) as {
          id: number; name: string; prefix: string; created_at: unknown; last_used_at: unknown; expires_at: unknown;
        }[];
        return {
          items: rows.map((r) => ({ id: Number(r.id), name: r.name, prefix: r.prefix, createdAt: toIso(r.created_at), lastUsedAt: toIso(r.last_used_at), expiresAt: toIso(r.expires_at) })),
        };
      },
    }),
    route({
      method: 'post', path: '/auth/tokens', tag: 'Auth', status: 201,
      summary: 'Create an API token for an add-in or integration; the secret is in this response only',
      body: () => tokenBody, response: () => ({ ...tokenInfo, required: [...tokenInfo.required, 'token'] }),
      async handler({ ctx, actor, body }) {
        const input = parseOrThrow(tokenBody, body);
        return createToken(ctx, actor.id, input.name, input.expiresInDays);
      },
    }),
    route({
      method: 'delete', path: '/auth/tokens/:id', tag: 'Auth', summary: 'Revoke one of your API tokens', status: 204,
      async handler(call) {
        const id = idParam(call);
        const n = await call.ctx.db('api_tokens').where({ id, user_id: call.actor.id }).whereNull('revoked_at').update({ revoked_at: nowIso(call.ctx) });
        if (!n) throw new AppError('not_found', 'Token was not found.');
      },
    }),
  ];
}
