import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { HEAP_CEILING, trimHeap } from '../server/imports/heap.js';

describe('Import: heap between chunks', () => {
  it('frees the garbage of the chunks before once the heap passes the ceiling, and leaves a small heap alone', () => {
    // Some 40 MB of objects nothing refers to any more, like a written chunk's rows.
    let garbage: { n: number; text: string }[] | null = Array.from({ length: 400_000 }, (_, n) => ({ n, text: `row ${n} of a chunk already written` }));
    assert.equal(garbage.length, 400_000);
    garbage = null;
    const before = v8.getHeapStatistics().used_heap_size;
    assert.equal(trimHeap(before * 2), false, 'below the ceiling nothing is collected');
    assert.equal(trimHeap(1), true, 'above it a full collection runs');
    const after = v8.getHeapStatistics().used_heap_size;
    assert.ok(after < before - 20 * 1024 * 1024, `the heap went from ${before} to ${after} bytes`);
  });

  it('does not collect after every chunk when the process itself holds more than the ceiling', () => {
    // Some 130 MB that stays live, like a server's own caches.
    const kept = Array.from({ length: 1_300_000 }, (_, n) => ({ n, text: `kept ${n}` }));
    assert.equal(trimHeap(1), true);
    assert.ok(v8.getHeapStatistics().used_heap_size > HEAP_CEILING, 'the live heap is above the ceiling');
    assert.equal(trimHeap(), false, 'right after a collection that freed little, the next chunk does not collect again');
    assert.equal(kept.length, 1_300_000);
  });
});
