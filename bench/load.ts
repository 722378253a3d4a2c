/**
 * The load generator of the concurrency bench, run as a child process (a
 * client of its own, not sharing the server's event loop). It receives a
 * LoadPlan over IPC, runs the virtual users and sends back every sample.
 */
import { BenchClient } from './http.js';
import { seeded } from './stats.js';

export interface LoadUser {
  token: string;
  id: number;
  /** Clients this user may read and change. */
  clientIds: number[];
  /** Clients several virtual users of this user edit at once (version conflicts). */
  hotIds: number[];
  listPaths: string[];
  queries: string[];
}

export interface LoadPlan {
  url: string;
  users: LoadUser[];
  virtualUsers: number;
  durationMs: number;
  /** Pause between a user's requests, uniformly in [min, max] ms. */
  thinkMs: [number, number];
  /** Whether POST /contacts exists on this server. */
  contacts: boolean;
}

export interface Sample {
  op: string;
  status: number;
  /** The API error code, or "network" when no answer came. */
  code?: string;
  ms: number;
  /** Milliseconds since the start of the run. */
  at: number;
  /** The request, kept for the slowest ones in the report. */
  path: string;
}

const OPS: [string, number][] = [['list', 28], ['get', 24], ['search', 22], ['create', 10], ['patch', 10], ['contact', 6]];

async function virtualUser(plan: LoadPlan, n: number, started: number, samples: Sample[]): Promise<void> {
  const random = seeded(1000 + n);
  const user = plan.users[n % plan.users.length]!;
  const api = new BenchClient(plan.url, user.token);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const ops = OPS.filter(([op]) => op !== 'contact' || plan.contacts);
  const weight = ops.reduce((s, [, w]) => s + w, 0);
  let created = 0;
  const call = async (op: string, method: string, path: string, body?: unknown) => {
    const at = performance.now() - started;
    try {
      const reply = await api.request(method, path, body);
      samples.push({ op, status: reply.status, code: reply.body?.error?.code, ms: reply.ms, at, path: `${method} ${path}` });
      return reply;
    } catch (err) {
      samples.push({ op, status: 0, code: 'network', ms: performance.now() - started - at, at, path: `${method} ${path}` });
      void err;
      return null;
    }
  };
  // Users do not all click at the same instant: each starts somewhere within
  // one pause, instead of 50 requests queueing at once at time zero.
  if (plan.thinkMs[1] > 0) await new Promise((resolve) => setTimeout(resolve, random() * plan.thinkMs[1]));
  while (performance.now() - started < plan.durationMs) {
    let x = random() * weight;
    const op = ops.find(([, w]) => (x -= w) < 0)?.[0] ?? 'list';
    switch (op) {
      case 'list':
        await call(op, 'GET', pick(user.listPaths));
        break;
      case 'get':
        await call(op, 'GET', `/clients/${pick(user.clientIds)}`);
        break;
      case 'search':
        await call(op, 'GET', `/search?q=${encodeURIComponent(pick(user.queries))}`);
        break;
      case 'create':
        created++;
        await call(op, 'POST', '/clients', {
          kind: 'legal', name: `Load Test ${n}-${created} Ltd`, city: pick(['London', 'Москва', 'Riga']),
          phones: [{ type: 'work', number: `+44 20 ${String(7000_0000 + n * 1000 + created).replace(/(\d{4})(\d{4})/, '$1 $2')}` }],
          emails: [{ address: `load${n}.${created}@bench.example` }], tags: ['load'],
        });
        break;
      case 'patch': {
        // Read, then write with the version read: a clean 409 when another user was quicker.
        const id = pick(user.hotIds);
        const read = await call('get', 'GET', `/clients/${id}`);
        if (read?.status === 200) await call(op, 'PATCH', `/clients/${id}`, { version: read.body.version, source: `edit ${n}-${Math.floor(random() * 1e6)}` });
        break;
      }
      case 'contact':
        await call(op, 'POST', '/contacts', { clientId: pick(user.clientIds), firstName: 'Load', lastName: `Tester ${n}`, phones: [{ type: 'mobile', number: `+7 916 ${String(1000000 + n * 1000 + created).slice(-7)}` }] });
        break;
    }
    const [min, max] = plan.thinkMs;
    if (max > 0) await new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)));
  }
}

async function runLoad(plan: LoadPlan): Promise<Sample[]> {
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: plan.virtualUsers }, (_, n) => virtualUser(plan, n, started, samples)));
  return samples;
}

// Run as a child process: one plan in, the samples out.
if (process.send) {
  process.once('message', (plan: LoadPlan) => {
    runLoad(plan).then(
      (samples) => process.send!({ samples }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: String(err instanceof Error ? err.stack : err) }, () => process.exit(1)),
    );
  });
}
