/**
 * The one way the front end talks to the server: /api/v1 over fetch.
 *
 * In a browser the session cookie authenticates and writes carry the
 * session's CSRF token. In an Office task pane cookies are unreliable (the
 * pane runs in a partitioned webview), so the pane signs in for a bearer
 * token and keeps it in localStorage.
 */
import { t } from '../i18n/strings.js';

export interface ErrorDetail {
  field?: string;
  code: string;
  message: string;
}

/** An error answer from the API, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  /** Messages per field, for showing next to the inputs. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.field && !out[d.field]) out[d.field] = d.message;
    return out;
  }
}

export interface ListPage<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
}

type Listener = () => void;

const TOKEN_KEY = 'kontora.token';

class Api {
  private csrfToken: string | undefined;
  private token: string | undefined;
  private expiredListeners = new Set<Listener>();

  constructor(readonly base = '/api/v1') {
    try {
      this.token = globalThis.localStorage?.getItem(TOKEN_KEY) ?? undefined;
    } catch {
      this.token = undefined;
    }
  }

  get usesToken(): boolean {
    return this.token !== undefined;
  }

  /** The first characters of the token, as the server lists it. */
  tokenPrefix(): string | undefined {
    return this.token?.slice(0, 10);
  }

  setCsrf(token: string | undefined): void {
    this.csrfToken = token;
  }

  setToken(token: string | undefined): void {
    this.token = token;
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage can be blocked (private windows); the token then lasts for this page.
    }
  }

  /** Called when the server says the session is gone, so the app can ask to sign in again. */
  onExpired(listener: Listener): () => void {
    this.expiredListeners.add(listener);
    return () => this.expiredListeners.delete(listener);
  }

  url(path: string, query?: Record<string, unknown>): string {
    const qs = query ? toQuery(query) : '';
    return this.base + path + (qs ? `?${qs}` : '');
  }

  /** The headers that authenticate a request (for uploads sent with XMLHttpRequest to show progress). */
  authHeaders(method: string): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    else if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return headers;
  }

  /** Lets the app ask for sign-in again after a request made outside `request` got 401. */
  expired(): void {
    for (const l of this.expiredListeners) l();
  }

  async request<T>(method: string, path: string, options: { body?: unknown; query?: Record<string, unknown>; raw?: boolean; signal?: AbortSignal } = {}): Promise<T> {
    const headers = this.authHeaders(method);
    let body: BodyInit | undefined;
    if (options.body instanceof Blob || options.body instanceof FormData || options.body instanceof ArrayBuffer) {
      body = options.body as BodyInit;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', t('app.offline'));
    }
    if (res.status === 204) return undefined as T;
    if (options.raw && res.ok) return res as unknown as T;
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!res.ok) {
      const e = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
      const error = new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? t('app.serverAnswered', { status: res.status }), e?.details ?? [], parsed);
      if (res.status === 401 && path !== '/auth/login' && path !== '/auth/session') for (const l of this.expiredListeners) l();
      throw error;
    }
    return parsed as T;
  }

  get<T>(path: string, query?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, { body });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}

/** Query string from an object; arrays repeat the key, empty values are left out. */
export function toQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  return params.toString();
}

export const api = new Api();
