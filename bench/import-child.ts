/**
 * One import in a process of its own (bench/import.ts runs it): opens the
 * database like the server, imports the file as the first administrator
 * with the suggested mapping, and prints one JSON line with the time, the
 * peak RSS (sampled every 50 ms) and the result counts.
 */
import path from 'node:path';
import type { Actor } from '../server/access/rights.js';
import { systemClock } from '../server/clock.js';
import { readConfig } from '../server/config.js';
import { whenFinished } from '../server/imports/runner.js';
import { importService } from '../server/imports/service.js';
import { createLogger } from '../server/log.js';
import { openContext } from '../server/server.js';

const [sqliteFile, file] = process.argv.slice(2) as [string, string];
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const config = { ...readConfig({}), databaseUrl: undefined, sqliteFile, dataDir: path.dirname(sqliteFile), demo: false, importLimit: 4 * 1024 ** 3 };
const ctx = await openContext(config, systemClock, createLogger('warn'));
try {
  const admin = (await ctx.db('users').where({ role: 'admin' }).orderBy('id').first('id', 'login', 'name')) as { id: number; login: string; name: string };
  const actor: Actor = { id: Number(admin.id), login: admin.login, name: admin.name, role: 'admin', scope: 'all' };
  const imports = importService(ctx);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const job = await imports.fromFile(actor, 'clients', file, { onDuplicate: 'skip' });
  await imports.start(actor, Number(job.id), {});
  await whenFinished(ctx, Number(job.id));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const done = (await imports.get(actor, Number(job.id))) as { counts: Record<string, number>; status: string; error: unknown };
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: Math.round(peak / 1024 / 1024), counts: done.counts, status: done.status, error: done.error }) + '\n');
} finally {
  await ctx.db.destroy();
}
