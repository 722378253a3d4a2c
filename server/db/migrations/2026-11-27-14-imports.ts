import type { Knex } from 'knex';

/**
 * Import jobs (server/imports/):
 * - import_jobs: one uploaded file (kept in the data folder) and what is
 *   being done with it: target, options (sheet, header row, mapping,
 *   duplicate policy), status, counts and the row cursor. The cursor is
 *   written in the same transaction as each chunk of records, so a server
 *   killed mid-import resumes exactly after the last committed chunk;
 * - import_rows: what happened to each data row that did not simply pass
 *   (failed, skipped, held for review) and every record the import created
 *   or updated, with the state before an update and the version after, for
 *   undo and the error report;
 * - import_mappings: saved column mappings, reusable by name per target.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('import_jobs', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable();
    t.string('target', 20).notNullable();
    t.string('status', 20).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('stored_name', 100).notNullable();
    t.string('format', 20).notNullable();
    t.bigInteger('size').notNullable();
    t.text('structure').notNullable();
    t.text('options').notNullable();
    t.integer('cursor').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('skipped').notNullable().defaultTo(0);
    t.integer('failed').notNullable().defaultTo(0);
    t.integer('held').notNullable().defaultTo(0);
    t.string('error_code', 60);
    t.text('error_message');
    t.integer('version').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['user_id', 'id']);
    t.index(['status']);
  });
  await knex.schema.createTable('import_rows', (t) => {
    t.bigIncrements('id').primary();
    t.integer('job_id').notNullable().references('id').inTable('import_jobs').onDelete('CASCADE');
    t.integer('row_number').notNullable();
    t.string('outcome', 20).notNullable();
    t.string('entity', 20);
    t.integer('record_id');
    t.integer('record_version');
    t.text('source');
    t.text('reason');
    t.text('before');
    t.string('undo', 20);
    t.index(['job_id', 'outcome', 'row_number']);
    t.index(['job_id', 'record_id']);
  });
  await knex.schema.createTable('import_mappings', (t) => {
    t.increments('id').primary();
    t.string('target', 20).notNullable();
    t.string('name', 100).notNullable();
    t.text('mapping').notNullable();
    t.integer('created_by');
    t.integer('version').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['target', 'name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('import_mappings');
  await knex.schema.dropTable('import_rows');
  await knex.schema.dropTable('import_jobs');
}
