import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openContext } from '../server.js';
import { rebuildSearchIndex } from './rebuild.js';

/** kontora reindex [--batch N]: rebuilds the quick-search index in batches. */
export async function reindexCommand(args: string[], config: Config, log: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { batch: { type: 'string' } } });
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
    process.stderr.write('--batch must be a whole number from 1 to 100000.\n');
    return 2;
  }
  const ctx = await openContext(config, systemClock, log);
  const started = Date.now();
  let lastReport = 0;
  try {
    const result = await rebuildSearchIndex(ctx.db, {
      batchSize,
      onProgress(p) {
        // A line every few seconds on a big database, not one per batch.
        if (Date.now() - lastReport < 3000) return;
        lastReport = Date.now();
        process.stdout.write(`  ${p.entity}: ${p.records} indexed\n`);
      },
    });
    for (const [entity, c] of Object.entries(result)) {
      process.stdout.write(`${entity}: ${c.records} records, ${c.written} entries written, ${c.removed} stale entries removed\n`);
    }
    process.stdout.write(`The search index was rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return 0;
  } finally {
    await ctx.db.destroy();
  }
}
