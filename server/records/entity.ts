import type { Knex } from 'knex';
import type { Actor, Resource } from '../access/rights.js';
import type { BuiltinField, EntityName } from '../fields/types.js';
import type { Conn } from '../db/connect.js';

/** A filter that is not a plain column comparison (tags, derived statuses). */
export interface VirtualFilter {
  description: string;
  /** Operators accepted; the first is the default (`?key=value`). */
  ops: string[];
  /** The values accepted, when it is a fixed list. */
  values?: string[];
  apply(qb: Knex.QueryBuilder, op: string, value: string, ctx: { conn: Conn; today: string }): void;
}

/** A derived value a list can be sorted by (e.g. remaining amount). */
export interface VirtualSort {
  /** SQL expression over the entity's table; built from code, never input. */
  expression(table: string, ctx: { today: string }): string;
}

/**
 * One kind of record: its table, its built-in fields and how 'own' scope
 * limits it. Each domain folder declares its entity next to its routes.
 */
export interface EntityDef {
  name: EntityName;
  table: string;
  /** REST resource path segment, e.g. "client-categories". */
  path: string;
  label: string;
  labelPlural: string;
  resource: Resource;
  fields: BuiltinField[];
  /** Limits a query on `table` to rows an 'own'-scope actor may see. */
  ownScope?: (qb: Knex.QueryBuilder, actor: Actor) => void;
  filters?: Record<string, VirtualFilter>;
  sorts?: Record<string, VirtualSort>;
  /** Default list order. */
  defaultSort: string;
}
