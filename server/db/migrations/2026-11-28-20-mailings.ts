import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

/**
 * Mail-merge mailings (docs/outlook.md, "Mailings"): the mailing, its
 * recipients — the persistent send queue, one row per recipient with its
 * state — the suppression list every send is checked against, and the key
 * unsubscribe links are signed with.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mailings', (t) => {
    recordColumns(t);
    t.string('name', 200).notNullable();
    t.integer('template_id').references('id').inTable('mail_templates').onDelete('SET NULL');
    t.string('channel', 10).notNullable(); // server | graph
    // Whose scope picks the recipients and, for graph, whose mailbox sends.
    t.integer('sender_id').notNullable().references('id').inTable('users');
    t.string('audience', 10).notNullable(); // clients | contacts
    // JSON: list filter parameters (as the list API takes them), or null.
    t.text('filter');
    // JSON: ids picked by hand, or null.
    t.text('picked');
    t.string('status', 12).notNullable(); // draft | scheduled | running | paused | done | cancelled
    t.timestamp('scheduled_at', { useTz: true });
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    // Messages a minute for this mailing; null: the channel's configured rate.
    t.integer('rate_per_minute');
    // Where this server is reached from outside, for the unsubscribe links
    // (KONTORA_PUBLIC_URL, else the address the mailing was started from).
    t.string('public_url', 500);
    // Why the run stopped by itself (the mailbox was disconnected …).
    t.text('last_error');
    // The instance running it and until when (a lease, so two never run one mailing).
    t.string('claimed_by', 120);
    t.timestamp('claimed_until', { useTz: true });
    t.index(['status', 'scheduled_at']);
  });
  await knex.schema.createTable('mailing_recipients', (t) => {
    t.increments('id').primary();
    t.integer('mailing_id').notNullable().references('id').inTable('mailings').onDelete('CASCADE');
    t.integer('client_id').references('id').inTable('clients').onDelete('SET NULL');
    t.integer('contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.string('name', 500).notNullable();
    t.string('email', 320);
    // Lower-cased address: duplicates and the suppression list compare this.
    t.string('address', 320);
    t.string('state', 10).notNullable(); // queued | sending | sent | failed | skipped
    t.string('reason', 500);
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true });
    t.string('message_id', 300);
    t.timestamp('sent_at', { useTz: true });
    t.index(['mailing_id', 'state', 'id']);
    t.index(['state', 'sent_at']);
  });
  await knex.schema.createTable('mail_suppressions', (t) => {
    t.string('address', 320).primary();
    t.string('reason', 40).notNullable(); // unsubscribed | manual
    t.integer('mailing_id').references('id').inTable('mailings').onDelete('SET NULL');
    t.timestamp('at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('mailing_keys', (t) => {
    t.integer('id').primary();
    t.string('secret', 128).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['mailing_keys', 'mail_suppressions', 'mailing_recipients', 'mailings']) await knex.schema.dropTable(table);
}
