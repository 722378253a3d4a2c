import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { connectedMailboxRows, findMailbox, markReauthRequired, readTokenCache, recordMailboxError, saveTokenCache } from '../microsoft/mailboxes.js';
import { requireSettings } from '../microsoft/settings.js';
import { MailboxLimiter } from './limiter.js';
import { fromMsalError, GRAPH_SCOPES, msalApp } from './msal.js';
import { backoffMs, retryAfterMs, sleep } from './retry.js';

export interface GraphClient {
  /** The connected mailbox's Kontora user id and address. */
  readonly userId: number;
  readonly address: string;
  /**
   * One Graph call. pathOrUrl: relative to the configured Graph base ('/me/contacts?$top=100') or an absolute
   * @odata.nextLink / @odata.deltaLink. At most 4 requests in flight per mailbox; honours 429/503 with
   * Retry-After; a few retries with backoff; then throws AppError: 'graph_unavailable', 'graph_throttled',
   * 'mailbox_not_connected' / 'mailbox_reauth_required', 'graph_delta_expired', 'graph_failed' (other 4xx;
   * `extra.graph` carries Graph's status and error code, e.g. 404 ErrorItemNotFound, 412 ErrorIrresolvableConflict).
   */
  request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', pathOrUrl: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** JSON batching ($batch, ≤ 20 per call; larger lists are split); per-request results in input order, 429s inside a batch retried. */
  batch(requests: BatchRequest[]): Promise<BatchResult[]>;
}

export interface BatchRequest { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string> }
export interface BatchResult { id: string; status: number; body: any; headers?: Record<string, string> }

/** Retry policy; tunable for tests and benchmarks, the defaults suit Exchange Online. */
export const graphPolicy = {
  /** Tries per request (the first plus retries). */
  maxAttempts: 4,
  /** A Retry-After longer than this is not waited out inside a request: the caller gets graph_throttled and tries later. */
  maxRetryAfterMs: 60_000,
  requestTimeoutMs: 60_000,
  concurrency: 4,
};

interface MailboxState {
  limiter: MailboxLimiter;
  token?: { value: string; expiresAt: number };
  pending?: Promise<string>;
}

// Shared by every client of the same mailbox in this server (sync and
// mailings run at once): the concurrency limit is per mailbox, not per caller.
const states = new WeakMap<AppContext, Map<number, MailboxState>>();

function stateOf(ctx: AppContext, userId: number): MailboxState {
  let byUser = states.get(ctx);
  if (!byUser) states.set(ctx, (byUser = new Map()));
  let s = byUser.get(userId);
  if (!s) byUser.set(userId, (s = { limiter: new MailboxLimiter(graphPolicy.concurrency) }));
  return s;
}

/** Drops the in-memory token of a mailbox (after disconnect or reconnect). */
export function forgetMailboxToken(ctx: AppContext, userId: number): void {
  const s = states.get(ctx)?.get(userId);
  if (s) s.token = undefined;
}

/** The client for a user's connected mailbox; throws AppError('mailbox_not_connected') when there is none. */
export async function graphClientFor(ctx: AppContext, userId: number): Promise<GraphClient> {
  const mailbox = await findMailbox(ctx, userId);
  if (!mailbox) throw new AppError('mailbox_not_connected', 'This user has not connected a Microsoft 365 mailbox.');
  if (mailbox.status === 'reauth_required') {
    throw new AppError('mailbox_reauth_required', `Microsoft no longer accepts the sign-in of ${mailbox.address}; connect the mailbox again.`);
  }
  await requireSettings(ctx);
  return new MailboxGraphClient(ctx, userId, mailbox.address, mailbox.homeAccountId, stateOf(ctx, userId));
}

/** Users with a connected mailbox (for schedulers). */
export async function connectedMailboxes(ctx: AppContext): Promise<{ userId: number; address: string }[]> {
  return connectedMailboxRows(ctx);
}

type Attempt<T> = { done: T } | { retry: number; code: 'graph_throttled' | 'graph_unavailable'; why: string } | { unauthorized: string };

class MailboxGraphClient implements GraphClient {
  private readonly base: URL;

  constructor(
    private readonly ctx: AppContext,
    readonly userId: number,
    readonly address: string,
    private readonly homeAccountId: string,
    private readonly state: MailboxState,
  ) {
    this.base = new URL(ctx.config.graphUrl.replace(/\/+$/, '') + '/');
  }

  async request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', pathOrUrl: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const url = this.resolve(pathOrUrl);
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.token(false);
      const outcome = await this.state.limiter.run(() => this.once<T>(method, url, token, body, headers));
      if ('done' in outcome) return outcome.done;
      if ('unauthorized' in outcome) {
        // An access token can be revoked before it expires: renew it once; if Graph still refuses, the sign-in is gone.
        if (!refreshed) {
          refreshed = true;
          this.state.token = undefined;
          await this.token(true);
          attempt -= 1;
          continue;
        }
        await markReauthRequired(this.ctx, this.userId, `Graph refused the token: ${outcome.unauthorized}`);
        throw new AppError('mailbox_reauth_required', `Microsoft Graph no longer accepts the sign-in of ${this.address}; connect the mailbox again.`);
      }
      if (attempt >= graphPolicy.maxAttempts || outcome.retry > graphPolicy.maxRetryAfterMs) {
        this.ctx.log.warn('graph request gave up', { userId: this.userId, method, path: url.pathname, attempts: attempt, why: outcome.why });
        // Shown on the user's mailbox card; the next successful connect clears it.
        await recordMailboxError(this.ctx, this.userId, `${new Date().toISOString()}: Microsoft Graph ${outcome.code === 'graph_throttled' ? 'throttled' : 'failed'} (${outcome.why})`);
        throw new AppError(outcome.code, outcome.code === 'graph_throttled'
          ? `Microsoft Graph is throttling this mailbox (${outcome.why}); try again later.`
          : `Microsoft Graph is not answering (${outcome.why}); try again later.`, { extra: { retryAfterSeconds: Math.ceil(outcome.retry / 1000) } });
      }
      await sleep(outcome.retry);
    }
  }

  async batch(requests: BatchRequest[]): Promise<BatchResult[]> {
    const results = new Map<string, BatchResult>();
    for (let i = 0; i < requests.length; i += 20) {
      let pending = requests.slice(i, i + 20);
      for (let attempt = 1; pending.length; attempt += 1) {
        const reply = await this.request<{ responses: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[] }>(
          'POST', '/$batch', { requests: pending.map((r) => this.batchItem(r)) });
        const again: BatchRequest[] = [];
        let wait = 0;
        for (const r of reply.responses ?? []) {
          const retryable = r.status === 429 || r.status === 503 || r.status === 504;
          const hinted = retryAfterMs(header(r.headers, 'retry-after'));
          if (retryable && attempt < graphPolicy.maxAttempts && (hinted ?? 0) <= graphPolicy.maxRetryAfterMs) {
            const original = pending.find((p) => p.id === r.id);
            if (original) {
              again.push(original);
              wait = Math.max(wait, hinted ?? backoffMs(attempt));
              continue;
            }
          }
          results.set(r.id, { id: r.id, status: r.status, body: r.body ?? null, ...(r.headers ? { headers: r.headers } : {}) });
        }
        if (again.length) {
          this.ctx.log.info('graph batch items throttled', { userId: this.userId, items: again.length, waitMs: wait });
          if (wait) this.state.limiter.pauseUntil(Date.now() + wait);
          await sleep(wait);
        }
        pending = again;
      }
    }
    return requests.map((r) => results.get(r.id) ?? { id: r.id, status: 500, body: { error: { code: 'missingResponse', message: 'Graph returned no response for this request.' } } });
  }

  private batchItem(r: BatchRequest): Record<string, unknown> {
    const abs = this.resolve(r.url);
    const rel = '/' + abs.href.slice(this.base.href.length);
    const headers = { ...(r.headers ?? {}) };
    if (r.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    return { id: r.id, method: r.method.toUpperCase(), url: rel, ...(r.body !== undefined ? { body: r.body } : {}), ...(Object.keys(headers).length ? { headers } : {}) };
  }

  /** A path under the Graph base, or a nextLink/deltaLink Graph gave us; the bearer token never goes to another host. */
  private resolve(pathOrUrl: string): URL {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      const url = new URL(pathOrUrl);
      if (url.origin !== this.base.origin || !url.href.startsWith(this.base.href)) {
        throw new AppError('graph_failed', `Refusing to send the mailbox token to ${url.origin}: not the configured Microsoft Graph address.`);
      }
      return url;
    }
    return new URL(this.base.href + pathOrUrl.replace(/^\/+/, ''));
  }

  private async once<T>(method: string, url: URL, token: string, body: unknown, headers: Record<string, string>): Promise<Attempt<T>> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(graphPolicy.requestTimeoutMs),
      });
    } catch (err) {
      return { retry: backoffMs(1), code: 'graph_unavailable', why: (err as Error).name === 'TimeoutError' ? 'timed out' : `network error: ${(err as Error).message}` };
    }
    const text = await res.text();
    let parsed: any = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (res.ok) return { done: (res.status === 204 || res.status === 202 ? undefined : parsed) as T };
    const graphCode: string = parsed?.error?.code ?? `http_${res.status}`;
    const graphMessage: string = parsed?.error?.message ?? res.statusText;
    if (res.status === 401) return { unauthorized: graphCode };
    if (res.status === 429 || res.status >= 500) {
      const hinted = retryAfterMs(res.headers.get('retry-after'));
      const wait = hinted ?? backoffMs(1);
      if (hinted !== undefined) this.state.limiter.pauseUntil(Date.now() + Math.min(hinted, graphPolicy.maxRetryAfterMs));
      this.ctx.log.info('graph asked to wait', { userId: this.userId, status: res.status, path: url.pathname, retryAfterMs: hinted });
      return { retry: wait, code: res.status === 429 ? 'graph_throttled' : 'graph_unavailable', why: `${res.status} ${graphCode}` };
    }
    if (res.status === 410 || /^(syncStateNotFound|resyncRequired|SyncStateNotFound)$/.test(graphCode)) {
      throw new AppError('graph_delta_expired', 'The Graph delta token has expired; a full resynchronisation is needed.', { extra: { graph: { status: res.status, code: graphCode } } });
    }
    throw new AppError('graph_failed', `Microsoft Graph refused ${method} ${url.pathname}: ${res.status} ${graphCode}: ${String(graphMessage).slice(0, 300)}`, {
      extra: { graph: { status: res.status, code: graphCode } },
    });
  }

  /** The mailbox's access token: kept in memory until shortly before it expires, renewed by msal from the sealed cache. */
  private token(force: boolean): Promise<string> {
    const s = this.state;
    if (!force && s.token && s.token.expiresAt - 60_000 > Date.now()) return Promise.resolve(s.token.value);
    if (s.pending) return s.pending;
    s.pending = this.acquire(force).finally(() => {
      s.pending = undefined;
    });
    return s.pending;
  }

  private async acquire(forceRefresh: boolean): Promise<string> {
    const settings = await requireSettings(this.ctx);
    const cache = await readTokenCache(this.ctx, this.userId);
    if (!cache) throw new AppError('mailbox_not_connected', 'This user has not connected a Microsoft 365 mailbox.');
    const app = await msalApp(this.ctx, settings, cache);
    const account = await app.getTokenCache().getAccountByHomeId(this.homeAccountId);
    if (!account) {
      await markReauthRequired(this.ctx, this.userId, 'The stored sign-in has no account.');
      throw new AppError('mailbox_reauth_required', `The stored sign-in of ${this.address} is unusable; connect the mailbox again.`);
    }
    let result;
    try {
      result = await app.acquireTokenSilent({ account, scopes: GRAPH_SCOPES, forceRefresh });
    } catch (err) {
      const e = fromMsalError(err, 'renew the mailbox token');
      if (e.code === 'mailbox_reauth_required') await markReauthRequired(this.ctx, this.userId, e.message);
      throw e;
    }
    const after = app.getTokenCache().serialize();
    if (after !== cache) await saveTokenCache(this.ctx, this.userId, after);
    this.state.token = { value: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 };
    return result.accessToken;
  }
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}
