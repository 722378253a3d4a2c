import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.js';
import { systemClock, type Clock } from './clock.js';
import { readConfig, type Config } from './config.js';
import type { AppContext } from './context.js';
import { connect, type Db } from './db/connect.js';
import { migrateLatest } from './db/migrate.js';
import { entities } from './entities.js';
import { FieldStore } from './fields/store.js';
import { listenHttps } from './https.js';
import { createLogger, type Logger } from './log.js';
import { ensureFirstAdmin } from './users/service.js';
import { seedDemo } from './demo/seed.js';
import { schedulerOf, type ReminderScheduler } from './reminders/scheduler.js';
import { runnerOf } from './mailings/runner.js';
import { startContactSyncScheduler } from './contact-sync/scheduler.js';
import { loadShippedTemplates } from './templates/shipped.js';
import { loadShippedMailTemplates } from './mail-templates/shipped.js';

export interface StartOptions {
  config?: Partial<Config>;
  clock?: Clock;
  log?: Logger;
  /** Where to print the generated admin password (stdout by default). */
  print?: (text: string) => void;
  listen?: boolean;
}

export interface RunningServer {
  ctx: AppContext;
  app: App;
  url: string;
  /** The HTTPS listener's address when a certificate is configured. */
  httpsUrl: string | undefined;
  /** Fires reminders and feeds the live streams; stopped by close(). */
  scheduler: ReminderScheduler;
  close(): Promise<void>;
}

/** Opens the database, brings the schema and field metadata up to date. */
export async function openContext(config: Config, clock: Clock, log: Logger): Promise<AppContext> {
  const db: Db = connect(config);
  try {
    const applied = await migrateLatest(db);
    if (applied.length) log.info('database migrated', { applied });
    const fields = new FieldStore(entities);
    await fields.syncBuiltins(db, clock.now());
    const ctx: AppContext = { config, db, clock, log, fields };
    const shipped = await loadShippedTemplates(ctx);
    if (shipped.length) log.info('print forms loaded', { templates: shipped });
    const mailShipped = await loadShippedMailTemplates(ctx);
    if (mailShipped.length) log.info('e-mail templates loaded', { templates: mailShipped });
    return ctx;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = { ...readConfig(), ...options.config };
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger();
  const ctx = await openContext(config, clock, log);
  const print = options.print ?? ((t: string) => process.stdout.write(t + '\n'));
  await ensureFirstAdmin(ctx.db, ctx, config.adminPassword, log, print);
  if (config.demo) {
    const seeded = await seedDemo(ctx, { onlyIfEmpty: true });
    if (seeded) log.info('demo data loaded', seeded);
  }
  const app = createApp(ctx);
  const server = http.createServer(app.express);
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen === false ? 0 : config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  let secure: Awaited<ReturnType<typeof listenHttps>> | undefined;
  try {
    if (config.tls) secure = await listenHttps(app.express, config.tls, options.listen === false ? 0 : config.httpsPort, config.host);
  } catch (err) {
    server.close();
    await ctx.db.destroy();
    throw err;
  }
  const scheduler = schedulerOf(ctx);
  scheduler.start();
  // First scheduled sync one interval after start: a restart loop never hammers Graph.
  const contactSync = startContactSyncScheduler(ctx, config.contactSyncMinutes);
  // Picks up mailings a stopped or crashed instance left running, and scheduled ones as they come due.
  const mailings = runnerOf(ctx);
  mailings.start();
  return {
    ctx, app, url, httpsUrl: secure?.url, scheduler,
    async close() {
      await scheduler.stop();
      await contactSync.stop();
      await mailings.stop();
      server.closeAllConnections();
      secure?.server.closeAllConnections();
      await Promise.all([server, secure?.server].map((s) => s && new Promise<void>((resolve) => s.close(() => resolve()))));
      await ctx.db.destroy();
    },
  };
}
