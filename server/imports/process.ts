import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Actor } from '../access/rights.js';
import { emailKey, phoneKey } from '../channels/normalize.js';
import { nowIso, type AppContext } from '../context.js';
import type { Conn, Tx } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import type { RecordService } from '../records/service.js';
import type { ApiRecord, Row } from '../records/rows.js';
import { findExisting, matchKeys, sameAsEarlier, type Match, type MatchKeys } from './dedupe.js';
import type { ImportField, Target } from './fields.js';
import type { Lookups } from './lookups.js';
import { validate, type Draft } from './map.js';
import { insertRows } from './bulk-insert.js';
import { customTextColumnsOf } from '../fields/search-texts.js';
import { buildClient, deriveClient, insertClients, type NewClient } from './write-clients.js';
import type { Cell } from './read/table.js';

/**
 * One chunk of an import: first prepared (prepareRows: names resolved to
 * ids, every row checked with the API's schema, new clients' rows built),
 * then written in one short transaction (writeChunk: the duplicate check,
 * the writes, the per-row outcomes in import_rows and the job's counters
 * and cursor). The runner prepares a chunk while the one before it is
 * being written. Because the cursor commits with the records, a server
 * killed between chunks resumes after the last committed row and writes
 * nothing twice.
 */

export const policies = ['skip', 'update', 'create', 'review'] as const;
export type Policy = (typeof policies)[number];

export interface Setup {
  ctx: AppContext;
  actor: Actor;
  jobId: number;
  target: Target;
  service: RecordService;
  /** The contact service, for a client's contact person given in its row. */
  contacts?: RecordService;
  byKey: Map<string, ImportField>;
  policy: Policy;
  lookups: Lookups;
}

export interface Counts { created: number; updated: number; skipped: number; failed: number; held: number }
export const zeroCounts = (): Counts => ({ created: 0, updated: 0, skipped: 0, failed: 0, held: 0 });

export type Outcome = 'created' | 'updated' | 'skipped' | 'failed' | 'held';

export interface Prepared {
  draft: Draft;
  /** The body before the API's check: the row's values with names resolved to ids. */
  body: Record<string, unknown>;
  values?: Record<string, unknown>;
  contact?: Record<string, unknown>;
  problems: ErrorDetail[];
  /** A valid client row's new record built ahead (write-clients.ts), or why it cannot be created. */
  fresh?: NewClient | { problem: ErrorDetail };
  /** Resolved in the chunk's transaction instead: product category paths are created there. */
  deferred?: boolean;
  /** What the duplicate check looks for (dedupe.ts), worked out ahead. */
  keys?: MatchKeys;
}

interface OutcomeRow {
  job_id: number;
  row_number: number;
  outcome: Outcome;
  entity: string | null;
  record_id: number | null;
  record_version: number | null;
  source: string | null;
  reason: string | null;
  before: string | null;
}

const ENTITY: Record<Target, string> = { clients: 'client', contacts: 'contact', products: 'product' };

function reasonOf(problems: ErrorDetail[]): string {
  return JSON.stringify(problems.slice(0, 20));
}

function appProblems(err: unknown): ErrorDetail[] {
  if (!(err instanceof AppError)) throw err;
  return err.details?.length ? err.details : [{ code: err.code, message: err.message }];
}

/**
 * A row's names resolved to ids and its body checked with the API's schema
 * (the client's contact person too). The preview passes createCategories
 * false: it shows a product category path as given instead of creating it.
 */
export async function resolve(trx: Conn, s: Setup, draft: Draft, opts: { createCategories?: boolean } = {}): Promise<Prepared> {
  const body: Record<string, unknown> = { ...draft.values };
  const problems: ErrorDetail[] = [];
  const { category, manager, client } = draft.refs;
  if (category && (s.target !== 'products' || opts.createCategories !== false)) {
    const id = s.target === 'products' ? await s.lookups.productCategory(trx as Tx, category) : await s.lookups.clientCategory(trx, category);
    if (id === null) problems.push({ field: 'category', code: 'reference_invalid', message: `There is no client category "${category.slice(0, 100)}".` });
    else body.categoryId = id;
  }
  if (manager) {
    const id = await s.lookups.manager(trx, manager);
    if (id === null) problems.push({ field: 'manager', code: 'reference_invalid', message: `There is no active user with the login or name "${manager.slice(0, 100)}".` });
    else body.managerId = id;
  }
  if (client) {
    const id = await s.lookups.client(trx, client);
    if (id !== null) body.clientId = id;
  }
  const checked = validate(s.service, body);
  problems.push(...checked.problems);
  let contact: Record<string, unknown> | undefined;
  if (draft.contact && s.contacts) {
    const c = validate(s.contacts, draft.contact);
    problems.push(...c.problems.map((p) => ({ ...p, field: `contact.${p.field ?? ''}`.replace(/\.$/, '') })));
    contact = c.values;
  }
  return { draft, body, values: problems.length ? undefined : checked.values, contact, problems };
}

/** Merges a row into an existing record: given values replace, lists (phones, e-mails, tags, prices) gain what is new. */
export function mergeBody(existing: ApiRecord, values: Record<string, unknown>, defaulted: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (defaulted.includes(key) || value === null || value === undefined) continue;
    if (key === 'phones' || key === 'emails') {
      const keyOf = (item: Record<string, string>) => (key === 'phones' ? phoneKey(item.number!) : emailKey(item.address!));
      const had = (existing[key] as Record<string, string>[] | undefined) ?? [];
      const seen = new Set(had.map(keyOf));
      const added = (value as Record<string, string>[]).filter((v) => !seen.has(keyOf(v)));
      if (added.length) body[key] = [...had, ...added].slice(0, 20);
    } else if (key === 'tags') {
      const had = (existing.tags as string[] | undefined) ?? [];
      const lower = new Set(had.map((t) => t.toLowerCase()));
      const added = (value as string[]).filter((t) => !lower.has(t.toLowerCase()));
      if (added.length) body.tags = [...had, ...added].slice(0, 50);
    } else if (key === 'prices') {
      const given = value as { priceTypeId: number; amount: string }[];
      const kept = ((existing.prices as { priceTypeId: number; amount: string }[] | undefined) ?? []).filter((p) => !given.some((g) => g.priceTypeId === p.priceTypeId));
      body.prices = [...kept.map((p) => ({ priceTypeId: p.priceTypeId, amount: p.amount })), ...given];
    } else if (JSON.stringify(existing[key]) !== JSON.stringify(value)) body[key] = value;
  }
  return body;
}

/** The API values a record had before an update, for undo: only the keys the update set. */
function beforeOf(existing: ApiRecord, body: Record<string, unknown>): Record<string, unknown> {
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    const v = existing[key];
    before[key] = key === 'prices' ? ((v as { priceTypeId: number; amount: string }[]) ?? []).map((p) => ({ priceTypeId: p.priceTypeId, amount: p.amount })) : (v ?? null);
  }
  return before;
}

function matchText(s: Setup, m: Match): string {
  const what = { tax_id: 'the same tax ID', email: 'the same e-mail', phone: 'the same phone', same_name: 'the same name', sku: 'the same SKU' }[m.reason];
  return `A ${ENTITY[s.target]} with ${what} (${m.value}) already exists`;
}

/**
 * Drafts made ready to be written, outside any transaction: nothing here
 * waits for the database unless a name is met for the first time in the
 * job (lookups.ts caches them). Products are resolved in writeChunk.
 */
export async function prepareRows(s: Setup, drafts: Draft[]): Promise<Prepared[]> {
  if (s.target === 'products') return drafts.map((draft) => ({ draft, body: {}, problems: [], deferred: true }));
  const custom = s.target === 'clients' ? { client: customTextColumnsOf(s.service.fields), contact: customTextColumnsOf(s.contacts?.fields ?? []) } : undefined;
  const at = nowIso(s.ctx);
  const out: Prepared[] = [];
  for (const [i, draft] of drafts.entries()) {
    // Lets the database's answers in (it is writing the chunk before), so
    // its next statement does not wait for this whole chunk to be built.
    if (i % YIELD_ROWS === YIELD_ROWS - 1) await yieldToOthers();
    const p = await resolve(s.ctx.db, s, draft);
    if (p.values) p.keys = matchKeys(s.target, p.values);
    if (custom && p.values) {
      const derived = deriveClient(p.values, s.actor);
      p.fresh = 'problem' in derived ? derived : buildClient(s.service, s.contacts, { values: p.values, extra: derived.extra, contact: p.contact }, custom, at);
    }
    out.push(p);
  }
  return out;
}

/** Rows prepared between two turns of the event loop. */
export const YIELD_ROWS = 25;

type Forced = Map<number, { action: 'skip' | 'create' | 'update'; recordId?: number }>;

/** Prepares and writes drafts in one go (the review of held rows). */
export async function processChunk(s: Setup, drafts: Draft[], forced?: Forced): Promise<{ consumed: number; counts: Counts; lastRow: number }> {
  return writeChunk(s, await prepareRows(s, drafts), forced);
}

/**
 * Writes prepared rows (in file order) and returns how many it consumed:
 * a chunk ends before a row that repeats an earlier row of the same chunk,
 * so that row meets the earlier one's record in the database. With
 * `forced` (decisions on held rows) the rows' held entries are taken in
 * the same transaction as the writes: a review that fails or dies half
 * way leaves them held, and two reviews of the same rows cannot both
 * write them.
 */
export async function writeChunk(s: Setup, items: Prepared[], forced?: Forced): Promise<{ consumed: number; counts: Counts; lastRow: number }> {
  const counts = zeroCounts();
  let consumed = items.length;
  await s.ctx.db.transaction(async (trx) => {
    const at = nowIso(s.ctx);
    let claimed = 0;
    if (forced) {
      const rowNumbers = items.map((p) => p.draft.rowNumber);
      claimed = await trx('import_rows').where({ job_id: s.jobId, outcome: 'held' }).whereIn('row_number', rowNumbers).delete();
      if (claimed !== rowNumbers.length) throw new AppError('invalid_state', 'Some of these rows were decided meanwhile (another review of this import); reload the held rows.');
    }
    const outcomes: OutcomeRow[] = [];
    const put = (d: Draft, outcome: Outcome, extra: Partial<OutcomeRow> = {}) => {
      counts[outcome]++;
      outcomes.push({ job_id: s.jobId, row_number: d.rowNumber, outcome, entity: null, record_id: null, record_version: null, source: null, reason: null, before: null, ...extra });
    };
    const source = (cells: Cell[]) => JSON.stringify(cells);

    const prepared: Prepared[] = [];
    for (const p of items) prepared.push(p.deferred ? await resolve(trx, s, p.draft) : p);

    const checkDuplicates = s.policy !== 'create' || forced;
    let matches: (Match | undefined)[] = prepared.map(() => undefined);
    if (checkDuplicates && !forced) {
      const keys = prepared.map((p) => p.keys ?? matchKeys(s.target, p.values ?? {}));
      const earlier = sameAsEarlier(s.target, keys.map((k, i) => (prepared[i]!.values ? k : { emails: [], phones: [] })));
      const cut = earlier.findIndex((e) => e >= 0);
      if (cut > 0) {
        consumed = cut;
        prepared.length = cut;
        keys.length = cut;
      }
      matches = await findExisting(trx, s.target, keys);
    }

    const createdByJob = new Set<number>();
    const dupIds = matches.filter((m): m is Match => !!m).map((m) => m.id);
    if (dupIds.length) {
      const own = (await trx('import_rows').where({ job_id: s.jobId, outcome: 'created', entity: ENTITY[s.target] }).whereIn('record_id', dupIds).select('record_id')) as { record_id: number }[];
      for (const r of own) createdByJob.add(Number(r.record_id));
    }

    const newClients: { p: Prepared; fresh: NewClient }[] = [];
    for (const [i, p] of prepared.entries()) {
      const d = p.draft;
      if (!p.values) {
        put(d, 'failed', { source: source(d.cells), reason: reasonOf(p.problems) });
        continue;
      }
      const decision = forced?.get(d.rowNumber);
      const match = decision ? (decision.recordId ? { id: decision.recordId, reason: 'same_name' as const, value: '' } : undefined) : matches[i];
      const action = decision?.action ?? (match ? s.policy : 'create');
      if (action === 'skip') {
        put(d, 'skipped', { entity: ENTITY[s.target], record_id: match?.id ?? null, reason: match ? reasonOf([{ code: 'duplicate', message: `${matchText(s, match)}: skipped.`, recordId: match.id, duplicateOf: match.reason }]) : reasonOf([{ code: 'skipped', message: 'Skipped on review.' }]) });
        continue;
      }
      if (action === 'review' && match) {
        const inFile = createdByJob.has(match.id);
        put(d, 'held', {
          entity: ENTITY[s.target], record_id: match.id, source: source(d.cells),
          reason: reasonOf([{ code: inFile ? 'duplicate_in_file' : 'duplicate', message: `${matchText(s, match)}${inFile ? ' (an earlier row of this file)' : ''}: held for review.`, recordId: match.id, duplicateOf: match.reason }]),
          before: JSON.stringify({ values: p.values, contact: p.contact ?? null, defaulted: d.defaulted }),
        });
        continue;
      }
      if (action === 'update' && match) {
        try {
          await trx.transaction(async (sp) => {
            const existing = await s.service.read(sp, s.actor, match.id).catch((err: unknown) => {
              if (err instanceof AppError && err.code === 'not_found') {
                throw new AppError('forbidden', `${matchText(s, match)} but belongs to another manager; it was not changed.`, { details: [{ code: 'duplicate_out_of_scope', message: `${matchText(s, match)} but belongs to another manager; it was not changed.` }] });
              }
              throw err;
            });
            const body = mergeBody(existing, p.values!, d.defaulted);
            if (!Object.keys(body).length) {
              put(d, 'skipped', { entity: ENTITY[s.target], record_id: match.id, reason: reasonOf([{ code: 'unchanged', message: `${matchText(s, match)} with the same values: nothing to update.` }]) });
              return;
            }
            const updated = await s.service.updateIn(sp, s.actor, match.id, { ...body, version: existing.version });
            if (createdByJob.has(match.id)) {
              // Created by this import: undo removes it, so only its version is followed.
              await sp('import_rows').where({ job_id: s.jobId, outcome: 'created', record_id: match.id, entity: ENTITY[s.target] }).update({ record_version: updated.version });
              put(d, 'updated', { entity: ENTITY[s.target], record_id: match.id, record_version: updated.version, before: null });
            } else {
              put(d, 'updated', { entity: ENTITY[s.target], record_id: match.id, record_version: updated.version, before: JSON.stringify(beforeOf(existing, body)) });
            }
          });
        } catch (err) {
          put(d, 'failed', { source: source(d.cells), reason: reasonOf(appProblems(err)) });
        }
        continue;
      }
      // A new record.
      if (s.target === 'clients') {
        const fresh = p.fresh!;
        if ('problem' in fresh) put(d, 'failed', { source: source(d.cells), reason: reasonOf([fresh.problem]) });
        else newClients.push({ p, fresh });
        continue;
      }
      try {
        await trx.transaction(async (sp) => {
          const record = await s.service.createIn(sp, s.actor, p.values!);
          put(d, 'created', { entity: ENTITY[s.target], record_id: record.id, record_version: record.version });
        });
      } catch (err) {
        put(d, 'failed', { source: source(d.cells), reason: reasonOf(appProblems(err)) });
      }
    }

    if (newClients.length) {
      const ids = await insertClients(trx, s.actor, newClients.map((n) => n.fresh));
      for (const [i, { p }] of newClients.entries()) put(p.draft, 'created', { entity: 'client', record_id: ids[i]!, record_version: 1 });
    }

    await insertRows(trx, 'import_rows', outcomes as unknown as Record<string, unknown>[]);
    const lastRow = prepared.length ? prepared[prepared.length - 1]!.draft.rowNumber : 0;
    const changes: Row = { updated_at: at };
    for (const [k, n] of Object.entries(counts)) if (n) changes[k] = trx.raw('?? + ?', [k, n]);
    if (claimed) changes.held = trx.raw('?? - ?', ['held', claimed]);
    if (!forced && lastRow) changes.cursor = lastRow;
    await trx('import_jobs').where({ id: s.jobId }).update(changes);
  });
  return { consumed, counts, lastRow: items[consumed - 1]?.draft.rowNumber ?? 0 };
}
