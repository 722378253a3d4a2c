import type { Knex } from 'knex';
import { lineColumns, recordColumns, totalColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invoices', (t) => {
    recordColumns(t);
    t.string('number', 60); // assigned when issued, gapless per company and year
    t.integer('year');
    t.integer('sequence');
    t.integer('company_id').notNullable().references('id').inTable('companies');
    t.integer('client_id').notNullable().references('id').inTable('clients');
    t.integer('contract_id').references('id').inTable('contracts');
    t.date('date').notNullable();
    t.date('due_date').notNullable();
    t.string('status', 20).notNullable(); // draft | issued | cancelled (payment states are derived)
    totalColumns(t);
    // Sum of allocations, kept in the same transaction as the allocations.
    t.bigInteger('paid').notNullable().defaultTo(0);
    t.timestamp('issued_at', { useTz: true });
    t.timestamp('cancelled_at', { useTz: true });
    t.text('notes');
    t.unique(['company_id', 'number']);
    t.index(['client_id', 'date']);
    t.index(['contract_id']);
    t.index(['status', 'due_date']);
    t.index(['date']);
  });
  await knex.schema.createTable('invoice_lines', (t) => {
    t.increments('id').primary();
    t.integer('invoice_id').notNullable().references('id').inTable('invoices').onDelete('CASCADE');
    lineColumns(t);
    t.index(['invoice_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invoice_lines');
  await knex.schema.dropTable('invoices');
}
