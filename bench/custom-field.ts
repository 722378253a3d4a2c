import { isPostgres, type Db } from '../server/db/connect.js';
import type { BenchClient } from './http.js';

/**
 * A custom field for the list bench, made through the real API
 * (POST /fields creates the indexed column cf_<id>), then given values on
 * every client in one UPDATE, as an import would. Reused with --keep.
 */
export interface BenchField {
  key: string;
  label: string;
  /** Filter values the list bench uses: a rare one and a common one. */
  values: string[];
}

const KEY = 'loyaltyLevel';
const LABEL = 'Loyalty level';
const CHOICES = [
  { key: 'platinum', label: 'Platinum' },
  { key: 'gold', label: 'Gold' },
  { key: 'silver', label: 'Silver' },
  { key: 'bronze', label: 'Bronze' },
];

export async function ensureCustomField(db: Db, admin: BenchClient, say: (line: string) => void): Promise<BenchField | null> {
  const listed = await admin.get('/fields?entity=client');
  // Servers without the custom-fields API (older trees) skip the case.
  if (listed.status === 404) return null;
  if (listed.status !== 200) throw new Error(`GET /fields answered ${listed.status}: ${JSON.stringify(listed.body).slice(0, 300)}`);
  const result: BenchField = { key: KEY, label: LABEL, values: ['platinum', 'gold'] };
  if ((listed.body.items as { key: string }[]).some((f) => f.key === KEY)) return result;

  say(`Adding the custom field "${LABEL}" (POST /fields) and giving every client a value…`);
  const created = await admin.request('POST', '/fields', { entity: 'client', label: LABEL, key: KEY, type: 'one_of', options: { choices: CHOICES } });
  if (created.status !== 201) throw new Error(`POST /fields answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
  const row = (await db('fields').where({ entity: 'client', key: KEY }).first('column_name')) as { column_name: string } | undefined;
  const column = row?.column_name;
  if (!column || !/^cf_\d+$/.test(column)) throw new Error(`the custom field has no cf_ column (${String(column)})`);
  const started = performance.now();
  // About 2% platinum, 10% gold, 28% silver, 60% bronze, spread over ids.
  await db.raw(`UPDATE clients SET ${column} = CASE
      WHEN ((id % 1000) * 7919) % 100 < 2 THEN 'platinum'
      WHEN ((id % 1000) * 7919) % 100 < 12 THEN 'gold'
      WHEN ((id % 1000) * 7919) % 100 < 40 THEN 'silver'
      ELSE 'bronze' END`);
  // Fresh statistics for the new column's index and, on PostgreSQL, the
  // million row versions the UPDATE left behind cleaned up: what autovacuum
  // does in production within a minute or two (the machines here run
  // PostgreSQL with autovacuum off), and PRAGMA optimize on SQLite.
  await db.raw(isPostgres(db) ? 'VACUUM ANALYZE clients' : 'PRAGMA optimize');
  say(`  values written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return result;
}
