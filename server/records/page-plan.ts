import type { Knex } from 'knex';
import { isPostgres, toCount, type Conn } from '../db/connect.js';
import type { SortTerm } from './query.js';

/**
 * What keeps a list page fast on a big table (npm run bench: 1,000,000
 * clients, see docs/performance.md).
 *
 * Counting: COUNT(*) costs time in proportion to the matching rows, and
 * when the filter columns are not all in one index, every candidate row is
 * read (a city filter on a million clients: 100,000 rows, 200 ms). The
 * total is exact up to COUNT_LIMIT; past it the count stops and the list
 * says totalExact: false ("1,000+"), the way big CRMs show long lists.
 *
 * Ordering: SQLite picks an index for the WHERE clause whenever one
 * exists, then sorts every matching row to return 50, and does not weigh
 * the LIMIT (category = 3 ORDER BY name: 88,000 rows sorted, 200 ms). When
 * many rows match, reading the table in the requested order through an
 * index and stopping after the page is far cheaper (5 ms), unless the
 * matches all sit far down that order (Moscow clients after every Latin
 * name). So, when more than COUNT_LIMIT rows match, the page is first
 * looked for among the first ORDERED_WINDOW rows in order; only if it is
 * not complete there does the usual plan run. PostgreSQL's planner weighs
 * the LIMIT itself, so this is SQLite only.
 */
export const COUNT_LIMIT = 1000;
export const ORDERED_WINDOW = 5000;

export interface Count {
  total: number;
  totalExact: boolean;
}

/** COUNT(*) of the query's rows, stopping after COUNT_LIMIT + 1. */
export async function countUpTo(conn: Conn, base: Knex.QueryBuilder, limit = COUNT_LIMIT): Promise<Count> {
  const matching = base.clone().clearSelect().clearOrder().select(conn.raw('1')).limit(limit + 1).as('matching');
  const row = (await conn.count({ n: '*' }).from(matching).first()) as Record<string, unknown> | undefined;
  const n = toCount(row);
  return n > limit ? { total: limit, totalExact: false } : { total: n, totalExact: true };
}

interface IndexInfo {
  name: string;
  columns: string[];
}

interface TableInfo {
  indexes: IndexInfo[];
  notNull: Set<string>;
}

/** Index layouts per table; custom fields add indexes, so it is keyed by the field generation. */
const cache = new WeakMap<object, { generation: number; tables: Map<string, TableInfo> }>();

async function tableInfo(conn: Conn, table: string, generation: number): Promise<TableInfo> {
  const key = conn.client as object;
  let entry = cache.get(key);
  if (!entry || entry.generation !== generation) {
    entry = { generation, tables: new Map() };
    cache.set(key, entry);
  }
  const known = entry.tables.get(table);
  if (known) return known;
  // Identifiers come from entity definitions, never from a request.
  const columns = (await conn.raw('SELECT name, "notnull" AS nn FROM pragma_table_info(?)', [table])) as { name: string; nn: number }[];
  const list = (await conn.raw('SELECT name, partial FROM pragma_index_list(?)', [table])) as { name: string; partial: number }[];
  const indexes: IndexInfo[] = [];
  for (const index of list) {
    if (index.partial) continue;
    const cols = (await conn.raw('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [index.name])) as { name: string | null }[];
    if (cols.every((c) => c.name)) indexes.push({ name: index.name, columns: cols.map((c) => c.name!) });
  }
  const info = { indexes, notNull: new Set(columns.filter((c) => c.nn).map((c) => c.name)) };
  entry.tables.set(table, info);
  return info;
}

interface WhereStatement {
  grouping?: string;
  type?: string;
  column?: unknown;
  operator?: string;
  not?: boolean;
  bool?: string;
}

/**
 * Columns the query compares with = at its top level: equality filters and
 * the 'own' scope (manager_id = me), read from the query builder, so an
 * index starting with them is preferred. Anything else is simply not used.
 */
function equalityColumns(query: Knex.QueryBuilder, table: string): Map<string, unknown> {
  const statements = ((query as unknown as { _statements?: (WhereStatement & { value?: unknown })[] })._statements ?? []);
  const out = new Map<string, unknown>();
  for (const s of statements) {
    if (s.grouping !== 'where' || s.type !== 'whereBasic' || s.operator !== '=' || s.not || s.bool !== 'and' || typeof s.column !== 'string') continue;
    const [owner, column] = s.column.includes('.') ? s.column.split('.') : [table, s.column];
    if (owner === table && column && ['string', 'number'].includes(typeof s.value)) out.set(column, s.value);
  }
  return out;
}

/**
 * The SQLite index to read a page through when many rows match: one whose
 * columns are some of the equality filters, then the first sort column, so
 * rows come out in order. Null when the sort cannot come from an index
 * (a computed sort, or ascending with empty values last on a column that
 * may be empty, which SQLite indexes keep first).
 */
async function orderedIndex(
  conn: Conn,
  table: string,
  sort: SortTerm[],
  query: Knex.QueryBuilder,
  generation: number,
): Promise<{ name: string; prefix: [string, unknown][] } | null> {
  if (isPostgres(conn)) return null;
  const first = sort[0];
  const column = first?.field?.column;
  if (!first || !column) return null;
  const info = await tableInfo(conn, table, generation);
  if (!first.desc && !info.notNull.has(column) && column !== 'id') return null;
  const equal = equalityColumns(query, table);
  let best: IndexInfo | null = null;
  for (const index of info.indexes) {
    const at = index.columns.indexOf(column);
    if (at < 0 || !index.columns.slice(0, at).every((c) => equal.has(c))) continue;
    if (!best || at > best.columns.indexOf(column)) best = index;
  }
  if (!best) return null;
  const prefix = best.columns.slice(0, best.columns.indexOf(column)).map((c): [string, unknown] => [c, equal.get(c)]);
  return { name: best.name, prefix };
}

export interface WindowedPage {
  conn: Conn;
  table: string;
  sort: SortTerm[];
  limit: number;
  offset: number;
  generation: number;
  /** The list's query: scope, filters and search. */
  base: Knex.QueryBuilder;
  /** The table limited to the actor's scope only. */
  scoped(): Knex.QueryBuilder;
  /** Adds the list's filters and search to a query over `table`. */
  restrict(qb: Knex.QueryBuilder): void;
  /** Adds the list's ORDER BY. */
  order(qb: Knex.QueryBuilder): void;
}

/**
 * The page read from the first ORDERED_WINDOW rows of the scope in sort
 * order (through an index, with the index's leading equality filters), or
 * null when the page is not complete there. Correct whenever it answers:
 * any match past the window sorts after every row inside it.
 */
export async function windowedPage(p: WindowedPage): Promise<Record<string, unknown>[] | null> {
  const index = await orderedIndex(p.conn, p.table, p.sort, p.base, p.generation);
  if (!index) return null;
  const window = p.scoped().from(p.conn.raw('?? INDEXED BY ??', [p.table, index.name])).select(`${p.table}.*`).limit(ORDERED_WINDOW);
  for (const [column, value] of index.prefix) window.where(`${p.table}.${column}`, value as Knex.Value);
  p.order(window);
  const page = p.conn.from(window.as(p.table));
  p.restrict(page);
  page.select(`${p.table}.*`).limit(p.limit).offset(p.offset);
  p.order(page);
  const rows = (await page) as Record<string, unknown>[];
  return rows.length === p.limit ? rows : null;
}
