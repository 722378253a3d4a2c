import type { Knex } from 'knex';

/**
 * Column conventions shared by migrations. Frozen: a change here would
 * change what old migrations create, so new conventions get a new helper.
 */
export function recordColumns(t: Knex.CreateTableBuilder): void {
  t.increments('id').primary();
  t.integer('version').notNullable().defaultTo(1);
  t.timestamp('created_at', { useTz: true }).notNullable();
  t.timestamp('updated_at', { useTz: true }).notNullable();
}

/** Requisites that our companies and legal-entity clients share. */
export function requisiteColumns(t: Knex.CreateTableBuilder): void {
  t.string('legal_name', 500);
  t.string('tax_id', 40);
  t.string('registration_number', 40);
  t.string('legal_address', 1000);
  t.string('postal_address', 1000);
  t.string('bank_name', 300);
  t.string('bank_code', 40);
  t.string('bank_account', 60);
  t.string('correspondent_account', 60);
  t.string('director_name', 300);
  t.string('director_title', 200);
}

/** Lines of goods and services, as on contracts and invoices. Exact: quantity
 *  in thousandths, money in minor units, percentages in hundredths. */
export function lineColumns(t: Knex.CreateTableBuilder): void {
  t.integer('position').notNullable();
  t.integer('product_id').references('id').inTable('products');
  t.string('description', 1000).notNullable();
  t.string('unit', 20).notNullable();
  t.bigInteger('quantity').notNullable();
  t.bigInteger('price').notNullable();
  t.integer('discount').notNullable().defaultTo(0);
  t.integer('vat_rate').notNullable().defaultTo(0);
  t.bigInteger('net').notNullable();
  t.bigInteger('vat').notNullable();
  t.bigInteger('gross').notNullable();
}

/** Money totals of a document with lines, in minor units. */
export function totalColumns(t: Knex.CreateTableBuilder): void {
  t.string('currency', 3).notNullable();
  t.string('vat_mode', 10).notNullable(); // exclusive | inclusive | none
  t.bigInteger('net_total').notNullable().defaultTo(0);
  t.bigInteger('vat_total').notNullable().defaultTo(0);
  t.bigInteger('total').notNullable().defaultTo(0);
}
