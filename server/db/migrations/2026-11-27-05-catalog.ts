import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('price_types', (t) => {
    recordColumns(t);
    t.string('name', 200).notNullable().unique();
    t.string('currency', 3).notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('product_categories', (t) => {
    recordColumns(t);
    t.integer('parent_id').references('id').inTable('product_categories');
    t.string('name', 200).notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.index(['parent_id']);
  });
  await knex.schema.createTable('products', (t) => {
    recordColumns(t);
    t.string('kind', 10).notNullable(); // good | service
    t.string('name', 500).notNullable();
    t.string('sku', 100).unique();
    t.string('unit', 20).notNullable();
    t.integer('vat_rate').notNullable(); // hundredths of a percent
    t.integer('category_id').references('id').inTable('product_categories');
    t.boolean('active').notNullable().defaultTo(true);
    t.text('description');
    t.index(['category_id']);
    t.index(['name']);
  });
  await knex.schema.createTable('prices', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('price_type_id').notNullable().references('id').inTable('price_types').onDelete('CASCADE');
    t.bigInteger('amount').notNullable(); // minor units of the price type's currency
    t.primary(['product_id', 'price_type_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['prices', 'products', 'product_categories', 'price_types']) await knex.schema.dropTable(table);
}
