import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { requestsIdle } from '../http/activity.js';
import { trimHeap } from './heap.js';
import type { Actor } from '../access/rights.js';
import { contactService } from '../contacts/service.js';
import { clientService } from '../clients/service.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { productService } from '../products/service.js';
import type { RecordService } from '../records/service.js';
import { importFields, type Target } from './fields.js';
import { Lookups } from './lookups.js';
import { buildDraft, type Draft } from './map.js';
import { YIELD_ROWS, prepareRows, writeChunk, type Prepared, type Setup } from './process.js';
import { readRows, type Structure } from './read/source.js';
import { isEmptyRow } from './read/table.js';
import { filePath, setStatus, type JobOptions, type JobRow } from './store.js';

/**
 * Runs import jobs in the background of the server (or in the foreground
 * of `kontora import`): the file is streamed row by row, rows are processed
 * a chunk at a time (sized below), each chunk in its own short transaction, and between
 * chunks the runner yields to the event loop, so requests queued for the
 * single SQLite connection are served before the next chunk takes it.
 *
 * The next chunk is read and prepared (process.ts prepareRows) while the
 * database writes the one before, and that work lets the event loop turn
 * every YIELD_ROWS rows: each of a chunk's twenty-odd statements starts
 * when the one before has answered, and an answer waiting behind a whole
 * chunk of JavaScript left the database idle (100,000 rows: 33–36 s with
 * the work in one piece, 23–27 s in slices of 25 rows).
 */

/**
 * Rows per chunk: the first chunk has CHUNK_FIRST rows; each next chunk is
 * sized from the last one's pace so its transaction holds the single
 * SQLite connection for about CHUNK_BUDGET_MS, between CHUNK_MIN and
 * CHUNK_MAX rows. Small chunks cost more per row than their writes: every
 * chunk has its own statements (some twenty), commit, FTS5 segment, and
 * hand-offs between the JavaScript thread and the database's (on a busy
 * machine each waits for a time slice: 100,000 rows took 64 s in chunks of
 * 500 and 34 s in chunks of 2,000). Other requests wait at most about one
 * chunk's transaction.
 */
export const CHUNK_FIRST = 500;
export const CHUNK_MIN = 500;
export const CHUNK_MAX = 2000;
export const CHUNK_BUDGET_MS = 600;
/** The longest a chunk waits for requests to be answered before it goes ahead anyway. */
const REQUEST_WAIT_MS = 250;

/** The next chunk's size after `rows` rows took `ms` milliseconds. */
export function nextChunkSize(rows: number, ms: number): number {
  const fit = ms > 0 ? (rows * CHUNK_BUDGET_MS) / ms : CHUNK_MAX;
  // Half way towards the fitting size: one slow chunk (a checkpoint, a busy disk) does not swing it.
  return Math.round(Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, (rows + Math.min(fit, CHUNK_MAX)) / 2)));
}

interface Running {
  done: Promise<void>;
}

const running = new WeakMap<AppContext, Map<number, Running>>();

function registry(ctx: AppContext): Map<number, Running> {
  let map = running.get(ctx);
  if (!map) running.set(ctx, (map = new Map()));
  return map;
}

export function isRunningHere(ctx: AppContext, id: number): boolean {
  return registry(ctx).has(id);
}

/** Resolves when the job's run in this process ends (for the CLI and tests). */
export function whenFinished(ctx: AppContext, id: number): Promise<void> {
  return registry(ctx).get(id)?.done ?? Promise.resolve();
}

export function serviceFor(ctx: AppContext, target: Target): RecordService {
  return target === 'clients' ? clientService(ctx) : target === 'contacts' ? contactService(ctx) : productService(ctx);
}

export async function setupFor(ctx: AppContext, actor: Actor, job: JobRow, options: JobOptions): Promise<Setup> {
  const fields = await importFields(ctx, ctx.db, job.target);
  return {
    ctx, actor, jobId: Number(job.id), target: job.target,
    service: serviceFor(ctx, job.target),
    ...(job.target === 'clients' ? { contacts: contactService(ctx) } : {}),
    byKey: new Map(fields.map((f) => [f.key, f])),
    policy: options.onDuplicate,
    lookups: new Lookups(ctx, actor),
  };
}

/** Starts (or resumes after its cursor) a job in the background. */
export function startRun(ctx: AppContext, actor: Actor, job: JobRow): Promise<void> {
  const map = registry(ctx);
  const done = run(ctx, actor, job).finally(() => map.delete(Number(job.id)));
  map.set(Number(job.id), { done });
  return done;
}

async function run(ctx: AppContext, actor: Actor, job: JobRow): Promise<void> {
  const id = Number(job.id);
  const options = JSON.parse(job.options) as JobOptions;
  const structure = JSON.parse(job.structure) as Structure;
  const at = nowIso(ctx);
  await setStatus(ctx, ctx.db, id, 'running', { started_at: job.started_at ?? at, finished_at: null, error_code: null, error_message: null });
  try {
    const setup = await setupFor(ctx, actor, job, options);
    const { mapping } = options;
    // One chunk is written while the next is read and prepared: the
    // database works on its own thread (node-sqlite3, or the PostgreSQL
    // server) as the file is parsed and the rows are checked and built.
    // Chunks still commit one after another, in file order.
    let pending: Draft[] = [];
    let ready: Prepared[] = [];
    let carry: Prepared[] = [];
    let inflight: Promise<void> | null = null;
    let cancelled = false;
    let size = CHUNK_FIRST;
    const launch = (batch: Prepared[]) => {
      const started = performance.now();
      inflight = writeChunk(setup, batch).then(({ consumed }) => {
        carry = batch.slice(consumed);
        size = nextChunkSize(consumed, performance.now() - started);
      });
      inflight.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    };
    const settle = async () => {
      if (!inflight) return;
      await inflight;
      inflight = null;
      ready = [...carry, ...ready];
      carry = [];
      trimHeap();
      // Let requests being answered go first (they share the database).
      await yieldToOthers();
      await requestsIdle(ctx, REQUEST_WAIT_MS);
      const now = (await ctx.db('import_jobs').where({ id }).first('status')) as { status: string } | undefined;
      if (now?.status === 'cancelling') cancelled = true;
    };
    try {
      for await (const [n, cells] of readRows(filePath(ctx, job), structure, options.sheet)) {
        if (n <= Math.max(mapping.headerRow, Number(job.cursor)) || isEmptyRow(cells)) continue;
        pending.push(buildDraft(job.target, setup.byKey, mapping, n, cells));
        if (pending.length % YIELD_ROWS === 0) await yieldToOthers();
        if (pending.length >= size) {
          ready.push(...(await prepareRows(setup, pending.splice(0, size))));
          await settle();
          if (cancelled) break;
          if (ready.length >= size) launch(ready.splice(0, size));
        }
      }
      if (!cancelled) ready.push(...(await prepareRows(setup, pending.splice(0))));
      await settle();
      while (ready.length && !cancelled) {
        launch(ready.splice(0, size));
        await settle();
      }
    } finally {
      // A read error leaves the chunk in flight to finish (or fail) first.
      if (inflight) await (inflight as Promise<void>).catch(() => undefined);
    }
    await setStatus(ctx, ctx.db, id, cancelled ? 'cancelled' : 'done', { finished_at: nowIso(ctx) });
  } catch (err) {
    const appError = err instanceof AppError ? err : null;
    if (!appError) ctx.log.error('import failed', { job: id, error: err instanceof Error ? err.message : String(err) });
    try {
      await setStatus(ctx, ctx.db, id, 'failed', {
        finished_at: nowIso(ctx),
        error_code: appError?.code ?? 'internal',
        error_message: appError?.message ?? 'The import stopped on an unexpected error; it was logged. What was imported before it is kept: resume or undo the import.',
      });
    } catch {
      // The database went away (the server is stopping): the job shows as interrupted after restart.
    }
  }
}
