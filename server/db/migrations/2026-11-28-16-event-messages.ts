import type { Knex } from 'knex';

/**
 * Which Outlook message an event was logged from: its Internet Message-ID
 * (the same in every mailbox that got the message, so the pane can say
 * "already logged" to anyone reading it) and its REST id (to open it again
 * from the event). A separate table keeps the events API and its fields
 * untouched; the rows go with their event.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('event_messages', (t) => {
    t.increments('id').primary();
    t.integer('event_id').notNullable().references('id').inTable('events').onDelete('CASCADE');
    t.string('internet_message_id', 400).notNullable();
    t.string('rest_id', 400);
    t.integer('user_id').notNullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['internet_message_id']);
    t.index(['event_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('event_messages');
}
