import type { Knex } from 'knex';
import { lineColumns, recordColumns, totalColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contracts', (t) => {
    recordColumns(t);
    t.string('number', 60).notNullable();
    t.date('date').notNullable();
    t.integer('company_id').notNullable().references('id').inTable('companies');
    t.integer('client_id').notNullable().references('id').inTable('clients');
    t.integer('signatory_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.string('signatory_name', 300);
    t.string('subject', 1000).notNullable();
    t.date('start_date').notNullable();
    t.date('end_date');
    t.boolean('auto_renew').notNullable().defaultTo(false);
    t.integer('notice_days').notNullable().defaultTo(30);
    t.string('status', 20).notNullable(); // draft | active | terminated (expired is derived)
    totalColumns(t);
    t.integer('renewed_from_id').references('id').inTable('contracts');
    t.text('notes');
    t.unique(['company_id', 'number']);
    t.index(['client_id']);
    t.index(['end_date']);
    t.index(['status', 'end_date']);
  });
  await knex.schema.createTable('contract_lines', (t) => {
    t.increments('id').primary();
    t.integer('contract_id').notNullable().references('id').inTable('contracts').onDelete('CASCADE');
    lineColumns(t);
    t.index(['contract_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contract_lines');
  await knex.schema.dropTable('contracts');
}
