import type { Knex } from 'knex';

/**
 * The quick-search index: one entry per client, contact, contract and
 * invoice, with its words already normalised by search/tokens.ts so that
 * SQLite FTS5 and PostgreSQL tsvector see the same tokens.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('search_entries', (t) => {
    t.increments('id').primary();
    t.string('entity', 20).notNullable();
    t.integer('record_id').notNullable();
    t.integer('owner_id');
    t.string('owner_key', 20).notNullable(); // "u<id>": lets FTS5 filter by owner inside the index
    t.string('title', 500).notNullable();
    t.string('subtitle', 500).notNullable();
    t.text('name_terms').notNullable();
    t.text('terms').notNullable();
    t.unique(['entity', 'record_id']);
    t.index(['owner_id']);
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      ALTER TABLE search_entries ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', name_terms), 'A') || setweight(to_tsvector('simple', terms), 'B')
      ) STORED`);
    await knex.raw('CREATE INDEX search_entries_tsv ON search_entries USING gin (tsv)');
  } else {
    await knex.raw(`
      CREATE VIRTUAL TABLE search_fts USING fts5(
        name_terms, terms, owner_key,
        content = 'search_entries', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
      )`);
    await knex.raw(`
      CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
        INSERT INTO search_fts(rowid, name_terms, terms, owner_key) VALUES (new.id, new.name_terms, new.terms, new.owner_key);
      END`);
    await knex.raw(`
      CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_terms, terms, owner_key) VALUES ('delete', old.id, old.name_terms, old.terms, old.owner_key);
      END`);
    await knex.raw(`
      CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_terms, terms, owner_key) VALUES ('delete', old.id, old.name_terms, old.terms, old.owner_key);
        INSERT INTO search_fts(rowid, name_terms, terms, owner_key) VALUES (new.id, new.name_terms, new.terms, new.owner_key);
      END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') await knex.raw('DROP TABLE IF EXISTS search_fts');
  await knex.schema.dropTable('search_entries');
}
