import type { Knex } from 'knex';
import { recordColumns, requisiteColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('client_categories', (t) => {
    recordColumns(t);
    t.string('name', 200).notNullable().unique();
    t.integer('discount').notNullable().defaultTo(0); // hundredths of a percent
    t.integer('price_type_id').references('id').inTable('price_types');
    t.text('description');
  });
  await knex.schema.createTable('clients', (t) => {
    recordColumns(t);
    t.string('kind', 12).notNullable(); // legal | individual
    t.string('name', 500).notNullable();
    // Lower-cased name without legal forms and punctuation: duplicate checks.
    t.string('name_key', 500).notNullable();
    requisiteColumns(t);
    t.integer('category_id').references('id').inTable('client_categories');
    t.integer('manager_id').notNullable().references('id').inTable('users');
    t.string('status', 20).notNullable();
    t.string('source', 200);
    t.string('website', 500);
    t.text('notes');
    t.string('city', 200);
    t.string('country', 100);
    t.string('first_name', 200);
    t.string('middle_name', 200);
    t.string('last_name', 200);
    t.date('birthday');
    t.string('registration_address', 1000);
    t.string('residence_address', 1000);
    t.index(['manager_id', 'name']);
    t.index(['name']);
    t.index(['name_key']);
    t.index(['tax_id']);
    t.index(['city']);
    t.index(['category_id']);
    t.index(['created_at']);
  });
  await knex.schema.createTable('contacts', (t) => {
    recordColumns(t);
    t.integer('client_id').references('id').inTable('clients').onDelete('CASCADE');
    // Owner of a standalone contact; for a client's contact the client's manager rules.
    t.integer('manager_id').notNullable().references('id').inTable('users');
    t.string('name', 500).notNullable();
    t.string('name_key', 500).notNullable();
    t.string('first_name', 200);
    t.string('middle_name', 200);
    t.string('last_name', 200);
    t.string('job_title', 200);
    t.string('department', 200);
    t.date('birthday');
    t.boolean('is_primary').notNullable().defaultTo(false);
    t.text('notes');
    t.index(['client_id']);
    t.index(['manager_id', 'name']);
    t.index(['name']);
    t.index(['name_key']);
  });
  // Phones, e-mails and messengers of clients and contacts, each with a
  // normalised copy (digits of a phone, lower-cased e-mail) for search and
  // duplicate checks.
  await knex.schema.createTable('channels', (t) => {
    t.increments('id').primary();
    t.string('owner_entity', 20).notNullable();
    t.integer('owner_id').notNullable();
    t.string('kind', 12).notNullable(); // phone | email | messenger
    t.string('type', 20).notNullable();
    t.string('value', 320).notNullable();
    t.string('normalized', 320).notNullable();
    t.integer('position').notNullable();
    t.index(['owner_entity', 'owner_id']);
    t.index(['kind', 'normalized']);
  });
  await knex.schema.createTable('client_tags', (t) => {
    t.integer('client_id').notNullable().references('id').inTable('clients').onDelete('CASCADE');
    t.string('tag', 60).notNullable();
    t.primary(['client_id', 'tag']);
    t.index(['tag', 'client_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['client_tags', 'channels', 'contacts', 'clients', 'client_categories']) await knex.schema.dropTable(table);
}
