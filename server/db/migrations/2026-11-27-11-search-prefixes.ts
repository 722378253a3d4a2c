import type { Knex } from 'knex';

/**
 * Word beginnings of 2 to 6 letters indexed on both databases, so quick
 * search (every word typed is a prefix) reads one index entry per word.
 * Measured with npm run bench at 1,000,000 clients (docs/performance.md).
 *
 * SQLite: FTS5 had prefix indexes for 2–4 letters. A longer prefix makes
 * it merge the document lists of every word with that beginning before it
 * can use any ("hello", "москва": 10–20 ms, 1–3 ms with their own prefix
 * index). FTS5 cannot change prefix indexes in place: the table is made
 * again and rebuilt from search_entries (its triggers refer to it by name
 * and keep working).
 *
 * PostgreSQL: a GIN prefix match ('london:*') collects every posting of
 * every matching word before it can intersect them: 50–100 ms for common
 * words, against 2 ms for whole words. ptsv holds each word's beginnings
 * as whole lexemes, so 'lond' is an exact lookup there; search/query.ts
 * rechecks longer prefixes against tsv on the few rows found. The GIN
 * index has owner_id first (btree_gin, a contrib extension), so a manager
 * with scope "own" searches their part of the index directly instead of
 * intersecting a common word with their hundreds of thousands of entries
 * (90 ms → 15 ms); without owner_id it serves every other search too.
 */
const FTS = (prefixes: string) => `
  CREATE VIRTUAL TABLE search_fts USING fts5(
    name_terms, terms, owner_key,
    content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '${prefixes}'
  )`;

async function remakeFts(knex: Knex, prefixes: string): Promise<void> {
  await knex.raw('DROP TABLE search_fts');
  await knex.raw(FTS(prefixes));
  await knex.raw(`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`);
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') {
    await remakeFts(knex, '2 3 4 5 6');
    return;
  }
  // The beginnings (2–6 letters) of the space-separated words of a text.
  await knex.raw(`
    CREATE FUNCTION kontora_word_prefixes(words text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(string_agg(DISTINCT substr(w, 1, n), ' '), '')
      FROM regexp_split_to_table(words, ' ') AS w, generate_series(2, 6) AS n
      WHERE length(w) >= n
    $$`);
  await knex.raw(`
    ALTER TABLE search_entries ADD COLUMN ptsv tsvector GENERATED ALWAYS AS (
      to_tsvector('simple', kontora_word_prefixes(name_terms || ' ' || terms))
    ) STORED`);
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gin');
  await knex.raw('CREATE INDEX search_entries_owner_ptsv ON search_entries USING gin (owner_id, ptsv)');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') {
    await remakeFts(knex, '2 3 4');
    return;
  }
  // Dropping the column drops its index; btree_gin may serve others, so it stays.
  await knex.raw('ALTER TABLE search_entries DROP COLUMN ptsv');
  await knex.raw('DROP FUNCTION kontora_word_prefixes(text)');
}
