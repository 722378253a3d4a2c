import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError, notFound } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import type { Target } from './fields.js';
import type { Mapping } from './suggest.js';

/** Saved column mappings, one name per target, shared by everyone who imports. */

interface MappingRow { id: number; target: Target; name: string; mapping: string; created_by: number | null; version: number; created_at: unknown; updated_at: unknown }

export function mappingJson(row: MappingRow) {
  return { id: Number(row.id), target: row.target, name: row.name, mapping: JSON.parse(row.mapping) as Mapping, version: Number(row.version), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) };
}

export async function findMapping(ctx: AppContext, target: Target, name: string): Promise<Mapping> {
  const row = (await ctx.db('import_mappings').where({ target, name }).first()) as MappingRow | undefined;
  if (!row) throw new AppError('not_found', `There is no saved mapping "${name.slice(0, 100)}" for ${target}.`, { details: [{ field: 'mapping', code: 'reference_invalid', message: 'Save the mapping first, or choose another name.' }] });
  return JSON.parse(row.mapping) as Mapping;
}

export async function listMappings(ctx: AppContext, target?: Target) {
  const qb = ctx.db('import_mappings').orderBy(['target', 'name']);
  if (target) qb.where({ target });
  return { items: ((await qb) as MappingRow[]).map(mappingJson) };
}

/** Saves a mapping under a name (replacing one of the same name and target). */
export async function saveMapping(ctx: AppContext, actor: Actor, input: { target: Target; name: string; mapping: Mapping }) {
  const at = nowIso(ctx);
  return ctx.db.transaction(async (trx) => {
    const existing = (await trx('import_mappings').where({ target: input.target, name: input.name }).first()) as MappingRow | undefined;
    if (existing) {
      await trx('import_mappings').where({ id: existing.id }).update({ mapping: JSON.stringify(input.mapping), version: Number(existing.version) + 1, updated_at: at });
      return mappingJson((await trx('import_mappings').where({ id: existing.id }).first()) as MappingRow);
    }
    const [inserted] = (await trx('import_mappings').insert({ ...input, mapping: JSON.stringify(input.mapping), created_by: actor.id, version: 1, created_at: at, updated_at: at }).returning('id')) as ({ id: number } | number)[];
    const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    return mappingJson((await trx('import_mappings').where({ id }).first()) as MappingRow);
  });
}

export async function deleteMapping(ctx: AppContext, id: number): Promise<void> {
  const n = await ctx.db('import_mappings').where({ id }).delete();
  if (!n) throw notFound('Saved mapping');
}

export const saveMappingSchema = (mapping: z.ZodType<Mapping>, target: z.ZodType<Target>) => z.strictObject({ target, name: z.string().trim().min(1).max(100), mapping });
