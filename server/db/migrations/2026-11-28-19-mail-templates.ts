import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

/**
 * E-mail templates for mail merge (docs/outlook.md): subject and HTML body
 * with merge fields, an optional plain-text part, and attachments that are
 * either uploaded files (kept in `files`, owner 'mail_templates') or made
 * per message (a price list, a Word form for the recipient's client).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mail_templates', (t) => {
    recordColumns(t);
    t.string('name', 200).notNullable().unique();
    t.string('subject', 1000).notNullable();
    t.text('html').notNullable();
    // Null: the plain-text part is made from the HTML.
    t.text('text');
    t.string('locale', 2).notNullable();
    t.boolean('shipped').notNullable().defaultTo(false);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
  });
  await knex.schema.createTable('mail_template_attachments', (t) => {
    t.increments('id').primary();
    t.integer('template_id').notNullable().references('id').inTable('mail_templates').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('kind', 20).notNullable(); // file | price_list | document
    t.string('file_name', 255).notNullable();
    // kind document: the Word form (record type client) and the format.
    t.integer('document_template_id').references('id').inTable('templates').onDelete('SET NULL');
    t.string('format', 10);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['template_id', 'position']);
  });
  // Shipped templates load once: one the user deleted does not come back.
  await knex.schema.createTable('mail_template_shipments', (t) => {
    t.string('name', 200).primary();
    t.timestamp('loaded_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('mail_template_shipments');
  await knex.schema.dropTable('mail_template_attachments');
  await knex.schema.dropTable('mail_templates');
}
