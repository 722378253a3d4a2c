import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  // Field metadata: one row per field of every entity, built-in or custom.
  await knex.schema.createTable('fields', (t) => {
    recordColumns(t);
    t.string('entity', 40).notNullable();
    t.string('key', 60).notNullable();
    t.string('label', 200).notNullable();
    t.string('type', 20).notNullable();
    t.text('options').notNullable().defaultTo('{}');
    t.boolean('required').notNullable().defaultTo(false);
    t.integer('position').notNullable().defaultTo(0);
    t.boolean('hidden').notNullable().defaultTo(false);
    t.boolean('archived').notNullable().defaultTo(false);
    t.boolean('custom').notNullable().defaultTo(false);
    // For custom fields: the generated column (cf_<id>); never user text.
    t.string('column_name', 60);
    t.unique(['entity', 'key']);
  });
  // Small key/value settings, e.g. the field metadata generation counter that
  // tells every app instance sharing the database to reload its field cache.
  await knex.schema.createTable('meta', (t) => {
    t.string('key', 100).primary();
    t.text('value').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('meta');
  await knex.schema.dropTable('fields');
}
