import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.timestamp('at', { useTz: true }).notNullable();
    t.integer('user_id'); // no FK: the log outlives users and is never rewritten
    t.string('entity', 40).notNullable();
    t.integer('record_id').notNullable();
    t.string('action', 30).notNullable();
    t.text('changes').notNullable();
    t.index(['entity', 'record_id', 'id']);
    t.index(['user_id', 'id']);
  });
  await knex.schema.createTable('files', (t) => {
    t.increments('id').primary();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.string('owner_entity', 40).notNullable();
    t.integer('owner_id').notNullable();
    t.string('purpose', 40).notNullable();
    t.string('name', 255).notNullable();
    t.string('mime', 100).notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('content').notNullable();
    t.index(['owner_entity', 'owner_id', 'purpose']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('files');
  await knex.schema.dropTable('audit_log');
}
