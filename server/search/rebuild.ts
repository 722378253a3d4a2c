import type { Knex } from 'knex';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isPostgres, type Db, type Tx } from '../db/connect.js';
import {
  CLIENT_COLUMNS, clientDocument, contactDocument, contractDocument, invoiceDocument,
  type ChannelValue, type ContractSource, type InvoiceSource,
} from './documents.js';
import { entryRow, type EntryRow, type SearchDocument, type SearchEntity } from './entries.js';
import { customTextColumns, customTexts } from '../fields/search-texts.js';

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
  /** The columns its documents are built from (the custom text columns are read with them). */
  columns: string[];
  /** A column that is null on records without an entry (invoice drafts have no number). */
  requires?: string;
  /** The entries of rows read in id order, null for a record that has none. */
  documents(trx: Tx, rows: Row[]): Promise<(SearchDocument | null)[]>;
}

/**
 * On PostgreSQL the rows a batch reads are share-locked until it commits,
 * so a write that commits meanwhile cannot be overwritten by the batch's
 * older copy: the write waits, then indexes its own new state. SQLite runs
 * one transaction at a time, which gives the same guarantee.
 */
function lockRows(qb: Knex.QueryBuilder, trx: Tx): Knex.QueryBuilder {
  return isPostgres(trx) ? qb.forShare() : qb;
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

/** The first and last id of rows read in id order. */
function idRange(rows: Row[]): [number, number] {
  return [Number(rows[0]!.id), Number(rows[rows.length - 1]!.id)];
}

async function channelsBetween(trx: Tx, owner: 'client' | 'contact', [first, last]: [number, number]): Promise<Map<number, ChannelValue[]>> {
  // Same order as the live path: kind, then position.
  const rows = (await trx('channels')
    .where('owner_entity', owner)
    .whereBetween('owner_id', [first, last])
    .orderBy(['owner_id', 'kind', 'position'])
    .select('owner_id', 'kind', 'value')) as (ChannelValue & { owner_id: number })[];
  return groupBy(rows);
}

/** Clients a batch of contacts, contracts or invoices belongs to: name and manager. */
async function clientsOf(trx: Tx, rows: Row[]): Promise<Map<number, { name: string; manager_id: number }>> {
  const unique = [...new Set(rows.map((r) => r.client_id).filter((id) => id !== null && id !== undefined).map(Number))];
  if (!unique.length) return new Map();
  const clients = (await lockRows(trx('clients').whereIn('id', unique).select('id', 'name', 'manager_id'), trx)) as { id: number; name: string; manager_id: number }[];
  return new Map(clients.map((r) => [Number(r.id), r]));
}

const clients: Source = {
  entity: 'client',
  table: 'clients',
  columns: CLIENT_COLUMNS,
  async documents(trx, rows) {
    const range = idRange(rows);
    const channels = await channelsBetween(trx, 'client', range);
    const tagRows = (await trx('client_tags').whereBetween('client_id', range).orderBy(['client_id', 'tag']).select('client_id as owner_id', 'tag')) as { owner_id: number; tag: string }[];
    const tags = groupBy(tagRows);
    return rows.map((c) => clientDocument(c, channels.get(Number(c.id)) ?? [], (tags.get(Number(c.id)) ?? []).map((t) => t.tag)));
  },
};

const contacts: Source = {
  entity: 'contact',
  table: 'contacts',
  columns: ['id', 'client_id', 'manager_id', 'name', 'job_title', 'department'],
  async documents(trx, rows) {
    const owners = await clientsOf(trx, rows);
    const channels = await channelsBetween(trx, 'contact', idRange(rows));
    return rows.map((c) => {
      const client = c.client_id === null ? undefined : owners.get(Number(c.client_id));
      const row = { ...c, client_name: client?.name ?? null, client_manager_id: client?.manager_id ?? null };
      return contactDocument(row, channels.get(Number(c.id)) ?? []);
    });
  },
};

// Contracts and invoices always have a client (NOT NULL); the live path joins it the same way.
const contracts: Source = {
  entity: 'contract',
  table: 'contracts',
  columns: ['id', 'client_id', 'number', 'subject'],
  async documents(trx, rows) {
    const owners = await clientsOf(trx, rows);
    return rows.map((c) => {
      const client = owners.get(Number(c.client_id));
      return client ? contractDocument(Number(c.id), { ...(c as unknown as ContractSource), client_name: client.name, manager_id: client.manager_id }) : null;
    });
  },
};

const invoices: Source = {
  entity: 'invoice',
  table: 'invoices',
  columns: ['id', 'client_id', 'number', 'total', 'currency'],
  requires: 'number',
  async documents(trx, rows) {
    const owners = await clientsOf(trx, rows);
    return rows.map((i) => {
      const client = owners.get(Number(i.client_id));
      return client ? invoiceDocument(Number(i.id), { ...(i as unknown as InvoiceSource), client_name: client.name, manager_id: client.manager_id }) : null;
    });
  },
};

const SOURCES: Source[] = [clients, contacts, contracts, invoices];

/**
 * Reads up to `limit` records with id > afterId, in id order, and builds
 * their entries. Values of active custom text fields follow the other
 * texts, as the live path adds them; their columns are read once a batch.
 */
async function readBatch(trx: Tx, source: Source, afterId: number, limit: number): Promise<Batch | null> {
  const custom = await customTextColumns(trx, source.entity);
  const rows = (await lockRows(trx(source.table).where('id', '>', afterId).orderBy('id').limit(limit).select([...source.columns, ...custom]), trx)) as Row[];
  if (!rows.length) return null;
  const docs: SearchDocument[] = [];
  (await source.documents(trx, rows)).forEach((doc, i) => {
    if (!doc) return;
    doc.texts.push(...customTexts(rows[i]!, custom));
    docs.push(doc);
  });
  return { lastId: idRange(rows)[1], docs };
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
  // The entry's record, if it should have one.
  const live = trx(source.table).select('id').whereRaw('?? = search_entries.record_id', [`${source.table}.id`]);
  if (source.requires) live.whereNotNull(source.requires);
  const qb = trx('search_entries')
    .where('entity', source.entity)
    .where('record_id', '>', afterId)
    // Checked against the table at delete time (not the ids read), so a
    // record created meanwhile by another transaction keeps its entry; a
    // correlated NOT EXISTS is one primary-key probe per entry on both databases.
    .whereNotExists(live);
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

const MERGE_PAGES_PER_STEP = 500;
const MAX_MERGE_STEPS = 100_000;

/**
 * Merges the SQLite FTS5 index into as few segments as it will go, a
 * bounded step per transaction (FTS5 'merge' with a negative page count),
 * so a query looks terms up in one b-tree instead of dozens and a server
 * sharing the database keeps answering. Bulk writes (a rebuild, an import)
 * leave many small segments behind. Nothing to do on PostgreSQL.
 */
async function compactSearchIndex(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  for (let step = 0; step < MAX_MERGE_STEPS; step++) {
    // total_changes() grows by less than 2 when the merge found nothing to do
    // (FTS5 documentation); one transaction keeps other writes out of the count.
    const merged = await db.transaction(async (trx) => {
      const before = Number(((await trx.raw('SELECT total_changes() AS n')) as { n: number }[])[0]!.n);
      await trx.raw(`INSERT INTO search_fts(search_fts, rank) VALUES ('merge', ?)`, [-MERGE_PAGES_PER_STEP]);
      const after = Number(((await trx.raw('SELECT total_changes() AS n')) as { n: number }[])[0]!.n);
      return after - before >= 2;
    });
    if (!merged) return;
    await yieldToEventLoop();
  }
}

export async function rebuildSearchIndex(db: Db, options: RebuildOptions = {}): Promise<RebuildResult> {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive whole number');
  const result: RebuildResult = {};
  for (const source of SOURCES) {
    const count: RebuildCount = { records: 0, written: 0, removed: 0 };
    let afterId = 0;
    for (;;) {
      // Counted after the commit, so a retried batch is not counted twice.
      const step = await inTransaction(db, async (trx) => {
        const batch = await readBatch(trx, source, afterId, batchSize);
        if (!batch) return { lastId: null, records: 0, written: 0, removed: await removeStale(trx, source, afterId, null) };
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
