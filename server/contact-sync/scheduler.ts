import { can } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { connectedMailboxes } from '../graph/client.js';
import { actorOf, runContactSync } from './engine.js';

/**
 * Syncs every connected mailbox every `minutes` (KONTORA_SYNC_MINUTES;
 * 0 turns it off). Mailboxes are synced one after another: the machine
 * and Graph's per-app limits are shared, and a mailbox already syncing
 * (on demand, or on another instance) is simply skipped this round.
 */
export function startContactSyncScheduler(ctx: AppContext, minutes: number): { stop(): Promise<void> } {
  if (!(minutes > 0)) return { stop: async () => undefined };
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    for (const { userId } of await connectedMailboxes(ctx)) {
      if (stopped) return;
      try {
        if (!can(await actorOf(ctx, userId), 'contacts', 'edit')) continue;
        await runContactSync(ctx, userId, 'schedule');
      } catch (err) {
        // The run's row keeps the error for the status page; the log gets the code only.
        if (!(err instanceof AppError && err.code === 'sync_running')) {
          ctx.log.warn('scheduled contact sync failed', { userId, error: err instanceof AppError ? err.code : 'internal' });
        }
      }
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    // A round still going (many mailboxes, a slow Graph) is not queued behind: the next tick after it does the work.
    if (busy) return;
    busy = true;
    current = tick()
      .catch((err: unknown) => ctx.log.error('contact sync round failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        busy = false;
      });
  }, minutes * 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
