import type { Knex } from 'knex';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isPostgres, type Db, type Tx } from '../db/connect.js';
import {
  CLIENT_COLUMNS, clientDocument, contactDocument, contractDocument, invoiceDocument,
  type ChannelValue, type ContractSource, type InvoiceSource,
} from './documents.js';
import { entryRow, type EntryRow, type SearchDocument, type SearchEntity } from './entries.js';
import { SEARCHABLE_TYPES } from '../fields/search-texts.js';

/**
 * Rebuilds the quick-search index (search_entries, and through its
 * triggers the SQLite FTS5 table) from the records themselves, for a
 * restored or bulk-loaded database, or after the index format changed.
 *
 * Records are read in id order, a batch at a time; each batch is read and
 * written in its own short transaction, so a server sharing the database
 * (or the same one-connection pool) gets its turn between batches. Entries
 * are built by the same functions as the live write path (documents.ts,
 * entries.ts), upserted, and entries of records that no longer exist are
 * removed, so nothing stale survives.
 */

export interface RebuildOptions {
  /** Records per transaction (default 5,000). */
  batchSize?: number;
  /** Which kinds of record to rebuild (default: all whose table exists). */
  entities?: SearchEntity[];
  onProgress?(progress: { entity: SearchEntity; records: number; written: number; removed: number }): void;
}

export interface RebuildCount {
  /** Records that have an entry. */
  records: number;
  /** Entries inserted or changed (unchanged entries are left alone). */
  written: number;
  /** Stale entries removed. */
  removed: number;
}

export type RebuildResult = Partial<Record<SearchEntity, RebuildCount>>;

type Row = Record<string, string | number | null>;

interface Batch {
  /** The last id read; the next batch starts after it. */
  lastId: number;
  docs: SearchDocument[];
}

interface Source {
  entity: SearchEntity;
  table: string;
  /** Custom-field entity name (fields.entity). */
  fieldEntity: string;
  /** Reads up to `limit` records with id > afterId, in id order. */
  read(trx: Tx, afterId: number, limit: number): Promise<Batch | null>;
  /** The record of the entry in the outer query, if it should have one (invoice drafts have none). */
  live(trx: Tx): Knex.QueryBuilder;
}

/**
 * On PostgreSQL the rows a batch reads are share-locked until it commits,
 * so a write that commits meanwhile cannot be overwritten by the batch's
 * older copy: the write waits, then indexes its own new state. SQLite runs
 * one transaction at a time, which gives the same guarantee.
 */
function lockRows(qb: Knex.QueryBuilder, trx: Tx, ...tables: string[]): Knex.QueryBuilder {
  return isPostgres(trx) ? qb.forShare(...tables) : qb;
}

function groupBy<T extends { owner_id: number | string }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const key = Number(row.owner_id);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

async function channelsBetween(trx: Tx, owner: 'client' | 'contact', first: number, last: number): Promise<Map<number, ChannelValue[]>> {
  // Same order as the live path: kind, then position.
  const rows = (await trx('channels')
    .where('owner_entity', owner)
    .whereBetween('owner_id', [first, last])
    .orderBy(['owner_id', 'kind', 'position'])
    .select('owner_id', 'kind', 'value')) as (ChannelValue & { owner_id: number })[];
  return groupBy(rows);
}

/** Clients a batch of contacts, contracts or invoices belongs to: name and manager. */
async function clientsOf(trx: Tx, ids: unknown[]): Promise<Map<number, { name: string; manager_id: number }>> {
  const unique = [...new Set(ids.filter((id) => id !== null && id !== undefined).map(Number))];
  if (!unique.length) return new Map();
  const rows = (await lockRows(trx('clients').whereIn('id', unique).select('id', 'name', 'manager_id'), trx)) as { id: number; name: string; manager_id: number }[];
  return new Map(rows.map((r) => [Number(r.id), r]));
}

function lastIdOf(rows: Row[]): number {
  return Number(rows[rows.length - 1]!.id);
}

const clients: Source = {
  entity: 'client',
  table: 'clients',
  fieldEntity: 'client',
  async read(trx, afterId, limit) {
    const rows = (await lockRows(trx('clients').where('id', '>', afterId).orderBy('id').limit(limit).select(CLIENT_COLUMNS), trx)) as Row[];
    if (!rows.length) return null;
    const first = Number(rows[0]!.id);
    const last = lastIdOf(rows);
    const channels = await channelsBetween(trx, 'client', first, last);
    const tagRows = (await trx('client_tags').whereBetween('client_id', [first, last]).orderBy(['client_id', 'tag']).select('client_id as owner_id', 'tag')) as { owner_id: number; tag: string }[];
    const tags = groupBy(tagRows);
    return {
      lastId: last,
      docs: rows.map((c) => clientDocument(c, channels.get(Number(c.id)) ?? [], (tags.get(Number(c.id)) ?? []).map((t) => t.tag))),
    };
  },
  live: (trx) => trx('clients').select('id').whereRaw('clients.id = search_entries.record_id'),
};

const contacts: Source = {
  entity: 'contact',
  table: 'contacts',
  fieldEntity: 'contact',
  async read(trx, afterId, limit) {
    const rows = (await lockRows(
      trx('contacts').where('id', '>', afterId).orderBy('id').limit(limit).select('id', 'client_id', 'manager_id', 'name', 'job_title', 'department'),
      trx,
    )) as Row[];
    if (!rows.length) return null;
    const last = lastIdOf(rows);
    const owners = await clientsOf(trx, rows.map((r) => r.client_id));
    const channels = await channelsBetween(trx, 'contact', Number(rows[0]!.id), last);
    return {
      lastId: last,
      docs: rows.map((c) => {
        const client = c.client_id === null ? undefined : owners.get(Number(c.client_id));
        const row = { ...c, client_name: client?.name ?? null, client_manager_id: client?.manager_id ?? null };
        return contactDocument(row, channels.get(Number(c.id)) ?? []);
      }),
    };
  },
  live: (trx) => trx('contacts').select('id').whereRaw('contacts.id = search_entries.record_id'),
};

const contracts: Source = {
  entity: 'contract',
  table: 'contracts',
  fieldEntity: 'contract',
  async read(trx, afterId, limit) {
    const rows = (await lockRows(
      trx('contracts').where('id', '>', afterId).orderBy('id').limit(limit).select('id', 'client_id', 'number', 'subject'),
      trx,
    )) as Row[];
    if (!rows.length) return null;
    const owners = await clientsOf(trx, rows.map((r) => r.client_id));
    const docs: SearchDocument[] = [];
    for (const c of rows) {
      // Contracts always have a client (NOT NULL); the live path joins it the same way.
      const client = owners.get(Number(c.client_id));
      if (client) docs.push(contractDocument(Number(c.id), { ...(c as unknown as ContractSource), client_name: client.name, manager_id: client.manager_id }));
    }
    return { lastId: lastIdOf(rows), docs };
  },
  live: (trx) => trx('contracts').select('id').whereRaw('contracts.id = search_entries.record_id'),
};

const invoices: Source = {
  entity: 'invoice',
  table: 'invoices',
  fieldEntity: 'invoice',
  async read(trx, afterId, limit) {
    const rows = (await lockRows(
      trx('invoices').where('id', '>', afterId).orderBy('id').limit(limit).select('id', 'client_id', 'number', 'total', 'currency'),
      trx,
    )) as Row[];
    if (!rows.length) return null;
    const owners = await clientsOf(trx, rows.map((r) => r.client_id));
    const docs: SearchDocument[] = [];
    for (const i of rows) {
      const client = owners.get(Number(i.client_id));
      const doc = client ? invoiceDocument(Number(i.id), { ...(i as unknown as InvoiceSource), client_name: client.name, manager_id: client.manager_id }) : null;
      if (doc) docs.push(doc);
    }
    return { lastId: lastIdOf(rows), docs };
  },
  live: (trx) => trx('invoices').select('id').whereRaw('invoices.id = search_entries.record_id').whereNotNull('number'),
};

const SOURCES: Source[] = [clients, contacts, contracts, invoices];

const CUSTOM_COLUMN = /^cf_\d+$/;

/**
 * Values of active custom text fields go into an entry after its other
 * texts, as the live path adds them (fields/search-texts.ts): the same
 * query for the columns, read once per batch instead of once per record.
 */
async function customColumns(trx: Tx, entity: string): Promise<string[]> {
  return ((await trx('fields')
    .where({ entity, custom: true, archived: false })
    .whereIn('type', SEARCHABLE_TYPES)
    .whereNotNull('column_name')
    .pluck('column_name')) as string[]).filter((c) => CUSTOM_COLUMN.test(c));
}

async function addCustomTexts(trx: Tx, source: Source, docs: SearchDocument[]): Promise<void> {
  const columns = await customColumns(trx, source.fieldEntity);
  if (!columns.length || !docs.length) return;
  // Docs are in id order; a range keeps the statement small at any batch size.
  const rows = (await trx(source.table).whereBetween('id', [docs[0]!.recordId, docs[docs.length - 1]!.recordId]).select(['id', ...columns])) as Record<string, unknown>[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (const doc of docs) {
    const row = byId.get(doc.recordId);
    if (row) doc.texts.push(...columns.map((c) => row[c]).filter((v): v is string => typeof v === 'string' && v.length > 0));
  }
}

const COLUMNS: (keyof EntryRow)[] = ['entity', 'record_id', 'owner_id', 'owner_key', 'title', 'subtitle', 'name_terms', 'terms'];
/** Rows per INSERT: 8 parameters each stays far below SQLite's 32,766. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts entries, or updates the existing entry of the same record. An
 * entry that would not change is left alone (the WHERE of DO UPDATE), so
 * rebuilding a correct index rewrites nothing in FTS5 or the GIN index.
 * Plain VALUES lists work the same on SQLite and PostgreSQL.
 */
async function upsertEntries(trx: Tx, docs: SearchDocument[]): Promise<number> {
  const changed = ['owner_id', 'owner_key', 'title', 'subtitle', 'name_terms', 'terms'];
  const tail =
    `ON CONFLICT (entity, record_id) DO UPDATE SET ${changed.map((c) => `${c} = excluded.${c}`).join(', ')} ` +
    `WHERE ${changed.filter((c) => c !== 'owner_id').map((c) => `search_entries.${c} <> excluded.${c}`).join(' OR ')}` +
    // RETURNING counts only rows actually inserted or updated, on both databases.
    ' RETURNING id';
  const count = (result: unknown) => (Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0));
  let written = 0;
  let pending: Promise<number> | null = null;
  for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
    // Words of the next chunk are computed while the database writes the last one.
    const rows = docs.slice(i, i + ROWS_PER_STATEMENT).map(entryRow);
    const placeholders = rows.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');
    const bindings = rows.flatMap((row) => COLUMNS.map((c) => row[c]));
    const previous: Promise<number> | null = pending;
    pending = trx.raw(`INSERT INTO search_entries (${COLUMNS.join(', ')}) VALUES ${placeholders} ${tail}`, bindings).then(count);
    // Awaited below; if the previous statement fails first, this one's failure is not left unhandled.
    pending.catch(() => undefined);
    if (previous) written += await previous;
  }
  if (pending) written += await pending;
  return written;
}

/** Removes entries in (afterId, upTo] whose record no longer exists or needs none. */
async function removeStale(trx: Tx, source: Source, afterId: number, upTo: number | null): Promise<number> {
  const qb = trx('search_entries')
    .where('entity', source.entity)
    .where('record_id', '>', afterId)
    // Checked against the table at delete time (not the ids read), so a
    // record created meanwhile by another transaction keeps its entry; a
    // correlated NOT EXISTS is one primary-key probe per entry on both databases.
    .whereNotExists(source.live(trx));
  if (upTo !== null) qb.where('record_id', '<=', upTo);
  return Number(await qb.delete());
}

const RETRYABLE = new Set(['40P01', '40001']); // PostgreSQL deadlock, serialization failure

async function inTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw err;
    }
  }
}

/**
 * Merges the SQLite FTS5 index into as few segments as it will go, a
 * bounded step per transaction (FTS5 'merge' with a negative page count),
 * so a query looks terms up in one b-tree instead of dozens and a server
 * sharing the database keeps answering. Bulk writes (a rebuild, an import)
 * leave many small segments behind. Nothing to do on PostgreSQL.
 */
export async function compactSearchIndex(db: Db, options: { pagesPerStep?: number; maxSteps?: number } = {}): Promise<number> {
  if (isPostgres(db)) return 0;
  const pages = options.pagesPerStep ?? 500;
  const maxSteps = options.maxSteps ?? 100_000;
  let steps = 0;
  while (steps < maxSteps) {
    // total_changes() grows by less than 2 when the merge found nothing to do
    // (FTS5 documentation); one transaction keeps other writes out of the count.
    const merged = await db.transaction(async (trx) => {
      const before = Number(((await trx.raw('SELECT total_changes() AS n')) as { n: number }[])[0]!.n);
      await trx.raw(`INSERT INTO search_fts(search_fts, rank) VALUES ('merge', ?)`, [-pages]);
      const after = Number(((await trx.raw('SELECT total_changes() AS n')) as { n: number }[])[0]!.n);
      return after - before >= 2;
    });
    if (!merged) break;
    steps++;
    await yieldToEventLoop();
  }
  return steps;
}

export async function rebuildSearchIndex(ctxOrDb: Db | { db: Db }, options: RebuildOptions = {}): Promise<RebuildResult> {
  const db = 'db' in ctxOrDb && typeof ctxOrDb.db === 'function' ? ctxOrDb.db : (ctxOrDb as Db);
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive whole number');
  const wanted = options.entities ?? SOURCES.map((s) => s.entity);
  const result: RebuildResult = {};
  for (const source of SOURCES) {
    if (!wanted.includes(source.entity)) continue;
    // Tables of modules this database does not have yet have no entries to build.
    if (!(await db.schema.hasTable(source.table))) continue;
    const count: RebuildCount = { records: 0, written: 0, removed: 0 };
    let afterId = 0;
    for (;;) {
      // Counted after the commit, so a retried batch is not counted twice.
      const step = await inTransaction(db, async (trx) => {
        const batch = await source.read(trx, afterId, batchSize);
        if (!batch) return { lastId: null, records: 0, written: 0, removed: await removeStale(trx, source, afterId, null) };
        await addCustomTexts(trx, source, batch.docs);
        const written = await upsertEntries(trx, batch.docs);
        const removed = await removeStale(trx, source, afterId, batch.lastId);
        return { lastId: batch.lastId, records: batch.docs.length, written, removed };
      });
      count.records += step.records;
      count.written += step.written;
      count.removed += step.removed;
      options.onProgress?.({ entity: source.entity, ...count });
      if (step.lastId === null) break;
      afterId = step.lastId;
      // Let requests queued behind this batch run before the next one.
      await yieldToEventLoop();
    }
    result[source.entity] = count;
  }
  await compactSearchIndex(db);
  return result;
}
