import type { Knex } from 'knex';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { encode } from '../fields/codec.js';
import { isSortable, textualTypes, type FieldDef, type FieldType } from '../fields/types.js';
import { valueSchema } from '../fields/validation.js';
import { isPostgres, likeEscape, type Conn } from '../db/connect.js';
import type { EntityDef, VirtualFilter } from './entity.js';

/**
 * List queries: `?limit=&offset=`, `?sort=-createdAt,name`, `?q=` and one
 * parameter per filter: `?city=Paris`, `?createdAt[gte]=2026-01-01`,
 * `?category[in]=1,2`, `?email[contains]=acme`, `?phone[empty]=true`.
 * Every field key and operator is checked against the field metadata, and
 * columns come from the metadata, never from the query string.
 */

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 50;

const COMPARE = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty'];
const OPS_BY_TYPE: Partial<Record<FieldType, string[]>> = {
  text: ['eq', 'ne', 'contains', 'startsWith', 'in', 'empty'],
  long_text: ['contains', 'empty'],
  email: ['eq', 'contains', 'startsWith', 'empty'],
  phone: ['eq', 'contains', 'empty'],
  url: ['eq', 'contains', 'empty'],
  number: COMPARE.concat('in'),
  money: COMPARE,
  date: COMPARE,
  datetime: COMPARE,
  boolean: ['eq'],
  one_of: ['eq', 'ne', 'in', 'empty'],
  many_of: ['has', 'empty'],
  link: ['eq', 'ne', 'in', 'empty'],
};

export type Filter =
  | { kind: 'field'; field: FieldDef; op: string; value: unknown }
  | { kind: 'virtual'; key: string; filter: VirtualFilter; op: string; value: string };

export interface SortTerm {
  key: string;
  desc: boolean;
  /** A column of the entity's table, or a virtual sort. */
  field?: FieldDef;
  virtual?: string;
}

export interface ListParams {
  limit: number;
  offset: number;
  sort: SortTerm[];
  filters: Filter[];
  q: string | undefined;
}

const PARAM = /^([a-zA-Z][a-zA-Z0-9]*)(?:\[([a-zA-Z]+)\])?$/;

export function parseListParams(
  query: Record<string, unknown>,
  entity: EntityDef,
  fields: FieldDef[],
  options: { extraParams?: string[] } = {},
): ListParams {
  const problems: ErrorDetail[] = [];
  const bad = (field: string, message: string, code = 'invalid_value') => problems.push({ field, code, message });
  const single = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      bad(name, 'Give this parameter once.', 'repeated');
      return undefined;
    }
    return v;
  };

  const limitText = single('limit');
  const offsetText = single('offset');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  const offset = offsetText === undefined ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) bad('limit', `Use a whole number from 1 to ${MAX_LIMIT}.`);
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000_000) bad('offset', 'Use a whole number of 0 or more.');

  const q = single('q')?.trim() || undefined;
  if (q && q.length > 200) bad('q', 'The search text is too long (200 characters at most).');

  const byKey = new Map(fields.filter((f) => !f.archived).map((f) => [f.key, f]));
  const sort: SortTerm[] = [];
  const sortText = single('sort') ?? entity.defaultSort;
  for (const raw of sortText.split(',').map((s) => s.trim()).filter(Boolean)) {
    const desc = raw.startsWith('-');
    const key = desc ? raw.slice(1) : raw;
    const field = byKey.get(key);
    if (field && isSortable(field)) sort.push({ key, desc, field });
    else if (entity.sorts?.[key]) sort.push({ key, desc, virtual: key });
    else bad('sort', `Cannot sort by "${key}".`);
  }

  const filters: Filter[] = [];
  const reserved = new Set(['limit', 'offset', 'sort', 'q', ...(options.extraParams ?? [])]);
  for (const [name, raw] of Object.entries(query)) {
    if (reserved.has(name)) continue;
    const m = PARAM.exec(name);
    const key = m?.[1];
    if (!m || !key) {
      bad(name, `"${name.slice(0, 60)}" is not a filter; use field or field[operator].`, 'unknown_filter');
      continue;
    }
    if (typeof raw !== 'string') {
      bad(name, 'Give each filter once.', 'repeated');
      continue;
    }
    const virtual = entity.filters?.[key];
    const field = byKey.get(key);
    if (virtual) {
      const op = m[2] ?? virtual.ops[0]!;
      if (!virtual.ops.includes(op)) bad(name, `Operator "${op}" is not available for ${key}; use ${virtual.ops.join(', ')}.`, 'invalid_operator');
      else if (virtual.values && !virtual.values.includes(raw)) bad(name, `Use one of: ${virtual.values.join(', ')}.`);
      else filters.push({ kind: 'virtual', key, filter: virtual, op, value: raw });
      continue;
    }
    if (!field || field.column === null) {
      bad(name, `There is no filter "${key.slice(0, 60)}".`, 'unknown_filter');
      continue;
    }
    const ops = OPS_BY_TYPE[field.type] ?? [];
    const op = m[2] ?? (field.type === 'many_of' ? 'has' : 'eq');
    if (!ops.includes(op)) {
      bad(name, `Operator "${op}" is not available for ${key}; use ${ops.join(', ')}.`, 'invalid_operator');
      continue;
    }
    const parsed = parseFilterValue(field, op, raw);
    if ('error' in parsed) bad(name, parsed.error);
    else filters.push({ kind: 'field', field, op, value: parsed.value });
  }

  if (problems.length) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: problems });
  return { limit, offset, sort, filters, q };
}

function parseFilterValue(field: FieldDef, op: string, raw: string): { value: unknown } | { error: string } {
  if (op === 'empty') {
    if (raw !== 'true' && raw !== 'false') return { error: 'Use true or false.' };
    return { value: raw === 'true' };
  }
  if (op === 'contains' || op === 'startsWith') {
    if (!raw.length || raw.length > 200) return { error: 'Give 1 to 200 characters.' };
    return { value: raw };
  }
  const one = (text: string): { value: unknown } | { error: string } => {
    let input: unknown = text;
    if (field.type === 'boolean') {
      if (text !== 'true' && text !== 'false') return { error: 'Use true or false.' };
      input = text === 'true';
    } else if (field.type === 'link' || (field.type === 'number' && field.key === 'id')) {
      input = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    } else if (field.type === 'many_of') {
      const keys = (field.options.choices ?? []).map((c) => c.key);
      return keys.includes(text) ? { value: text } : { error: `Choose one of: ${keys.join(', ')}.` };
    } else if (textualTypes.has(field.type) || field.type === 'one_of') {
      return text.length > 500 ? { error: 'The value is too long.' } : field.type === 'one_of' ? checkChoice(field, text) : { value: text };
    }
    const result = valueSchema(field).safeParse(input);
    if (!result.success) return { error: result.error.issues[0]?.message ?? 'Invalid value.' };
    return { value: field.type === 'datetime' ? new Date(text).toISOString() : encode(field, result.data) };
  };
  if (op === 'in') {
    const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (!parts.length || parts.length > 100) return { error: 'Give 1 to 100 comma-separated values.' };
    const values: unknown[] = [];
    for (const part of parts) {
      const r = one(part);
      if ('error' in r) return r;
      values.push(r.value);
    }
    return { value: values };
  }
  return one(raw);
}

function checkChoice(field: FieldDef, text: string): { value: unknown } | { error: string } {
  const keys = (field.options.choices ?? []).map((c) => c.key);
  return keys.includes(text) ? { value: text } : { error: `Choose one of: ${keys.join(', ')}.` };
}

const SQL_OPS: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function applyFilters(qb: Knex.QueryBuilder, conn: Conn, table: string, filters: Filter[], today: string): void {
  const pg = isPostgres(conn);
  for (const filter of filters) {
    if (filter.kind === 'virtual') {
      filter.filter.apply(qb, filter.op, filter.value, { conn, today });
      continue;
    }
    const col = `${table}.${filter.field.column}`;
    const { op, value } = filter;
    if (op === 'empty') {
      if (textualTypes.has(filter.field.type)) {
        if (value) qb.where((w) => w.whereNull(col).orWhere(col, ''));
        else qb.whereNotNull(col).andWhere(col, '<>', '');
      } else if (value) qb.whereNull(col);
      else qb.whereNotNull(col);
    } else if (op === 'contains' || op === 'startsWith') {
      const pattern = (op === 'contains' ? '%' : '') + likeEscape(String(value)) + '%';
      qb.whereRaw(`?? ${pg ? 'ILIKE' : 'LIKE'} ? ESCAPE '\\'`, [col, pattern]);
    } else if (op === 'in') {
      qb.whereIn(col, value as Knex.Value[]);
    } else if (op === 'has') {
      // many_of values are JSON arrays of choice keys; the key is checked
      // against the field's choices, and quoting makes it match whole items.
      qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [col, '%' + likeEscape(JSON.stringify(value)) + '%']);
    } else if (op === 'ne') {
      qb.where((w) => w.whereNot(col, value as Knex.Value).orWhereNull(col));
    } else {
      qb.where(col, SQL_OPS[op]!, value as Knex.Value);
    }
  }
}

export function applySort(qb: Knex.QueryBuilder, entity: EntityDef, sort: SortTerm[], today: string): void {
  for (const term of sort) {
    if (term.field) {
      // Empty values go last in both databases (they disagree by default);
      // NOT NULL columns skip the clause so SQLite can sort by an index.
      const nullable = !term.field.required && !term.field.readOnly;
      // Written out because knex 3.3 compiles orderBy(col, dir, 'last') on
      // SQLite to "(col is null) dir" alone, dropping the column itself;
      // SQLite (3.30+) and PostgreSQL both accept NULLS LAST.
      qb.orderByRaw(`?? ${term.desc ? 'DESC' : 'ASC'}${nullable ? ' NULLS LAST' : ''}`, [`${entity.table}.${term.field.column}`]);
    }
    else if (term.virtual) qb.orderByRaw(`${entity.sorts![term.virtual]!.expression(entity.table, { today })} ${term.desc ? 'DESC' : 'ASC'}`);
  }
  if (!sort.some((t) => t.key === 'id')) qb.orderBy(`${entity.table}.id`, sort.at(-1)?.desc ? 'desc' : 'asc');
}
