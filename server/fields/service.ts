import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { audit, diff } from '../audit/log.js';
import { nowIso, type AppContext } from '../context.js';
import { likeEscape, toCount, type Tx } from '../db/connect.js';
import { AppError, notFound, validationError, type ErrorDetail } from '../errors/app-error.js';
import type { EntityDef } from '../records/entity.js';
import { addColumn, addIndex, dropColumn, dropIndex, isIndexed } from './ddl.js';
import { fieldJson, type FieldJson } from './field-json.js';
import { deriveKey } from './keys.js';
import { TEXT_DEFAULT_LENGTH, changedOptions, newFieldOptions } from './options.js';
import { recordsWithText, reindex } from './reindex.js';
import { toBool } from './codec.js';
import { bumpGeneration, type FieldRow } from './store.js';
import {
  FIELD_KEY, RESERVED_KEYS, customFieldTypes, customizableEntities, entityNames,
  type CustomFieldType, type EntityName, type FieldDef, type FieldOptions,
} from './types.js';
import { parseOrThrow } from './validation.js';

/**
 * Adding, changing, reordering, archiving and deleting fields. Every change
 * runs in one transaction with its DDL (both SQLite and PostgreSQL have
 * transactional DDL), writes an audit entry, and bumps the metadata
 * generation so every app instance reloads its field cache; this instance
 * reloads at once after the commit.
 */

const label = z.string({ error: 'Give the field a label.' }).trim().min(1, { error: 'Give the field a label.' }).max(200, { error: 'At most 200 characters.' });

export const createBody = z.strictObject({
  entity: z.enum(customizableEntities, { error: `Custom fields can be added to: ${customizableEntities.join(', ')}.` }),
  label,
  type: z.enum(customFieldTypes, { error: `Use one of: ${customFieldTypes.join(', ')}.` }),
  key: z.string({ error: 'Use a text key.' }).max(100, { error: 'At most 40 characters.' }).optional(),
  options: z.unknown().optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
});

export const updateBody = z.strictObject({
  version: z.number({ error: 'Send the version you read, to protect against lost updates.' }).int().positive(),
  label: label.optional(),
  hidden: z.boolean().optional(),
  required: z.boolean().optional(),
  position: z.number({ error: 'Use a whole number, 1 = first.' }).int({ error: 'Use a whole number, 1 = first.' }).min(1, { error: 'Use a whole number, 1 = first.' }).max(100_000).optional(),
  options: z.unknown().optional(),
});

export const reorderBody = z.strictObject({
  entity: z.enum(entityNames, { error: 'Use the name of an entity, e.g. client.' }),
  keys: z.array(z.string().max(100)).min(1, { error: 'List at least one key.' }).max(2000),
});

/** Rolls back a PATCH whose version is no longer current. */
class StaleVersion extends Error {}

/** A field's place before and after a move (1 = first). */
interface Move {
  old: number;
  new: number;
}



/** What the audit log keeps of a field: the parts users change. (Its place
 *  is logged by whoever moves it, as places, not stored sort numbers.) */
function auditView(row: Pick<FieldRow, 'key' | 'label' | 'type' | 'options' | 'required' | 'hidden' | 'archived'>): Record<string, unknown> {
  return {
    key: row.key, label: row.label, type: row.type, options: JSON.parse(row.options) as unknown,
    required: toBool(row.required), hidden: toBool(row.hidden), archived: toBool(row.archived),
  };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(e.message ?? ''));
}

/** Names a record of an entity already uses besides its fields (expansions
 *  like managerName, write-only inputs), which a new key must not shadow. */
export type UsedNames = (entity: EntityDef) => Set<string>;

export class FieldService {
  constructor(
    readonly ctx: AppContext,
    private readonly usedNames: UsedNames = () => new Set(),
  ) {}

  private entityDef(name: EntityName): EntityDef {
    try {
      return this.ctx.fields.entity(name);
    } catch {
      throw new AppError('not_supported', `This version of Kontora has no ${name} records yet, so they cannot have fields.`, {
        details: [{ field: 'entity', code: 'not_supported', message: `Unknown entity ${name}.` }],
      });
    }
  }

  /** The field and its place, from the (fresh) cache. */
  private find(id: number): { field: FieldDef; place: number } | undefined {
    for (const entity of entityNames) {
      const all = this.ctx.fields.all(entity);
      const index = all.findIndex((f) => f.id === id);
      if (index >= 0) return { field: all[index]!, place: index + 1 };
    }
    return undefined;
  }

  private json(id: number): FieldJson {
    const found = this.find(id);
    if (!found) throw notFound('Field');
    return fieldJson(found.field, found.place);
  }

  private conflict(id: number): AppError {
    return new AppError('version_conflict', 'This field was changed by someone else. Reload it and apply your change again.', {
      extra: { current: this.json(id) },
    });
  }

  /** Commits a change, then makes it visible in this instance at once. */
  private async change<T>(work: (trx: Tx) => Promise<T>): Promise<T> {
    const result = await this.ctx.db.transaction(async (trx) => {
      const out = await work(trx);
      await bumpGeneration(trx);
      return out;
    });
    await this.ctx.fields.load(this.ctx.db);
    return result;
  }

  list(actor: Actor, query: Record<string, unknown>): { items: FieldJson[]; total: number } {
    assertCan(actor, 'fields', 'read');
    const problems = [];
    for (const [name, value] of Object.entries(query)) {
      if (name === 'entity') {
        if (typeof value !== 'string' || !(entityNames as readonly string[]).includes(value)) {
          problems.push({ field: 'entity', code: 'invalid_value', message: `Use one of: ${entityNames.join(', ')}.` });
        }
      } else if (name === 'limit' || name === 'offset') {
        const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
        if (!(n >= (name === 'limit' ? 1 : 0))) problems.push({ field: name, code: 'invalid_value', message: name === 'limit' ? 'Use a whole number of 1 or more.' : 'Use a whole number of 0 or more.' });
      } else if (name === 'includeArchived') {
        if (value !== 'true' && value !== 'false') problems.push({ field: name, code: 'invalid_value', message: 'Use true or false.' });
      } else {
        problems.push({ field: name.slice(0, 60), code: 'unknown_filter', message: `There is no parameter "${name.slice(0, 60)}"; use entity, includeArchived, limit and offset.` });
      }
    }
    if (problems.length) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: problems });
    const includeArchived = query.includeArchived === 'true';
    const entities = query.entity ? [query.entity as EntityName] : [...entityNames];
    const items: FieldJson[] = [];
    for (const entity of entities) {
      this.ctx.fields.all(entity).forEach((field, i) => {
        if (includeArchived || !field.archived) items.push(fieldJson(field, i + 1));
      });
    }
    // All fields by default: a form needs every one of them.
    const offset = query.offset === undefined ? 0 : Number(query.offset);
    const limit = query.limit === undefined ? items.length : Number(query.limit);
    return { items: items.slice(offset, offset + limit), total: items.length };
  }

  get(actor: Actor, id: number): FieldJson {
    assertCan(actor, 'fields', 'read');
    return this.json(id);
  }

  async create(actor: Actor, body: unknown): Promise<FieldJson> {
    assertCan(actor, 'fields', 'create');
    const input = parseOrThrow(createBody, body);
    const def = this.entityDef(input.entity);
    const type: CustomFieldType = input.type;
    const defaultCurrency = type === 'money' ? await this.defaultCurrency() : 'EUR';
    const keyProblems: ErrorDetail[] = [];
    if (input.key !== undefined && (!FIELD_KEY.test(input.key) || RESERVED_KEYS.has(input.key))) {
      keyProblems.push({
        field: 'key',
        code: RESERVED_KEYS.has(input.key) ? 'reserved_key' : 'invalid_format',
        message: RESERVED_KEYS.has(input.key)
          ? `"${input.key}" is reserved by the API.`
          : 'Start with a lower-case letter, then up to 39 letters or digits (camelCase, e.g. "contractDate").',
      });
    }
    let options: FieldOptions;
    try {
      options = newFieldOptions(type, input.options, defaultCurrency);
    } catch (err) {
      // One answer names every problem: the key's and the options'.
      if (err instanceof AppError && err.code === 'validation_failed' && keyProblems.length) throw validationError([...keyProblems, ...(err.details ?? [])]);
      throw err;
    }
    if (keyProblems.length) throw validationError(keyProblems);
    const at = nowIso(this.ctx);
    const id = await this.change(async (trx) => {
      const rows = (await trx('fields').where({ entity: def.name }).select('key', 'position')) as Pick<FieldRow, 'key' | 'position'>[];
      // Every name a record of this entity already answers to, in any case:
      // fields (archived and structured ones too), filters, sorts, expansions.
      const taken = new Set<string>();
      for (const name of [...rows.map((r) => r.key), ...Object.keys(def.filters ?? {}), ...Object.keys(def.sorts ?? {}), ...this.usedNames(def)]) {
        taken.add(name.toLowerCase());
      }
      let key = input.key;
      if (key === undefined) key = deriveKey(input.label, taken);
      else if (taken.has(key.toLowerCase())) throw this.keyTaken(key, def);
      const position = rows.reduce((max, r) => Math.max(max, Number(r.position)), 0) + 1;
      const row = {
        entity: def.name, key, label: input.label, type, options: JSON.stringify(options), required: input.required ?? false,
        position, hidden: input.hidden ?? false, archived: false, custom: true, column_name: null, version: 1, created_at: at, updated_at: at,
      };
      let inserted: ({ id: number } | number)[];
      try {
        inserted = (await trx('fields').insert(row).returning('id')) as ({ id: number } | number)[];
      } catch (err) {
        // Another request added the same key at the same moment.
        if (isUniqueViolation(err)) throw this.keyTaken(key, def);
        throw err;
      }
      const first = inserted[0]!;
      const newId = typeof first === 'object' ? Number(first.id) : Number(first);
      const column = await addColumn(trx, def.table, newId, type, options);
      await trx('fields').where({ id: newId }).update({ column_name: column });
      await audit(trx, { actor, entity: 'field', recordId: newId, action: 'create', before: null, after: { entity: def.name, ...auditView(row), position: rows.length + 1 }, at });
      return newId;
    });
    return this.json(id);
  }

  private keyTaken(key: string, def: EntityDef): AppError {
    return new AppError('already_exists', `${def.labelPlural} already have a field or property named "${key}" (keys are compared ignoring case, archived fields included).`, {
      details: [{ field: 'key', code: 'already_exists', message: `"${key}" is taken.` }],
    });
  }

  /** The default company's currency, for money fields given none. */
  private async defaultCurrency(): Promise<string> {
    const row = (await this.ctx.db('companies')
      .orderBy([{ column: 'is_default', order: 'desc' }, { column: 'id', order: 'asc' }])
      .first('default_currency')) as { default_currency: string } | undefined;
    return row?.default_currency && /^[A-Z]{3}$/.test(row.default_currency) ? row.default_currency : 'EUR';
  }

  async update(actor: Actor, id: number, body: unknown): Promise<FieldJson> {
    assertCan(actor, 'fields', 'edit');
    const input = parseOrThrow(updateBody, body);
    const found = this.find(id);
    if (!found) throw notFound('Field');
    const { field } = found;
    if (!field.custom) {
      const refused = (['required', 'options'] as const).filter((k) => input[k] !== undefined);
      if (refused.length) {
        throw validationError(refused.map((k) => ({
          field: k, code: 'built_in', message: `"${field.label}" is built in: only its label, visibility and position can change.`,
        })), 'Built-in fields keep their rules.');
      }
    }
    const def = this.entityDef(field.entity);
    const at = nowIso(this.ctx);
    const outcome = await this.change(async (trx) => {
      const row = (await trx('fields').where({ id }).first()) as FieldRow | undefined;
      if (!row) return 'gone' as const;
      if (Number(row.version) !== input.version) throw new StaleVersion();
      const changes: Record<string, unknown> = {};
      if (input.label !== undefined) changes.label = input.label;
      if (input.hidden !== undefined) changes.hidden = input.hidden;
      if (field.custom) {
        const type = row.type as CustomFieldType;
        if (input.required !== undefined) changes.required = input.required;
        if (input.options !== undefined) {
          const current = JSON.parse(row.options) as FieldOptions;
          const { options, removedChoices } = changedOptions(type, current, input.options);
          if (removedChoices.length) await this.assertChoicesUnused(trx, def.table, row, removedChoices);
          const { maxLength } = options;
          if (type === 'text' && maxLength !== undefined && maxLength < (current.maxLength ?? TEXT_DEFAULT_LENGTH)) {
            await this.assertValuesFit(trx, def.table, row, maxLength);
          }
          const wasIndexed = isIndexed(type, current);
          const indexed = isIndexed(type, options);
          if (indexed && !wasIndexed) await addIndex(trx, def.table, id);
          if (!indexed && wasIndexed) await dropIndex(trx, def.table, id);
          changes.options = JSON.stringify(options);
        }
      }
      const updated = await trx('fields').where({ id, version: input.version }).update({ ...changes, version: input.version + 1, updated_at: at });
      // Thrown, not returned, so index changes made above roll back too.
      if (updated !== 1) throw new StaleVersion();
      const moved = input.position !== undefined ? await this.place(trx, def.name, [[id, input.position]], at, actor) : new Map<number, Move>();
      const after = (await trx('fields').where({ id }).first()) as FieldRow;
      const logged = diff(auditView(row), auditView(after));
      if (moved.has(id)) logged.position = moved.get(id)!;
      await audit(trx, { actor, entity: 'field', recordId: id, action: 'update', before: null, after: null, changes: logged, at });
      return 'ok' as const;
    }).catch(async (err: unknown) => {
      if (!(err instanceof StaleVersion)) throw err;
      // Answer with the field as it is now, which another instance may have changed.
      await this.ctx.fields.load(this.ctx.db);
      throw this.conflict(id);
    });
    if (outcome === 'gone') throw notFound('Field');
    return this.json(id);
  }

  /** Refuses to drop choices that records still hold, saying how many. */
  private async assertChoicesUnused(trx: Tx, table: string, row: FieldRow, removed: string[]): Promise<void> {
    const column = row.column_name;
    if (!column) return;
    const details = [];
    for (const key of removed) {
      const qb = trx(table);
      if (row.type === 'many_of') qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [column, '%' + likeEscape(JSON.stringify(key)) + '%']);
      else qb.where(column, key);
      const count = toCount((await qb.count({ n: '*' }).first()) as Record<string, unknown> | undefined);
      if (count > 0) details.push({ field: 'options.choices', code: 'in_use', choice: key, count, message: `"${key}" is used by ${count} record${count === 1 ? '' : 's'}.` });
    }
    if (details.length) {
      const total = details.reduce((n, d) => n + d.count, 0);
      throw new AppError('in_use', `A choice you removed is still used by ${total} record${total === 1 ? '' : 's'}; change those records first or keep the choice.`, { details });
    }
  }

  /**
   * Refuses a lower maximum length while records hold longer values: they
   * would stay over the limit (and on PostgreSQL may not fit the index the
   * field gets). LENGTH counts characters on both databases.
   */
  private async assertValuesFit(trx: Tx, table: string, row: FieldRow, maxLength: number): Promise<void> {
    const column = row.column_name;
    if (!column) return;
    const count = toCount((await trx(table).whereRaw('LENGTH(??) > ?', [column, maxLength]).count({ n: '*' }).first()) as Record<string, unknown> | undefined);
    if (count === 0) return;
    const records = count === 1 ? '1 record holds' : `${count} records hold`;
    throw new AppError('in_use', `${records} a value longer than ${maxLength} characters; shorten those values first or keep a higher maximum.`, {
      details: [{ field: 'options.maxLength', code: 'in_use', count, message: `${records} a longer value.` }],
    });
  }

  /**
   * Moves fields to places (1 = first) and renumbers the entity's fields
   * 1..n in the resulting order. With `auditMoves` (a reorder), each moved
   * field whose place changed gets a new version and an audit entry; a
   * PATCH has already versioned and audits its own field. Fields that only
   * shift because others moved keep their version, so a form open on them
   * does not meet a conflict it did not cause.
   */
  private async place(trx: Tx, entity: EntityName, moves: [number, number][], at: string, actor: Actor, auditMoves = false): Promise<Map<number, Move>> {
    const rows = (await trx('fields').where({ entity }).orderBy([{ column: 'position' }, { column: 'id' }]).select('id', 'position')) as Pick<FieldRow, 'id' | 'position'>[];
    const order = rows.map((r) => Number(r.id));
    for (const [id, place] of moves) {
      const from = order.indexOf(id);
      if (from < 0) continue;
      order.splice(from, 1);
      order.splice(Math.min(place, order.length + 1) - 1, 0, id);
    }
    const moved = new Set(moves.map(([id]) => id));
    const changed = new Map<number, Move>();
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      const from = rows.findIndex((r) => Number(r.id) === id);
      if (Number(rows[from]!.position) === i + 1) continue;
      const move = from !== i && moved.has(id) ? { old: from + 1, new: i + 1 } : undefined;
      const bump = auditMoves && move !== undefined;
      await trx('fields').where({ id }).update({ position: i + 1, ...(bump ? { version: trx.raw('version + 1'), updated_at: at } : {}) });
      if (move) changed.set(id, move);
      if (bump) await audit(trx, { actor, entity: 'field', recordId: id, action: 'update', before: null, after: null, at, changes: { position: move } });
    }
    return changed;
  }

  async reorder(actor: Actor, body: unknown): Promise<{ items: FieldJson[]; total: number }> {
    assertCan(actor, 'fields', 'edit');
    const input = parseOrThrow(reorderBody, body);
    const def = this.entityDef(input.entity);
    const all = this.ctx.fields.all(def.name);
    const details = [];
    const seen = new Set<string>();
    for (const [i, key] of input.keys.entries()) {
      if (!all.some((f) => f.key === key)) details.push({ field: `keys.${i}`, code: 'unknown_field', message: `${def.labelPlural} have no field "${key.slice(0, 60)}".` });
      else if (seen.has(key)) details.push({ field: `keys.${i}`, code: 'duplicate', message: `"${key}" is listed twice.` });
      seen.add(key);
    }
    if (details.length) throw validationError(details, 'The new order is invalid.');
    const at = nowIso(this.ctx);
    await this.change(async (trx) => {
      const ids = input.keys.map((key) => all.find((f) => f.key === key)!.id!);
      await this.place(trx, def.name, ids.map((id, i) => [id, i + 1]), at, actor, true);
    });
    return this.list(actor, { entity: def.name, includeArchived: 'true' });
  }

  async setArchived(actor: Actor, id: number, archived: boolean): Promise<FieldJson> {
    assertCan(actor, 'fields', 'edit');
    const found = this.find(id);
    if (!found) throw notFound('Field');
    const { field } = found;
    if (!field.custom) {
      throw new AppError('invalid_state', `"${field.label}" is built in and cannot be archived; hide it instead.`);
    }
    if (field.archived === archived) return fieldJson(field, found.place);
    const def = this.entityDef(field.entity);
    const at = nowIso(this.ctx);
    const gone = await this.change(async (trx) => {
      const updated = await trx('fields').where({ id }).update({ archived, version: trx.raw('version + 1'), updated_at: at });
      if (updated !== 1) return true; // deleted meanwhile, by another instance
      // The values stay in their column; the search entries of records that
      // hold one gain or lose those words now.
      await reindex(trx, def, await recordsWithText(trx, def, field));
      await audit(trx, { actor, entity: 'field', recordId: id, action: archived ? 'archive' : 'restore', before: null, after: null, at, changes: { archived: { old: !archived, new: archived } } });
      return false;
    });
    if (gone) throw notFound('Field');
    return this.json(id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    assertCan(actor, 'fields', 'delete');
    const found = this.find(id);
    if (!found) throw notFound('Field');
    const { field } = found;
    if (!field.custom) throw new AppError('invalid_state', `"${field.label}" is built in and cannot be deleted; hide it instead.`);
    const def = this.entityDef(field.entity);
    const at = nowIso(this.ctx);
    await this.change(async (trx) => {
      const row = (await trx('fields').where({ id }).first()) as FieldRow | undefined;
      if (!row) return;
      const holders = await recordsWithText(trx, def, field);
      await trx('fields').where({ id }).delete();
      await dropColumn(trx, def.table, id);
      await reindex(trx, def, holders);
      await audit(trx, { actor, entity: 'field', recordId: id, action: 'delete', before: { entity: def.name, ...auditView(row) }, after: null, at });
    });
  }
}
