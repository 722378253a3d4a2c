import type { Knex } from 'knex';

/**
 * Word print forms and the documents issued from them.
 * - templates: one row per form (name, record type, the default flag);
 * - template_versions: every uploaded .docx, kept so a form can be rolled
 *   back and an issued document names the exact version it came from;
 * - template_shipments: the shipped forms already loaded;
 * - documents: the archive of issued documents, with the file and the data
 *   it was filled with, so what was sent can be shown after the template
 *   or the record changed. No foreign key to templates: a deleted template
 *   leaves its documents in the archive.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('templates', (t) => {
    t.increments('id').primary();
    t.string('name', 100).notNullable().unique();
    t.string('title', 200).notNullable();
    t.string('record_type', 20).notNullable();
    t.string('locale', 10).notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.boolean('shipped').notNullable().defaultTo(false);
    t.integer('current_version').notNullable();
    t.integer('version').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['record_type', 'is_default']);
  });
  await knex.schema.createTable('template_versions', (t) => {
    t.increments('id').primary();
    t.integer('template_id').notNullable().references('id').inTable('templates').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('comment', 500);
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.binary('content').notNullable();
    t.unique(['template_id', 'number']);
  });
  // Which shipped forms were loaded once, so a form the user deleted is
  // not brought back on the next start.
  await knex.schema.createTable('template_shipments', (t) => {
    t.string('name', 100).primary();
    t.timestamp('loaded_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('documents', (t) => {
    t.increments('id').primary();
    t.string('record_type', 20).notNullable();
    t.integer('record_id').notNullable();
    t.integer('template_id');
    t.string('template_name', 100).notNullable();
    t.integer('template_version').notNullable();
    t.string('format', 10).notNullable();
    t.string('file_name', 255).notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.text('data').notNullable();
    t.binary('content').notNullable();
    t.index(['record_type', 'record_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
  await knex.schema.dropTable('template_shipments');
  await knex.schema.dropTable('template_versions');
  await knex.schema.dropTable('templates');
}
