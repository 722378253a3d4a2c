import type { Knex } from 'knex';
import { assertCan, seesAll, type Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { nowIso, today, type AppContext } from '../context.js';
import { isPostgres, toCount, type Conn, type Tx } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { assertLinkTargets } from '../fields/links.js';
import type { FieldDef } from '../fields/types.js';
import type { EntityDef } from './entity.js';
import { applyFilters, applySort, parseListParams, type ListParams } from './query.js';
import { countUpTo, windowedPage } from './page-plan.js';
import { decodeRecord, encodeValues, type ApiRecord, type Row } from './rows.js';
import { entitySchemas, type EntitySchemas, type StructuredSchemas } from './schemas.js';

export interface WriteInput {
  values: Record<string, unknown>;
  actor: Actor;
  /** The record before an update; undefined on create. */
  existing?: ApiRecord;
}

/** What a domain adds to the generic record behaviour. */
export interface RecordHooks {
  structured?: StructuredSchemas;
  /** Checks references and derives columns; runs inside the write transaction. */
  prepare?(trx: Tx, input: WriteInput): Promise<Row>;
  /** The currency money fields of this write are in (for money columns). */
  currencyOf?(input: WriteInput): string | undefined;
  /** Saves structured values (phones, lines) after the row is written. */
  saveStructured?(trx: Tx, id: number, input: WriteInput): Promise<void>;
  /** Adds structured and related values to records read from the database. */
  expand?(conn: Conn, records: ApiRecord[], actor: Actor, detail: boolean): Promise<void>;
  /** Keeps derived data (the search index) in step, in the same transaction. */
  afterWrite?(trx: Tx, record: ApiRecord): Promise<void>;
  assertEditable?(record: ApiRecord): void;
  beforeDelete?(trx: Tx, record: ApiRecord, actor: Actor): Promise<void>;
  afterDelete?(trx: Tx, record: ApiRecord): Promise<void>;
  /** Restricts a list to records matching quick-search text. */
  search?(qb: Knex.QueryBuilder, conn: Conn, q: string, actor: Actor): void;
}

export interface ListResult {
  items: ApiRecord[];
  /** Exact up to page-plan.ts COUNT_LIMIT; past it, the limit with totalExact false. */
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
}

/**
 * Create, read, update, delete and list for one entity, with rights,
 * scope, validation from field metadata, optimistic concurrency and the
 * audit log. Domains with more behaviour (invoices, payments) build on it.
 */
export class RecordService {
  private cached: { generation: number; schemas: EntitySchemas } | undefined;

  constructor(
    readonly ctx: AppContext,
    readonly def: EntityDef,
    readonly hooks: RecordHooks = {},
  ) {}

  get fields(): FieldDef[] {
    return this.ctx.fields.active(this.def.name);
  }

  schemas(): EntitySchemas {
    const generation = this.ctx.fields.currentGeneration;
    if (this.cached?.generation !== generation) {
      this.cached = { generation, schemas: entitySchemas(this.fields, this.hooks.structured) };
    }
    return this.cached.schemas;
  }

  /** A query on the entity's table limited to what the actor may see. */
  scoped(conn: Conn, actor: Actor): Knex.QueryBuilder {
    const qb = conn(this.def.table);
    if (!seesAll(actor) && this.def.ownScope) this.def.ownScope(qb, actor);
    return qb;
  }

  async list(actor: Actor, query: Record<string, unknown>, options: { extraParams?: string[] } = {}): Promise<ListResult> {
    assertCan(actor, this.def.resource, 'read');
    const params = parseListParams(query, this.def, this.fields, options);
    return this.listWith(this.ctx.db, actor, params);
  }

  async listWith(conn: Conn, actor: Actor, params: ListParams, detail = false): Promise<ListResult> {
    const { table } = this.def;
    if (params.q && !this.hooks.search) throw new AppError('invalid_query', `Quick search is not available for ${this.def.labelPlural.toLowerCase()}.`);
    const restrict = (qb: Knex.QueryBuilder) => {
      applyFilters(qb, conn, table, params.filters, today(this.ctx));
      if (params.q) this.hooks.search!(qb, conn, params.q, actor);
    };
    const order = (qb: Knex.QueryBuilder) => applySort(qb, this.def, params.sort, today(this.ctx));
    const base = this.scoped(conn, actor);
    restrict(base);
    const plainPage = async () => {
      const page = base.clone().select(`${table}.*`).limit(params.limit).offset(params.offset);
      order(page);
      return (await page) as Row[];
    };
    let count: Awaited<ReturnType<typeof countUpTo>>;
    let rows: Row[] | null;
    if (isPostgres(conn)) {
      [count, rows] = await Promise.all([countUpTo(conn, base), plainPage()]);
    } else {
      // Past the count limit, SQLite first looks for the page in sort order (page-plan.ts).
      count = await countUpTo(conn, base);
      rows = count.totalExact ? null : ((await windowedPage({
        conn, table, sort: params.sort, limit: params.limit, offset: params.offset, generation: this.ctx.fields.currentGeneration,
        base, scoped: () => this.scoped(conn, actor), restrict, order,
      })) as Row[] | null);
      rows ??= await plainPage();
    }
    const items = (rows as Row[]).map((r) => decodeRecord(this.fields, r));
    if (this.hooks.expand && items.length) await this.hooks.expand(conn, items, actor, detail);
    return { items, ...count, limit: params.limit, offset: params.offset };
  }

  async get(actor: Actor, id: number): Promise<ApiRecord> {
    assertCan(actor, this.def.resource, 'read');
    return this.read(this.ctx.db, actor, id);
  }

  /** Checks the actor may read the record, without loading its details. */
  async assertVisible(actor: Actor, id: number, conn: Conn = this.ctx.db): Promise<void> {
    assertCan(actor, this.def.resource, 'read');
    if (!(await this.scoped(conn, actor).where(`${this.def.table}.id`, id).first(`${this.def.table}.id`))) throw notFound(this.def.label);
  }

  /** Reads one record and, on PostgreSQL, locks its row for the rest of the transaction. */
  protected async readForUpdate(trx: Tx, actor: Actor, id: number): Promise<ApiRecord> {
    if (isPostgres(trx)) await trx(this.def.table).where({ id }).forUpdate().first('id');
    return this.read(trx, actor, id);
  }

  /** Reads one record within the actor's scope, with its details. */
  async read(conn: Conn, actor: Actor, id: number): Promise<ApiRecord> {
    const row = (await this.scoped(conn, actor).where(`${this.def.table}.id`, id).first(`${this.def.table}.*`)) as Row | undefined;
    if (!row) throw notFound(this.def.label);
    const record = decodeRecord(this.fields, row);
    if (this.hooks.expand) await this.hooks.expand(conn, [record], actor, true);
    return record;
  }

  async create(actor: Actor, body: unknown): Promise<ApiRecord> {
    assertCan(actor, this.def.resource, 'create');
    const values = parseOrThrow(this.schemas().create, body);
    return this.ctx.db.transaction((trx) => this.createIn(trx, actor, values));
  }

  async createIn(trx: Tx, actor: Actor, values: Record<string, unknown>): Promise<ApiRecord> {
    const input: WriteInput = { values, actor };
    await assertLinkTargets(trx, this.fields, values);
    const extra = this.hooks.prepare ? await this.hooks.prepare(trx, input) : {};
    const at = nowIso(this.ctx);
    const row = { ...encodeValues(this.fields, values, this.hooks.currencyOf?.(input), new Set(Object.keys(extra))), ...extra, version: 1, created_at: at, updated_at: at };
    const [inserted] = (await trx(this.def.table).insert(row).returning('id')) as ({ id: number } | number)[];
    const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    if (this.hooks.saveStructured) await this.hooks.saveStructured(trx, id, input);
    const record = await this.read(trx, actor, id);
    if (this.hooks.afterWrite) await this.hooks.afterWrite(trx, record);
    await audit(trx, { actor, entity: this.def.name, recordId: id, action: 'create', before: null, after: record, at });
    return record;
  }

  async update(actor: Actor, id: number, body: unknown): Promise<ApiRecord> {
    assertCan(actor, this.def.resource, 'edit');
    const values = parseOrThrow(this.schemas().update, body);
    return this.ctx.db.transaction((trx) => this.updateIn(trx, actor, id, values));
  }

  async updateIn(trx: Tx, actor: Actor, id: number, body: Record<string, unknown>): Promise<ApiRecord> {
    const { version, ...values } = body as Record<string, unknown> & { version: number };
    const existing = await this.read(trx, actor, id);
    if (existing.version !== version) throw versionConflict(existing);
    this.hooks.assertEditable?.(existing);
    const input: WriteInput = { values, actor, existing };
    await assertLinkTargets(trx, this.fields, values);
    const extra = this.hooks.prepare ? await this.hooks.prepare(trx, input) : {};
    const at = nowIso(this.ctx);
    const row = { ...encodeValues(this.fields, values, this.hooks.currencyOf?.(input), new Set(Object.keys(extra))), ...extra, version: version + 1, updated_at: at };
    const updated = await trx(this.def.table).where({ id, version }).update(row);
    if (updated !== 1) throw versionConflict(await this.read(trx, actor, id));
    if (this.hooks.saveStructured) await this.hooks.saveStructured(trx, id, input);
    const record = await this.read(trx, actor, id);
    if (this.hooks.afterWrite) await this.hooks.afterWrite(trx, record);
    await audit(trx, { actor, entity: this.def.name, recordId: id, action: 'update', before: existing, after: record, at });
    return record;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    assertCan(actor, this.def.resource, 'delete');
    await this.ctx.db.transaction(async (trx) => {
      const existing = await this.read(trx, actor, id);
      if (this.hooks.beforeDelete) await this.hooks.beforeDelete(trx, existing, actor);
      await trx(this.def.table).where({ id }).delete();
      if (this.hooks.afterDelete) await this.hooks.afterDelete(trx, existing);
      await audit(trx, { actor, entity: this.def.name, recordId: id, action: 'delete', before: existing, after: null, at: nowIso(this.ctx) });
    });
  }

  /** Bumps the version of a record changed by a related write (e.g. a payment). */
  async touch(trx: Tx, id: number, changes: Row = {}): Promise<void> {
    await trx(this.def.table)
      .where({ id })
      .update({ ...changes, version: trx.raw('version + 1'), updated_at: nowIso(this.ctx) });
  }
}

export function versionConflict(current: ApiRecord): AppError {
  return new AppError('version_conflict', 'This record was changed by someone else. Reload it and apply your change again.', {
    extra: { current },
  });
}

/** Refuses a delete while other records still point at this one. */
export async function assertUnused(trx: Tx, checks: { table: string; column: string; id: number; what: string }[]): Promise<void> {
  for (const check of checks) {
    const row = await trx(check.table).where(check.column, check.id).count({ n: '*' }).first();
    const n = toCount(row as Row | undefined);
    if (n > 0) throw new AppError('in_use', `It is still used by ${n} ${check.what}.`, { details: [{ code: 'in_use', message: `${n} ${check.what}`, table: check.table, count: n }] });
  }
}
