import type { Clock } from './clock.js';
import { localDate } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { FieldStore } from './fields/store.js';
import type { Logger } from './log.js';

/** What every service needs, created once per server. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  fields: FieldStore;
}

/** Today's date (YYYY-MM-DD) as the application's clock sees it. */
export function today(ctx: Pick<AppContext, 'clock'>): string {
  return localDate(ctx.clock.now());
}

export function nowIso(ctx: Pick<AppContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
