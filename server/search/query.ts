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

function parseQuery(q: string): ParsedQuery | null {
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

/**
 * SQLite FTS5 MATCH expression, restricted to the text columns (and owner).
 * `exact` matches whole words only (no prefix), for the second candidate set.
 */
export function ftsMatch(parsed: ParsedQuery, ownerId: number | null, exact = false): string {
  const star = exact ? '' : '*';
  const groups = parsed.groups.map((alts) => `(${alts.map((t) => `"${t}"${star}`).join(' OR ')})`).join(' AND ');
  const text = `{name_terms terms} : (${groups})`;
  return ownerId === null ? text : `${text} AND owner_key : "u${ownerId}"`;
}

/** PostgreSQL tsquery text for to_tsquery('simple', …); `exact` as in ftsMatch. */
export function tsQuery(parsed: ParsedQuery, exact = false): string {
  const star = exact ? '' : ':*';
  return parsed.groups.map((alts) => `(${alts.map((t) => `${t}${star}`).join(' | ')})`).join(' & ');
}

/** Longest word beginning indexed whole (FTS5 prefix option, PostgreSQL ptsv). */
const LONGEST_INDEXED_PREFIX = 6;

/**
 * PostgreSQL condition on search_entries for a parsed query. Each word's
 * beginning (up to 6 letters) is looked up whole in ptsv, the GIN index's
 * fast path. When a word is longer or a single letter, or whole words of
 * one owner's entries are asked for, the query on tsv rechecks the rows found,
 * through ts_match_vq, which no index serves (so the planner cannot fall
 * back to a slow GIN prefix scan).
 */
function pgCondition(parsed: ParsedQuery, alias: string, exact = false, owned = false): { sql: string; bindings: string[] } {
  // Whole words of everyone's entries: tsv's own GIN index answers at once.
  if (exact && !owned) return { sql: `${alias}.tsv @@ to_tsquery('simple', ?)`, bindings: [tsQuery(parsed, true)] };
  // Lengths in characters (code points), as kontora_word_prefixes counts
  // them: "𠀀" is one character, though two UTF-16 units in JavaScript.
  const length = (t: string) => [...t].length;
  const indexed = parsed.groups.filter((alts) => alts.every((t) => length(t) >= 2));
  const needsRecheck = exact || parsed.groups.some((alts) => alts.some((t) => length(t) < 2 || length(t) > LONGEST_INDEXED_PREFIX));
  if (!indexed.length) return { sql: `${alias}.tsv @@ to_tsquery('simple', ?)`, bindings: [tsQuery(parsed, exact)] };
  const beginning = (t: string) => [...t].slice(0, LONGEST_INDEXED_PREFIX).join('');
  const beginnings = indexed.map((alts) => `(${[...new Set(alts.map(beginning))].join(' | ')})`).join(' & ');
  const conditions = [`${alias}.ptsv @@ to_tsquery('simple', ?)`];
  const bindings = [beginnings];
  // A manager's whole words, too, are found through their beginnings (the
  // index with the owner first) and checked on the rows found.
  if (needsRecheck) {
    conditions.push(`ts_match_vq(${alias}.tsv, to_tsquery('simple', ?))`);
    bindings.push(tsQuery(parsed, exact));
  }
  return { sql: conditions.join(' AND '), bindings };
}

export interface SearchHit {
  entity: SearchEntity;
  id: number;
  title: string;
  subtitle: string;
  score: number;
}

/**
 * How many matches are ranked. Ranking every match of a frequent word
 * ("moscow", "hello") costs time in proportion to the matches (hundreds of
 * milliseconds at a million records), while the first matches in index
 * order come at once: FTS5 walks its rowids (entry ids) up, PostgreSQL
 * reads the heap in physical order, which is id order for rows never
 * updated. So the first CANDIDATES matches are ranked, together with the
 * first CANDIDATES whole-word matches, which keeps an exact hit ("Ivan")
 * among them when a prefix ("Ivanov…") is very common. A query with fewer
 * matches (nearly every real one) has all of them ranked, identically on
 * both databases.
 */
const CANDIDATES = 100;

interface EntryRow {
  id: number;
  entity: SearchEntity;
  record_id: number;
  title: string;
  subtitle: string;
  name_terms: string;
  terms: string;
}

const ALL_ENTITIES: SearchEntity[] = ['client', 'contact', 'contract', 'invoice'];

/** The first matching entries in index order, at most `limit`, on either database. */
async function candidates(conn: Conn, parsed: ParsedQuery, owner: number | null, entities: SearchEntity[], exact: boolean, limit: number): Promise<EntryRow[]> {
  const columns = ['e.id', 'e.entity', 'e.record_id', 'e.title', 'e.subtitle', 'e.name_terms', 'e.terms'];
  if (isPostgres(conn)) {
    // No ORDER BY: sorting would read every match; the heap order is id order.
    const match = pgCondition(parsed, 'e', exact, owner !== null);
    const qb = conn('search_entries as e').select(columns).whereRaw(match.sql, match.bindings).limit(limit);
    // Only when some kinds are left out, and not through the (entity,
    // record_id) index, which the planner would AND with the word lookup
    // at the cost of reading all two million entries of it.
    if (!ALL_ENTITIES.every((k) => entities.includes(k))) qb.whereRaw(`(e.entity || '') IN (${entities.map(() => '?').join(', ')})`, entities);
    // Served by the (owner_id, ptsv) GIN index together with the words.
    if (owner !== null) qb.where('e.owner_id', owner);
    return (await qb) as EntryRow[];
  }
  // FTS5 walks its rowids (the entry ids) up and stops at the limit.
  return (await conn
    .select(columns)
    .from('search_fts')
    .join('search_entries as e', 'e.id', 'search_fts.rowid')
    .whereRaw('search_fts MATCH ?', [ftsMatch(parsed, owner, exact)])
    .modify((qb) => {
      if (!ALL_ENTITIES.every((k) => entities.includes(k))) qb.whereIn('e.entity', entities);
    })
    .orderBy('search_fts.rowid', 'asc')
    .limit(limit)) as EntryRow[];
}

/**
 * Relevance of an entry, computed the same way for both databases from the
 * index's own words: per query word, its best match: a whole word counts
 * more than the beginning of one (more the more of it was typed), a name
 * twice as much as other text; shorter names win ties.
 */
function scoreEntry(parsed: ParsedQuery, nameTerms: string, terms: string): number {
  const names = nameTerms.split(' ');
  const others = terms.split(' ');
  let score = 0;
  for (const group of parsed.groups) {
    let best = 0;
    for (const alt of group) {
      for (const [tokens, weight] of [[names, 2], [others, 1]] as const) {
        for (const token of tokens) {
          if (!token.startsWith(alt)) continue;
          best = Math.max(best, weight * (token.length === alt.length ? 2 : 1 + alt.length / token.length));
        }
      }
    }
    score += best;
  }
  return Math.round((score - 0.01 * Math.min(names.length, 50)) * 1000) / 1000;
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
  let rows = await candidates(conn, parsed, owner, options.entities, false, CANDIDATES + 1);
  if (rows.length > CANDIDATES) {
    // Too many to rank them all: add the newest whole-word matches.
    const byId = new Map(rows.slice(0, CANDIDATES).map((r) => [Number(r.id), r]));
    for (const r of await candidates(conn, parsed, owner, options.entities, true, CANDIDATES)) byId.set(Number(r.id), r);
    rows = [...byId.values()];
  }
  return rows
    .map((r) => ({ row: r, score: scoreEntry(parsed, r.name_terms, r.terms) }))
    .sort((a, b) => b.score - a.score || Number(b.row.id) - Number(a.row.id))
    .slice(0, options.limit)
    .map(({ row, score }) => ({ entity: row.entity, id: Number(row.record_id), title: row.title, subtitle: row.subtitle, score }));
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
    const match = pgCondition(parsed, 'search_entries');
    const sub = conn('search_entries').select('record_id').where({ entity }).whereRaw(match.sql, match.bindings);
    // An entry's owner is its record's manager (through the client for
    // contacts, contracts and invoices), the same user own scope keeps, so
    // this only lets the (owner_id, ptsv) index find the user's entries.
    if (owner !== null) sub.where('owner_id', owner);
    qb.whereIn(`${table}.id`, sub);
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
