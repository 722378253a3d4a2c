import type { Conn, Db } from '../db/connect.js';
import type { EntityDef } from '../records/entity.js';
import { toBool } from './codec.js';
import { snakeCase, type BuiltinField, type EntityName, type FieldDef, type FieldOptions } from './types.js';

const GENERATION_KEY = 'fields_generation';

/** Fields every record has, maintained by the record layer. */
const systemFields: BuiltinField[] = [
  { key: 'id', label: 'ID', type: 'number', readOnly: true },
  { key: 'version', label: 'Version', type: 'number', readOnly: true, hidden: true },
  { key: 'createdAt', label: 'Created', type: 'datetime', readOnly: true, hidden: true },
  { key: 'updatedAt', label: 'Updated', type: 'datetime', readOnly: true, hidden: true },
];

/** A row of the `fields` table as the drivers answer it. */
export interface FieldRow {
  id: number;
  version: number;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: string;
  required: unknown;
  position: number;
  hidden: unknown;
  archived: unknown;
  custom: unknown;
  column_name: string | null;
}

/**
 * The field metadata of all entities, cached per process. Every API request
 * compares a generation counter in the database with the cached one, so an
 * app instance sees a field another instance added or removed at once.
 */
export class FieldStore {
  private generation = -1;
  private byEntity = new Map<EntityName, FieldDef[]>();
  private readonly builtins: Map<EntityName, Map<string, BuiltinField>>;

  constructor(private readonly entities: EntityDef[]) {
    this.builtins = new Map(
      entities.map((e) => [e.name, new Map([...systemFields, ...e.fields].map((f) => [f.key, f]))]),
    );
  }

  entity(name: EntityName): EntityDef {
    const def = this.entities.find((e) => e.name === name);
    if (!def) throw new Error(`unknown entity ${name}`);
    return def;
  }

  /** All fields of an entity in display order, archived ones included. */
  all(entity: EntityName): FieldDef[] {
    return this.byEntity.get(entity) ?? [];
  }

  /** Fields that take part in reads and writes (not archived). */
  active(entity: EntityName): FieldDef[] {
    return this.all(entity).filter((f) => !f.archived);
  }

  find(entity: EntityName, key: string): FieldDef | undefined {
    return this.all(entity).find((f) => f.key === key);
  }

  get currentGeneration(): number {
    return this.generation;
  }

  async refreshIfStale(conn: Conn): Promise<void> {
    const row = (await conn('meta').where({ key: GENERATION_KEY }).first('value')) as { value: string } | undefined;
    const generation = Number(row?.value ?? 0);
    if (generation !== this.generation) await this.load(conn, generation);
  }

  async load(conn: Conn, generation?: number): Promise<void> {
    const rows = (await conn('fields').select('*').orderBy([{ column: 'entity' }, { column: 'position' }, { column: 'id' }])) as FieldRow[];
    const next = new Map<EntityName, FieldDef[]>();
    for (const row of rows) {
      const entity = row.entity as EntityName;
      const custom = toBool(row.custom);
      const builtin = this.builtins.get(entity)?.get(row.key);
      if (!custom && !builtin) continue; // a built-in field this version of Kontora no longer has
      const def: FieldDef = {
        id: row.id,
        version: row.version,
        entity,
        key: row.key,
        label: row.label,
        type: (builtin?.type ?? row.type) as FieldDef['type'],
        options: builtin?.options ?? (JSON.parse(row.options) as FieldOptions),
        required: builtin ? Boolean(builtin.required) : toBool(row.required),
        position: row.position,
        hidden: toBool(row.hidden),
        archived: custom ? toBool(row.archived) : false,
        custom,
        column: custom ? row.column_name : builtin!.column === null ? null : (builtin!.column ?? snakeCase(builtin!.key)),
        readOnly: builtin ? Boolean(builtin.readOnly) : false,
      };
      const list = next.get(entity) ?? [];
      list.push(def);
      next.set(entity, list);
    }
    this.byEntity = next;
    if (generation !== undefined) this.generation = generation;
    else {
      const row = (await conn('meta').where({ key: GENERATION_KEY }).first('value')) as { value: string } | undefined;
      this.generation = Number(row?.value ?? 0);
    }
  }

  /**
   * Makes the metadata rows of built-in fields match the code: adds new
   * fields, drops removed ones, and keeps what users changed (label,
   * position, hidden). Safe to run on every start and from several instances.
   */
  async syncBuiltins(db: Db, now: Date): Promise<void> {
    await db.transaction(async (trx) => {
      const existing = (await trx('fields').where({ custom: false }).select('id', 'entity', 'key', 'type')) as Pick<FieldRow, 'id' | 'entity' | 'key' | 'type'>[];
      const seen = new Set(existing.map((r) => `${r.entity}.${r.key}`));
      let changed = false;
      for (const entity of this.entities) {
        const fields = [...systemFields, ...entity.fields];
        const rows = fields
          .map((f, i) => ({ f, i }))
          .filter(({ f }) => !seen.has(`${entity.name}.${f.key}`))
          .map(({ f, i }) => ({
            entity: entity.name, key: f.key, label: f.label, type: f.type, options: JSON.stringify(f.options ?? {}),
            required: Boolean(f.required), position: (i + 1) * 10, hidden: Boolean(f.hidden), archived: false,
            custom: false, column_name: null, version: 1, created_at: now.toISOString(), updated_at: now.toISOString(),
          }));
        if (rows.length) {
          await trx('fields').insert(rows).onConflict(['entity', 'key']).ignore();
          changed = true;
        }
        const keys = new Set(fields.map((f) => f.key));
        const gone = existing.filter((r) => r.entity === entity.name && !keys.has(r.key)).map((r) => r.id);
        if (gone.length) {
          await trx('fields').whereIn('id', gone).delete();
          changed = true;
        }
        for (const row of existing.filter((r) => r.entity === entity.name)) {
          const code = fields.find((f) => f.key === row.key);
          if (code && code.type !== row.type) {
            await trx('fields').where({ id: row.id }).update({ type: code.type });
            changed = true;
          }
        }
      }
      if (changed) await bumpGeneration(trx);
    });
    await this.load(db);
  }
}

export async function bumpGeneration(conn: Conn): Promise<void> {
  const updated = await conn('meta').where({ key: GENERATION_KEY }).update({ value: conn.raw(`CAST(CAST(value AS INTEGER) + 1 AS TEXT)`) });
  if (!updated) await conn('meta').insert({ key: GENERATION_KEY, value: '1' }).onConflict('key').ignore();
}
