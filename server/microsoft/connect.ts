import { parseCookie } from 'cookie';
import type { Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { authenticate, SESSION_COOKIE, type Authenticated } from '../auth/authenticate.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { toIso } from '../fields/codec.js';
import { forgetMailboxToken } from '../graph/client.js';
import { fromMsalError, GRAPH_SCOPES, msalApp, pkce, type AuthenticationResult } from '../graph/msal.js';
import { retryAfterMs } from '../graph/retry.js';
import { deleteMailbox, findMailbox, saveConnectedMailbox, type StoredMailbox } from './mailboxes.js';
import { requireSettings } from './settings.js';
import { secretBox } from './secret-box.js';

/** How long a started sign-in may take before its state is refused. */
const SIGN_IN_MINUTES = 10;
/** Sign-ins started with a bearer token (the add-in) have no browser session to bind to; their state alone ties them to the user. */
const NO_SESSION = 'bearer';
const VERIFIER_PURPOSE = 'microsoft_auth_requests.code_verifier';

export interface MailboxInfo {
  /** An administrator has entered the Microsoft 365 settings, so connecting is possible. */
  available: boolean;
  connected: boolean;
  address: string | null;
  status: 'connected' | 'reauth_required' | null;
  connectedVia: 'code' | 'obo' | null;
  lastError: string | null;
  connectedAt: string | null;
}

export const mailboxInfoSchema = {
  type: 'object',
  properties: {
    available: { type: 'boolean' }, connected: { type: 'boolean' }, address: { type: ['string', 'null'] },
    status: { enum: ['connected', 'reauth_required', null] }, connectedVia: { enum: ['code', 'obo', null] },
    lastError: { type: ['string', 'null'] }, connectedAt: { type: ['string', 'null'] },
  },
  required: ['available', 'connected', 'address', 'status', 'connectedVia', 'lastError', 'connectedAt'],
  additionalProperties: false,
} as const;

export async function mailboxInfo(ctx: AppContext, actor: Actor): Promise<MailboxInfo> {
  const available = !!(await ctx.db('microsoft_settings').first('id'));
  const m = await findMailbox(ctx, actor.id);
  return describe(available, m);
}

function describe(available: boolean, m: StoredMailbox | undefined): MailboxInfo {
  return {
    available, connected: m?.status === 'connected', address: m?.address ?? null, status: m?.status ?? null,
    connectedVia: m?.connectedVia ?? null, lastError: m?.lastError ?? null, connectedAt: m?.connectedAt ?? null,
  };
}

/** Where Microsoft sends the browser back: this server's callback, as the browser reached it. */
export function callbackUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}/api/v1/microsoft/callback`;
}

/** Step 1 of the authorization code flow: the Microsoft sign-in URL, with a state bound to this session and a PKCE challenge. */
export async function startConnect(ctx: AppContext, actor: Actor, auth: Authenticated, redirectUri: string): Promise<{ authorizeUrl: string }> {
  const settings = await requireSettings(ctx);
  const state = newSecret();
  const { verifier, challenge } = await pkce();
  const now = ctx.clock.now();
  // Abandoned sign-ins are cleared here rather than by a timer.
  await ctx.db('microsoft_auth_requests').where('expires_at', '<', now.toISOString()).delete();
  await ctx.db('microsoft_auth_requests').insert({
    state_hash: sha256(state), user_id: actor.id, session_hash: auth.sessionId ?? NO_SESSION,
    code_verifier_enc: secretBox(ctx.config).seal(verifier, VERIFIER_PURPOSE), redirect_uri: redirectUri,
    expires_at: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString(),
  });
  const app = await msalApp(ctx, settings);
  try {
    const authorizeUrl = await app.getAuthCodeUrl({
      scopes: GRAPH_SCOPES, redirectUri, state, codeChallenge: challenge, codeChallengeMethod: 'S256', prompt: 'select_account',
    });
    return { authorizeUrl };
  } catch (err) {
    throw fromMsalError(err, 'prepare the sign-in');
  }
}

export const callbackQuery = z.object({
  state: z.string().min(1).max(200).optional(),
  code: z.string().min(1).max(5000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/**
 * Step 2: Microsoft's answer. The state must be one this server issued, not
 * used before, not expired, and (for a browser sign-in) come back in the same
 * session; the code is exchanged with the PKCE verifier kept for it.
 * Returns where to send the browser.
 */
export async function finishConnect(ctx: AppContext, req: Request, query: unknown): Promise<string> {
  const q = parseOrThrow(callbackQuery, query);
  const invalid = () => new AppError('microsoft_state_invalid', 'This Microsoft sign-in answer does not belong to a sign-in started here (or it expired); start connecting again.');
  if (!q.state) throw invalid();
  const stateHash = sha256(q.state);
  const pending = (await ctx.db('microsoft_auth_requests').where({ state_hash: stateHash }).first()) as
    { user_id: number; session_hash: string; code_verifier_enc: string; redirect_uri: string; expires_at: unknown } | undefined;
  if (!pending) throw invalid();
  // Single use: whatever happens next, this state is spent.
  await ctx.db('microsoft_auth_requests').where({ state_hash: stateHash }).delete();
  if (new Date(toIso(pending.expires_at)!) <= ctx.clock.now()) throw invalid();
  if (pending.session_hash !== NO_SESSION) {
    const session = await sessionOf(ctx, req);
    if (!session || session.sessionId !== pending.session_hash || session.actor.id !== pending.user_id) throw invalid();
  }
  if (q.error) {
    ctx.log.info('microsoft sign-in declined', { userId: pending.user_id, error: q.error });
    return `/?microsoft=declined#/microsoft`;
  }
  if (!q.code) throw new AppError('validation_failed', 'The Microsoft answer has no code.', { details: [{ field: 'code', code: 'required', message: 'Microsoft sent no authorization code.' }] });
  const settings = await requireSettings(ctx);
  const app = await msalApp(ctx, settings);
  let result: AuthenticationResult;
  try {
    result = await app.acquireTokenByCode({
      code: q.code, scopes: GRAPH_SCOPES, redirectUri: pending.redirect_uri,
      codeVerifier: secretBox(ctx.config).open(pending.code_verifier_enc, VERIFIER_PURPOSE),
    });
  } catch (err) {
    throw authFailure(fromMsalError(err, 'exchange the sign-in code'));
  }
  await store(ctx, pending.user_id, app, result, 'code');
  return `/?microsoft=connected#/microsoft`;
}

export const oboBody = z.strictObject({
  /** The add-in's access token for Kontora's API (Office SSO: getAccessToken), a JWT. */
  assertion: z.string().min(20).max(20_000).regex(/^[\w-]+\.[\w-]+\.[\w-]*$/, { error: 'Send the add-in token (a JWT) as assertion.' }),
});

/** Connects the mailbox with the add-in's SSO token (on-behalf-of), no second sign-in needed. */
export async function connectOnBehalfOf(ctx: AppContext, actor: Actor, body: unknown): Promise<MailboxInfo> {
  const { assertion } = parseOrThrow(oboBody, body);
  const settings = await requireSettings(ctx);
  const app = await msalApp(ctx, settings);
  let result: AuthenticationResult | null;
  try {
    result = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_SCOPES });
  } catch (err) {
    throw authFailure(fromMsalError(err, 'accept the add-in token'));
  }
  if (!result) throw new AppError('microsoft_auth_failed', 'Microsoft returned no token for the add-in\'s sign-in.');
  await store(ctx, actor.id, app, result, 'obo');
  return mailboxInfo(ctx, actor);
}

export async function disconnect(ctx: AppContext, actor: Actor): Promise<void> {
  await deleteMailbox(ctx, actor.id);
  forgetMailboxToken(ctx, actor.id);
  ctx.log.info('microsoft mailbox disconnected', { userId: actor.id });
}

/** While connecting, a refused sign-in is the user's to retry, not a stored mailbox to mark. */
function authFailure(e: AppError): AppError {
  return e.code === 'mailbox_reauth_required' ? new AppError('microsoft_auth_failed', e.message, { cause: e }) : e;
}

async function store(ctx: AppContext, userId: number, app: Awaited<ReturnType<typeof msalApp>>, result: AuthenticationResult, via: 'code' | 'obo'): Promise<void> {
  const account = result.account;
  if (!account) throw new AppError('microsoft_auth_failed', 'Microsoft returned a token without an account; check that the app asks for openid and offline_access.');
  // The mailbox address as Graph knows it, which also proves the token works before anything is stored.
  const me = await whoAmI(ctx, result.accessToken);
  await saveConnectedMailbox(ctx, userId, { address: me, homeAccountId: account.homeAccountId, tokenCache: app.getTokenCache().serialize(), via });
  forgetMailboxToken(ctx, userId);
  ctx.log.info('microsoft mailbox connected', { userId, address: me, via });
}

async function whoAmI(ctx: AppContext, accessToken: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${ctx.config.graphUrl}/me?$select=mail,userPrincipalName`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new AppError('graph_unavailable', `Microsoft Graph could not be reached (${(err as Error).message}); try connecting again later.`);
  }
  const body = (await res.json().catch(() => ({}))) as { mail?: string | null; userPrincipalName?: string; error?: { code?: string } };
  if (res.status === 429 || res.status >= 500) {
    throw new AppError('graph_unavailable', `Microsoft Graph answered ${res.status}; try connecting again later.`, { extra: { retryAfterSeconds: Math.ceil((retryAfterMs(res.headers.get('retry-after')) ?? 0) / 1000) } });
  }
  if (!res.ok || !(body.mail || body.userPrincipalName)) {
    throw new AppError('graph_failed', `Microsoft Graph refused to name the mailbox: ${res.status} ${body.error?.code ?? ''}`.trim(), { extra: { graph: { status: res.status, code: body.error?.code ?? null } } });
  }
  return (body.mail || body.userPrincipalName)!.toLowerCase();
}

/** The browser session of a request, if it carries a valid one. */
async function sessionOf(ctx: AppContext, req: Request): Promise<Authenticated | undefined> {
  if (!parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]) return undefined;
  try {
    const auth = await authenticate(req, ctx);
    return auth.via === 'session' ? auth : undefined;
  } catch {
    return undefined;
  }
}
