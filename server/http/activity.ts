import { setTimeout as sleep } from 'node:timers/promises';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';

/**
 * API requests being answered right now, per server. Background jobs
 * (imports) wait for them between their transactions: on SQLite everything
 * shares one connection, and a request makes several queries (session,
 * record, write), so a job that took the connection back after each of
 * them would make a user wait several of its transactions.
 */
const counts = new WeakMap<AppContext, { inFlight: number }>();

function countOf(ctx: AppContext): { inFlight: number } {
  let count = counts.get(ctx);
  if (!count) counts.set(ctx, (count = { inFlight: 0 }));
  return count;
}

export function trackRequests(ctx: AppContext) {
  const count = countOf(ctx);
  return (req: Request, res: Response, next: NextFunction): void => {
    // An event stream stays open for hours; it is not someone waiting.
    if (req.headers.accept?.includes('text/event-stream')) return next();
    count.inFlight++;
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        count.inFlight--;
      }
    };
    res.on('finish', end);
    res.on('close', end);
    next();
  };
}

/**
 * Resolves when no request is being answered, or after `maxWaitMs` so a
 * steady stream of requests cannot stop a job altogether.
 */
export async function requestsIdle(ctx: AppContext, maxWaitMs: number): Promise<void> {
  const count = countOf(ctx);
  const until = Date.now() + maxWaitMs;
  while (count.inFlight > 0 && Date.now() < until) await sleep(1);
}
