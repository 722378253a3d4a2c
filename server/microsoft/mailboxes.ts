import { nowIso, type AppContext } from '../context.js';
import { toIso } from '../fields/codec.js';
import { secretBox } from './secret-box.js';

/**
 * Connected Microsoft 365 mailboxes, one per user. The msal token cache (it
 * holds the refresh token) is stored sealed; it is bound to its user so a
 * cache copied onto another user's row does not open.
 */
export type MailboxStatus = 'connected' | 'reauth_required';

export interface StoredMailbox {
  userId: number;
  address: string;
  homeAccountId: string;
  connectedVia: 'code' | 'obo';
  status: MailboxStatus;
  lastError: string | null;
  connectedAt: string;
  updatedAt: string;
}

interface Row {
  user_id: number;
  address: string;
  home_account_id: string;
  token_cache_enc: string;
  connected_via: string;
  status: string;
  last_error: string | null;
  connected_at: unknown;
  updated_at: unknown;
}

const purpose = (userId: number) => `microsoft_mailboxes.token_cache:${userId}`;

function fromRow(r: Row): StoredMailbox {
  return {
    userId: r.user_id, address: r.address, homeAccountId: r.home_account_id, connectedVia: r.connected_via as 'code' | 'obo',
    status: r.status as MailboxStatus, lastError: r.last_error, connectedAt: toIso(r.connected_at)!, updatedAt: toIso(r.updated_at)!,
  };
}

export async function findMailbox(ctx: AppContext, userId: number): Promise<StoredMailbox | undefined> {
  const r = (await ctx.db('microsoft_mailboxes').where({ user_id: userId }).first()) as Row | undefined;
  return r ? fromRow(r) : undefined;
}

export async function readTokenCache(ctx: AppContext, userId: number): Promise<string | undefined> {
  const r = (await ctx.db('microsoft_mailboxes').where({ user_id: userId }).first('token_cache_enc')) as Pick<Row, 'token_cache_enc'> | undefined;
  return r ? secretBox(ctx.config).open(r.token_cache_enc, purpose(userId)) : undefined;
}

export async function saveConnectedMailbox(ctx: AppContext, userId: number, m: { address: string; homeAccountId: string; tokenCache: string; via: 'code' | 'obo' }): Promise<void> {
  const at = nowIso(ctx);
  await ctx.db('microsoft_mailboxes').insert({
    user_id: userId, address: m.address, home_account_id: m.homeAccountId, token_cache_enc: secretBox(ctx.config).seal(m.tokenCache, purpose(userId)),
    connected_via: m.via, status: 'connected', last_error: null, connected_at: at, updated_at: at,
  }).onConflict('user_id').merge();
}

export async function saveTokenCache(ctx: AppContext, userId: number, tokenCache: string): Promise<void> {
  await ctx.db('microsoft_mailboxes').where({ user_id: userId })
    .update({ token_cache_enc: secretBox(ctx.config).seal(tokenCache, purpose(userId)), updated_at: nowIso(ctx) });
}

/** Microsoft no longer accepts the stored sign-in: stop using it until the user connects again. */
export async function markReauthRequired(ctx: AppContext, userId: number, why: string): Promise<void> {
  await ctx.db('microsoft_mailboxes').where({ user_id: userId })
    .update({ status: 'reauth_required', last_error: why.slice(0, 1000), updated_at: nowIso(ctx) });
}

export async function recordMailboxError(ctx: AppContext, userId: number, why: string | null): Promise<void> {
  await ctx.db('microsoft_mailboxes').where({ user_id: userId }).update({ last_error: why?.slice(0, 1000) ?? null, updated_at: nowIso(ctx) });
}

export async function deleteMailbox(ctx: AppContext, userId: number): Promise<boolean> {
  return (await ctx.db('microsoft_mailboxes').where({ user_id: userId }).delete()) > 0;
}

export async function connectedMailboxRows(ctx: AppContext): Promise<{ userId: number; address: string }[]> {
  const rows = (await ctx.db('microsoft_mailboxes').join('users', 'users.id', 'microsoft_mailboxes.user_id')
    .where({ 'microsoft_mailboxes.status': 'connected', 'users.active': true })
    .orderBy('microsoft_mailboxes.user_id')
    .select('microsoft_mailboxes.user_id', 'microsoft_mailboxes.address')) as { user_id: number; address: string }[];
  return rows.map((r) => ({ userId: r.user_id, address: r.address }));
}
