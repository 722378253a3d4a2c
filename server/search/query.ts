import type { Knex } from 'knex';
import { seesAll, type Actor } from '../access/rights.js';
import { isPostgres, type Conn } from '../db/connect.js';
import type { SearchEntity } from './entries.js';
import { digitQuery, words } from './tokens.js';

/**
 * Turns what a user typed into an index query. Every word must match as a
 * prefix ("iva petr" finds "Ivan Petrov"); a query of digits and phone
 * punctuation is one number, matched whole or by its last 10 digits.
 * Words come from tokens.ts, which keeps only letters and digits, so
 * nothing a user types becomes query syntax.
 */
export interface ParsedQuery {
  /** Groups that must all match; a group matches if any alternative does. */
  groups: string[][];
}

export function parseQuery(q: string): ParsedQuery | null {
  const digits = digitQuery(q.trim());
  if (digits) {
    const alternatives = new Set([digits]);
    if (digits.length > 10) alternatives.add(digits.slice(-10));
    return { groups: [[...alternatives]] };
  }
  const terms = [...new Set(words(q))].slice(0, 8);
  if (!terms.length) return null;
  return { groups: terms.map((t) => [t]) };
}

/** SQLite FTS5 MATCH expression, restricted to the text columns (and owner). */
export function ftsMatch(parsed: ParsedQuery, ownerId: number | null): string {
  const groups = parsed.groups.map((alts) => `(${alts.map((t) => `"${t}"*`).join(' OR ')})`).join(' AND ');
  const text = `{name_terms terms} : (${groups})`;
  return ownerId === null ? text : `${text} AND owner_key : "u${ownerId}"`;
}

/** PostgreSQL tsquery text for to_tsquery('simple', …). */
export function tsQuery(parsed: ParsedQuery): string {
  return parsed.groups.map((alts) => `(${alts.map((t) => `${t}:*`).join(' | ')})`).join(' & ');
}

export interface SearchHit {
  entity: SearchEntity;
  id: number;
  title: string;
  subtitle: string;
  score: number;
}

/** Ranked matches across entities, limited to the actor's scope. */
export async function searchIndex(
  conn: Conn,
  actor: Actor,
  q: string,
  options: { entities: SearchEntity[]; limit: number },
): Promise<SearchHit[]> {
  const parsed = parseQuery(q);
  if (!parsed) return [];
  const owner = seesAll(actor) ? null : actor.id;
  let rows: { entity: SearchEntity; record_id: number; title: string; subtitle: string; score: number }[];
  if (isPostgres(conn)) {
    const qb = conn('search_entries')
      .select('entity', 'record_id', 'title', 'subtitle', conn.raw(`ts_rank(tsv, to_tsquery('simple', ?)) AS score`, [tsQuery(parsed)]))
      .whereRaw(`tsv @@ to_tsquery('simple', ?)`, [tsQuery(parsed)])
      .whereIn('entity', options.entities)
      .orderBy([{ column: 'score', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(options.limit);
    if (owner !== null) qb.where('owner_id', owner);
    rows = await qb;
  } else {
    rows = await conn
      .select('e.entity', 'e.record_id', 'e.title', 'e.subtitle', conn.raw('-bm25(search_fts, 10.0, 1.0, 0.0) AS score'))
      .from('search_fts')
      .join('search_entries as e', 'e.id', 'search_fts.rowid')
      .whereRaw('search_fts MATCH ?', [ftsMatch(parsed, owner)])
      .whereIn('e.entity', options.entities)
      .orderByRaw('bm25(search_fts, 10.0, 1.0, 0.0), e.id DESC')
      .limit(options.limit);
  }
  return rows.map((r) => ({ entity: r.entity, id: Number(r.record_id), title: r.title, subtitle: r.subtitle, score: Number(r.score) }));
}

/** Restricts a list query on `table` to records of `entity` matching q. */
export function whereMatches(qb: Knex.QueryBuilder, conn: Conn, table: string, entity: SearchEntity, q: string, actor: Actor): void {
  const parsed = parseQuery(q);
  if (!parsed) {
    qb.whereRaw('1 = 0');
    return;
  }
  const owner = seesAll(actor) ? null : actor.id;
  if (isPostgres(conn)) {
    qb.whereIn(
      `${table}.id`,
      conn('search_entries').select('record_id').where({ entity }).whereRaw(`tsv @@ to_tsquery('simple', ?)`, [tsQuery(parsed)]),
    );
  } else {
    qb.whereIn(
      `${table}.id`,
      conn('search_entries')
        .select('record_id')
        .where({ entity })
        .whereIn('id', conn('search_fts').select('rowid').whereRaw('search_fts MATCH ?', [ftsMatch(parsed, owner)])),
    );
  }
}
