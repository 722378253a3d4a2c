import { fixedClock, systemClock, type Clock } from '../../server/clock.js';
import { readConfig } from '../../server/config.js';
import { memoryLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { createTestDatabase, type DbKind, type TestDatabase } from './databases.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client for the API, signed in with a bearer token or not. */
export class Api {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    }
    const res = await fetch(this.base + '/api/v1' + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Like request, but fails the test unless the status is as expected. */
  async expect<T = any>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.request<T>(method, path, body);
    if (reply.status !== status) {
      throw new Error(`${method} ${path} answered ${reply.status}, expected ${status}: ${JSON.stringify(reply.body).slice(0, 800)}`);
    }
    return reply.body;
  }
}

export interface TestServer {
  kind: DbKind;
  server: RunningServer;
  url: string;
  anonymous: Api;
  admin: Api;
  clock: Clock & { set?(to: Date | string): void };
  logs: string[];
  /** Adds a user and returns an API client signed in as them. */
  user(login: string, role: 'admin' | 'manager' | 'accountant' | 'viewer', scope?: 'own' | 'all'): Promise<Api & { id: number }>;
  close(): Promise<void>;
}

export async function login(base: string, loginName: string, password: string): Promise<Api> {
  const reply = await new Api(base).post('/auth/login', { login: loginName, password, issueToken: true });
  if (reply.status !== 200) throw new Error(`login failed: ${JSON.stringify(reply.body)}`);
  return new Api(base, reply.body.token);
}

export async function startTestServer(kind: DbKind, options: { now?: string; demo?: boolean } = {}): Promise<TestServer> {
  const db: TestDatabase = await createTestDatabase(kind);
  const clock = options.now ? fixedClock(options.now) : systemClock;
  const log = memoryLogger();
  let server: RunningServer;
  try {
    server = await startServer({
      config: { ...readConfig({}), ...db.config, host: '127.0.0.1', port: 0, adminPassword: ADMIN_PASSWORD, demo: options.demo ?? false },
      clock, log, print: () => undefined,
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  return {
    kind, server, url: server.url, admin, clock, logs: log.lines,
    anonymous: new Api(server.url),
    async user(loginName, role, scope) {
      const password = `${loginName}-password-123`;
      const created = await admin.expect(201, 'POST', '/users', { login: loginName, name: loginName[0]!.toUpperCase() + loginName.slice(1), role, scope: scope ?? (role === 'manager' ? 'own' : 'all'), password });
      const api = await login(server.url, loginName, password);
      return Object.assign(api, { id: created.id as number });
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

/**
 * A second app instance on the database of a running test server, as when
 * several instances share one PostgreSQL (or processes share a SQLite
 * file). Closing it leaves the database to the first server.
 */
export async function startSecondServer(first: TestServer): Promise<{ server: RunningServer; url: string; admin: Api; close(): Promise<void> }> {
  const server = await startServer({
    config: { ...first.server.ctx.config, port: 0, demo: false },
    clock: first.clock, log: memoryLogger(), print: () => undefined,
  });
  const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  return { server, url: server.url, admin, close: () => server.close() };
}
