/**
 * npm run bench -- reminders [--db sqlite|postgres]
 *
 * 10,000 reminders for 50 users come due at once (a morning after the
 * server was down, or a batch of automatic reminders). Kontora's scheduler
 * round (claim in batches of 200 with FOR UPDATE SKIP LOCKED on
 * PostgreSQL, then the look-up for live streams and e-mails) against a bare
 * single UPDATE that marks the same rows fired. Targets: all fired within
 * one round interval (≤ 5 s), and ≤ 3× the bare UPDATE.
 * Fresh database of its own, five runs each, medians.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../server/clock.js';
import { readConfig } from '../server/config.js';
import { memoryLogger } from '../server/log.js';
import { startServer } from '../server/server.js';
import { createTestDatabase } from '../test/support/databases.js';
import { BENCH_DIR, type DbKind } from './database.js';
import { summarize, timed } from './stats.js';

const REMINDERS = 10_000;
const USERS = 50;
const RUNS = 5;
const DUE = '2026-12-01T08:00:00.000Z';

export async function runRemindersPhase(print: (line: string) => void, strict: boolean, kind: DbKind): Promise<number> {
  const tdb = await createTestDatabase(kind);
  const clock = fixedClock('2026-12-01T09:00:00Z');
  const server = await startServer({
    config: { ...readConfig({}), ...tdb.config, host: '127.0.0.1', port: 0, adminPassword: 'bench-password-123', demo: false },
    clock, log: memoryLogger(), print: () => undefined, listen: false,
  });
  server.scheduler.pause();
  await server.scheduler.tick();
  const db = server.ctx.db;
  try {
    const at = new Date().toISOString();
    const users: number[] = [];
    for (let i = 0; i < USERS; i++) {
      const [row] = (await db('users').insert({ login: `bench${i}`, name: `Bench ${i}`, role: 'manager', scope: 'own', active: true, version: 1, created_at: at, updated_at: at }).returning('id')) as ({ id: number } | number)[];
      users.push(typeof row === 'object' ? Number(row.id) : Number(row));
    }
    const rows = Array.from({ length: REMINDERS }, (_, i) => ({
      user_id: users[i % USERS], kind: 'task', occurrence_key: `bench:${i}`, title: `Reminder ${i}`, due_at: DUE, by_email: false, created_at: at,
    }));
    for (let i = 0; i < rows.length; i += 500) await db('reminders').insert(rows.slice(i, i + 500));
    const reset = () => db('reminders').update({ fired_at: null, fired_by: null });
    const now = clock.now().toISOString();

    const bare: number[] = [];
    const kontora: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await reset();
      bare.push((await timed(() => db('reminders').whereNull('fired_at').where('due_at', '<=', now).update({ fired_at: now, fired_by: 'bare' }))).ms);
      await reset();
      const round = await timed(() => server.scheduler.tick());
      if (round.value.fired.length !== REMINDERS) throw new Error(`a round fired ${round.value.fired.length} of ${REMINDERS}`);
      kontora.push(round.ms);
    }
    const k = summarize(kontora);
    const b = summarize(bare);
    const ratio = Math.round((k.p50 / b.p50) * 100) / 100;
    const targets = [
      { name: `${REMINDERS.toLocaleString('en')} reminders due at once fire in one round ≤ 5 s`, pass: k.p50 <= 5000, value: `${k.p50} ms (p50 of ${RUNS}, max ${k.max} ms)` },
      { name: 'scheduler round ≤ 3× a bare UPDATE of the same rows', pass: ratio <= 3, value: `${ratio}× (${k.p50} ms vs ${b.p50} ms, p50)` },
    ];
    fs.mkdirSync(BENCH_DIR, { recursive: true });
    const file = path.join(BENCH_DIR, `results-reminders-${kind}.json`);
    fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), database: kind, machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, reminders: REMINDERS, users: USERS, kontora: k, bare: b, ratio, targets }, null, 2));
    print('');
    for (const t of targets) print(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);
    print(`Results written to ${path.relative(process.cwd(), file)}`);
    return strict && targets.some((t) => !t.pass) ? 1 : 0;
  } finally {
    await server.close();
    await tdb.drop();
  }
}
