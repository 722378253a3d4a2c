import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../server/db/connect.js';
import type { LoadPlan, LoadUser, Sample } from './load.js';
import { summarize, seeded, type Summary } from './stats.js';

/**
 * 50 virtual users against the running server, mixing reads (list, get,
 * search) and writes (create, read-then-patch with the version read, add
 * a contact). The load runs in a child process so the client's own work
 * does not share the server's event loop.
 */
export interface ConcurrencyFigures {
  virtualUsers: number;
  seconds: number;
  thinkMs: [number, number];
  requests: number;
  throughput: number;
  all: Summary;
  byOp: Record<string, Summary>;
  /** Expected outcomes: 409 version_conflict on a stale version. */
  conflicts: number;
  /** Anything else: by "op status code". */
  errors: Record<string, number>;
  /** Server log lines about a locked/busy database or a 5xx. */
  serverLogProblems: string[];
  /** The slowest requests: where the tail comes from. */
  slowest: { ms: number; at: number; path: string }[];
}

const EXPECTED: Record<string, number[]> = { list: [200], get: [200], search: [200], create: [201], patch: [200], contact: [201] };

export interface LoadSetup {
  url: string;
  db: Db;
  /** Signed-in users: token, id, whether they see all clients. */
  users: { token: string; id: number; seesAll: boolean }[];
  maxClientId: number;
  queries: string[];
  listPaths: (user: { id: number; seesAll: boolean }) => string[];
  contacts: boolean;
}

async function planUsers(setup: LoadSetup): Promise<LoadUser[]> {
  const random = seeded(77);
  const sharedHot = Array.from({ length: 40 }, () => 1 + Math.floor(random() * setup.maxClientId));
  const users: LoadUser[] = [];
  for (const u of setup.users) {
    let clientIds: number[];
    if (u.seesAll) clientIds = Array.from({ length: 500 }, () => 1 + Math.floor(random() * setup.maxClientId));
    else clientIds = ((await setup.db('clients').where('manager_id', u.id).orderByRaw('id % 997, id').limit(500).pluck('id')) as number[]).map(Number);
    users.push({
      token: u.token, id: u.id, clientIds,
      hotIds: u.seesAll ? sharedHot : clientIds.slice(0, 10),
      listPaths: setup.listPaths(u), queries: setup.queries,
    });
  }
  return users;
}

function runChild(plan: LoadPlan): Promise<Sample[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let done = false;
    child.once('message', (m: { samples?: Sample[]; error?: string }) => {
      done = true;
      if (m.samples) resolve(m.samples);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(plan);
  });
}

export async function benchConcurrency(
  setup: LoadSetup,
  options: { virtualUsers: number; seconds: number; thinkMs: [number, number]; logLines: string[] },
): Promise<ConcurrencyFigures> {
  const users = await planUsers(setup);
  const logFrom = options.logLines.length;
  const samples = await runChild({
    url: setup.url, users, virtualUsers: options.virtualUsers, durationMs: options.seconds * 1000, thinkMs: options.thinkMs, contacts: setup.contacts,
  });
  const errors: Record<string, number> = {};
  let conflicts = 0;
  const byOp = new Map<string, number[]>();
  for (const s of samples) {
    byOp.set(s.op, [...(byOp.get(s.op) ?? []), s.ms]);
    if (EXPECTED[s.op]?.includes(s.status)) continue;
    if (s.op === 'patch' && s.status === 409 && s.code === 'version_conflict') {
      conflicts++;
      continue;
    }
    const key = `${s.op} ${s.status} ${s.code ?? ''}`.trim();
    errors[key] = (errors[key] ?? 0) + 1;
  }
  const elapsed = Math.max(options.seconds, ...samples.map((s) => (s.at + s.ms) / 1000));
  const serverLogProblems = options.logLines.slice(logFrom).filter((l) => /database is locked|SQLITE_BUSY|"status":5\d\d|"level":"error"/i.test(l));
  return {
    virtualUsers: options.virtualUsers,
    seconds: Math.round(elapsed * 10) / 10,
    thinkMs: options.thinkMs,
    requests: samples.length,
    throughput: Math.round((samples.length / elapsed) * 10) / 10,
    all: summarize(samples.map((s) => s.ms)),
    byOp: Object.fromEntries([...byOp].map(([op, ms]) => [op, summarize(ms)])),
    conflicts,
    errors,
    serverLogProblems: serverLogProblems.slice(0, 20),
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 8).map((s) => ({ ms: Math.round(s.ms), at: Math.round(s.at), path: s.path })),
  };
}
