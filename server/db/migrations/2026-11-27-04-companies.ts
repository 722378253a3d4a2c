import type { Knex } from 'knex';
import { recordColumns, requisiteColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('companies', (t) => {
    recordColumns(t);
    t.string('name', 300).notNullable();
    requisiteColumns(t);
    t.string('vat_number', 40);
    t.string('phone', 60);
    t.string('email', 320);
    t.string('website', 500);
    t.string('accountant_name', 300);
    t.string('default_currency', 3).notNullable();
    t.integer('default_vat_rate').notNullable(); // hundredths of a percent
    t.string('vat_rounding', 10).notNullable(); // line | document
    t.string('invoice_number_format', 100).notNullable();
    t.string('contract_number_format', 100).notNullable();
    t.integer('payment_terms_days').notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
  });
  // Gapless numbering: one counter per company, document type and year,
  // incremented inside the transaction that issues the document.
  await knex.schema.createTable('number_series', (t) => {
    t.integer('company_id').notNullable().references('id').inTable('companies').onDelete('CASCADE');
    t.string('doc_type', 30).notNullable();
    t.integer('year').notNullable();
    t.integer('last_number').notNullable();
    t.primary(['company_id', 'doc_type', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('number_series');
  await knex.schema.dropTable('companies');
}
