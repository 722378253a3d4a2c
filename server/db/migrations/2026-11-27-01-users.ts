import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    recordColumns(t);
    t.string('login', 100).notNullable().unique();
    t.string('email', 320);
    t.string('name', 200).notNullable();
    t.string('role', 20).notNullable();
    t.string('scope', 10).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('password_hash', 300);
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('id', 64).primary(); // sha256 of the cookie value, never the value
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });
  await knex.schema.createTable('api_tokens', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('token_hash', 64).notNullable().unique();
    t.string('prefix', 12).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id']);
  });
  await knex.schema.createTable('login_failures', (t) => {
    t.string('key', 400).primary();
    t.integer('count').notNullable();
    t.timestamp('first_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['login_failures', 'api_tokens', 'sessions', 'users']) await knex.schema.dropTable(table);
}
