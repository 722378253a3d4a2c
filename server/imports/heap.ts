import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps the heap of a long import near what it really holds. An import
 * allocates fast (cells, drafts, rows, statements) and keeps little: a
 * 100,000-row import holds about 60 MB, yet V8, sizing the next full
 * collection from how fast the program allocates, let garbage grow to
 * 240 MB of heap (515 MB RSS); a full sheet peaked at 598 MB RSS. A full
 * collection between two chunks once the heap passes HEAP_CEILING keeps
 * it near what is live, for some 30 ms per collection: 100,000 rows then
 * peak at ~400 MB RSS (~440 MB with a 128 MB ceiling, at which the full
 * sheet still reached 497 MB). Node offers no gc() without a start-up
 * flag, so the flag is set for as long as it takes to fetch the function
 * (the way the expose-gc package does it); the server needs no special
 * launch for this.
 */
export const HEAP_CEILING = 96 * 1024 * 1024;

let collect: (() => void) | null | undefined;

function fullCollection(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/**
 * The heap at which the next collection runs: HEAP_CEILING, or half as
 * much again as what the last one left when the process itself holds more
 * than that (a server with big caches would otherwise collect after every
 * chunk, pausing for each).
 */
let ceiling = HEAP_CEILING;

/** Runs a full collection when the heap holds more than the ceiling (or `limit`); true when it did. */
export function trimHeap(limit?: number): boolean {
  if (v8.getHeapStatistics().used_heap_size < (limit ?? ceiling)) return false;
  if (collect === undefined) collect = fullCollection();
  if (!collect) return false;
  collect();
  ceiling = Math.max(HEAP_CEILING, Math.round(v8.getHeapStatistics().used_heap_size * 1.5));
  return true;
}
