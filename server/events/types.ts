import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { nowIso, type AppContext } from '../context.js';
import { toCount, type Conn, type Tx } from '../db/connect.js';
import { AppError, fieldError, notFound } from '../errors/app-error.js';
import { toBool } from '../fields/codec.js';
import { CHOICE_KEY, deriveChoiceKey } from '../fields/keys.js';
import { parseOrThrow } from '../fields/validation.js';

/**
 * Event types (call, meeting, …) and the results each allows, configured
 * by an administrator. Keys never change once made: events store them.
 * A type or result still used by events is archived, not deleted.
 */

export interface EventResult {
  key: string;
  label: string;
}

export interface EventType {
  id: number;
  version: number;
  key: string;
  label: string;
  results: EventResult[];
  position: number;
  archived: boolean;
}

const resultInput = z.strictObject({
  key: z.string().regex(CHOICE_KEY, { error: 'Use 1–40 lower-case letters, digits or underscores.' }).optional(),
  label: z.string().trim().min(1, { error: 'Give the result a label.' }).max(200, { error: 'At most 200 characters.' }),
});
const resultsInput = z.array(resultInput).max(50, { error: 'At most 50 results.' });

export const createTypeBody = z.strictObject({
  key: z.string().regex(CHOICE_KEY, { error: 'Use 1–40 lower-case letters, digits or underscores.' }).optional(),
  label: z.string().trim().min(1, { error: 'Give the type a label.' }).max(200, { error: 'At most 200 characters.' }),
  results: resultsInput.optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
});

export const updateTypeBody = z.strictObject({
  version: z.number({ error: 'Send the version you read, to protect against lost updates.' }).int().positive(),
  label: z.string().trim().min(1, { error: 'Give the type a label.' }).max(200, { error: 'At most 200 characters.' }).optional(),
  /** The whole list: results left out are removed (refused while events use them). */
  results: resultsInput.optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  archived: z.boolean().optional(),
});

export const eventTypeJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, version: { type: 'integer' }, key: { type: 'string' }, label: { type: 'string' },
    results: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' } }, required: ['key', 'label'], additionalProperties: false } },
    position: { type: 'integer' }, archived: { type: 'boolean' },
  },
  required: ['id', 'version', 'key', 'label', 'results', 'position', 'archived'],
  additionalProperties: false,
};

interface TypeRow {
  id: number; version: number; key: string; label: string; results: string; position: number; archived: unknown;
}

function toType(row: TypeRow): EventType {
  return {
    id: Number(row.id), version: Number(row.version), key: row.key, label: row.label,
    results: JSON.parse(row.results) as EventResult[], position: Number(row.position), archived: toBool(row.archived),
  };
}

export async function loadTypes(conn: Conn): Promise<EventType[]> {
  return ((await conn('event_types').orderBy([{ column: 'position' }, { column: 'id' }])) as TypeRow[]).map(toType);
}

export async function findType(conn: Conn, key: string): Promise<EventType | undefined> {
  const row = (await conn('event_types').where({ key }).first()) as TypeRow | undefined;
  return row ? toType(row) : undefined;
}

/** Results with keys: given keys kept, missing ones derived from labels. */
function withKeys(input: { key?: string; label: string }[]): EventResult[] {
  const taken = new Set(input.map((r) => r.key).filter((k): k is string => Boolean(k)));
  if (taken.size !== input.filter((r) => r.key).length) throw fieldError('results', 'already_exists', 'Each result key may appear once.');
  return input.map((r, i) => {
    if (r.key) return { key: r.key, label: r.label };
    const key = deriveChoiceKey(r.label, taken, i);
    taken.add(key);
    return { key, label: r.label };
  });
}

export class EventTypeService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor): Promise<EventType[]> {
    assertCan(actor, 'events', 'read');
    return loadTypes(this.ctx.db);
  }

  /** Configuring types is part of configuring the schema: the fields right. */
  async create(actor: Actor, body: unknown): Promise<EventType> {
    assertCan(actor, 'fields', 'create');
    const input = parseOrThrow(createTypeBody, body);
    return this.ctx.db.transaction(async (trx) => {
      const existing = await loadTypes(trx);
      const key = input.key ?? deriveChoiceKey(input.label, new Set(existing.map((t) => t.key)), existing.length);
      if (existing.some((t) => t.key === key)) throw fieldError('key', 'already_exists', `There is already an event type "${key}".`);
      const at = nowIso(this.ctx);
      const position = input.position ?? Math.max(0, ...existing.map((t) => t.position)) + 10;
      const [row] = (await trx('event_types')
        .insert({ key, label: input.label, results: JSON.stringify(withKeys(input.results ?? [])), position, archived: false, version: 1, created_at: at, updated_at: at })
        .returning('id')) as ({ id: number } | number)[];
      const id = typeof row === 'object' ? Number(row.id) : Number(row);
      const created = await this.read(trx, id);
      await audit(trx, { actor, entity: 'event', recordId: 0, action: 'type_create', before: null, after: null, at, changes: { [`type.${key}`]: { old: null, new: created } } });
      return created;
    });
  }

  async update(actor: Actor, id: number, body: unknown): Promise<EventType> {
    assertCan(actor, 'fields', 'edit');
    const input = parseOrThrow(updateTypeBody, body);
    return this.ctx.db.transaction(async (trx) => {
      const existing = await this.read(trx, id);
      if (existing.version !== input.version) {
        throw new AppError('version_conflict', 'This event type was changed by someone else. Reload it and apply your change again.', { extra: { current: existing } });
      }
      const changes: Record<string, unknown> = {};
      if (input.label !== undefined) changes.label = input.label;
      if (input.position !== undefined) changes.position = input.position;
      if (input.archived !== undefined) changes.archived = input.archived;
      if (input.results !== undefined) {
        const results = withKeys(input.results);
        const removed = existing.results.filter((r) => !results.some((n) => n.key === r.key)).map((r) => r.key);
        if (removed.length) await assertResultsUnused(trx, existing.key, removed);
        changes.results = JSON.stringify(results);
      }
      const at = nowIso(this.ctx);
      await trx('event_types').where({ id }).update({ ...changes, version: existing.version + 1, updated_at: at });
      const updated = await this.read(trx, id);
      await audit(trx, { actor, entity: 'event', recordId: 0, action: 'type_update', before: null, after: null, at, changes: { [`type.${existing.key}`]: { old: existing, new: updated } } });
      return updated;
    });
  }

  /** Deletes a type no event uses; a used one can be archived instead. */
  async remove(actor: Actor, id: number): Promise<void> {
    assertCan(actor, 'fields', 'delete');
    await this.ctx.db.transaction(async (trx) => {
      const existing = await this.read(trx, id);
      const used = toCount((await trx('events').where({ type: existing.key }).count({ n: '*' }).first()) as Record<string, unknown> | undefined);
      if (used) throw new AppError('in_use', `${used} events are of this type; archive it instead.`, { details: [{ code: 'in_use', message: `${used} events`, table: 'events', count: used }] });
      await trx('event_types').where({ id }).delete();
      await audit(trx, { actor, entity: 'event', recordId: 0, action: 'type_delete', before: null, after: null, at: nowIso(this.ctx), changes: { [`type.${existing.key}`]: { old: existing, new: null } } });
    });
  }

  private async read(conn: Conn, id: number): Promise<EventType> {
    const row = (await conn('event_types').where({ id }).first()) as TypeRow | undefined;
    if (!row) throw notFound('Event type');
    return toType(row);
  }
}

async function assertResultsUnused(trx: Tx, type: string, removed: string[]): Promise<void> {
  const used = (await trx('events').where({ type }).whereIn('result', removed).distinct('result')) as { result: string }[];
  if (used.length) {
    const keys = used.map((u) => u.result);
    throw new AppError('in_use', `Events still have the result ${keys.join(', ')}; change them first.`, {
      details: keys.map((key) => ({ field: 'results', code: 'in_use', message: `Events have the result "${key}".`, result: key })),
    });
  }
}
