import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payments', (t) => {
    recordColumns(t);
    t.integer('client_id').notNullable().references('id').inTable('clients');
    t.integer('company_id').notNullable().references('id').inTable('companies');
    t.date('date').notNullable();
    t.bigInteger('amount').notNullable();
    t.string('currency', 3).notNullable();
    t.string('method', 20).notNullable();
    t.string('reference', 200);
    t.text('notes');
    // Sum of allocations; amount - allocated is the client's credit.
    t.bigInteger('allocated').notNullable().defaultTo(0);
    t.index(['client_id', 'date']);
    t.index(['date']);
  });
  await knex.schema.createTable('allocations', (t) => {
    t.increments('id').primary();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.integer('payment_id').notNullable().references('id').inTable('payments').onDelete('CASCADE');
    t.integer('invoice_id').notNullable().references('id').inTable('invoices');
    t.bigInteger('amount').notNullable();
    t.integer('created_by');
    t.index(['payment_id']);
    t.index(['invoice_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('allocations');
  await knex.schema.dropTable('payments');
}
