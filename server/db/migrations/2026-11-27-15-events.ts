import type { Knex } from 'knex';
import { recordColumns } from './columns.js';

/**
 * Events (calls, meetings, …) with admin-configurable types and results,
 * tasks, reminders and iCalendar feed keys (docs/events.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('event_types', (t) => {
    recordColumns(t);
    t.string('key', 40).notNullable().unique();
    t.string('label', 200).notNullable();
    // [{ key, label }]: the results an event of this type may end with.
    t.text('results').notNullable();
    t.integer('position').notNullable();
    t.boolean('archived').notNullable().defaultTo(false);
  });
  const at = new Date().toISOString();
  const results = (...pairs: [string, string][]) => JSON.stringify(pairs.map(([key, label]) => ({ key, label })));
  await knex('event_types').insert([
    { key: 'call', label: 'Call', position: 10, results: results(['reached', 'Reached'], ['no_answer', 'No answer'], ['call_back', 'Call back later'], ['wrong_number', 'Wrong number']) },
    { key: 'meeting', label: 'Meeting', position: 20, results: results(['held', 'Held'], ['rescheduled', 'Rescheduled'], ['cancelled', 'Cancelled']) },
    { key: 'email', label: 'E-mail', position: 30, results: results(['sent', 'Sent'], ['replied', 'Replied'], ['no_reply', 'No reply']) },
    { key: 'letter', label: 'Letter', position: 40, results: results(['sent', 'Sent'], ['delivered', 'Delivered'], ['returned', 'Returned']) },
    { key: 'note', label: 'Note', position: 50, results: results() },
  ].map((row) => ({ ...row, version: 1, created_at: at, updated_at: at, archived: false })));

  await knex.schema.createTable('events', (t) => {
    recordColumns(t);
    t.string('type', 40).notNullable();
    t.string('status', 10).notNullable(); // planned | done
    t.string('subject', 500).notNullable();
    t.integer('client_id').notNullable().references('id').inTable('clients').onDelete('CASCADE');
    t.integer('contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.integer('contract_id').references('id').inTable('contracts').onDelete('SET NULL');
    t.integer('invoice_id').references('id').inTable('invoices').onDelete('SET NULL');
    // Who holds the call or meeting; their agenda, reminders and feed show it.
    t.integer('owner_id').notNullable().references('id').inTable('users');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true });
    t.string('direction', 10); // incoming | outgoing
    t.text('description');
    t.string('result', 40);
    t.text('result_notes');
    t.integer('remind_before_minutes');
    t.boolean('remind_by_email').notNullable().defaultTo(false);
    t.index(['client_id', 'starts_at']);
    t.index(['owner_id', 'status', 'starts_at']);
    t.index(['starts_at']);
  });

  await knex.schema.createTable('tasks', (t) => {
    recordColumns(t);
    t.string('title', 500).notNullable();
    t.text('description');
    t.integer('assignee_id').notNullable().references('id').inTable('users');
    t.integer('created_by_id').references('id').inTable('users');
    t.timestamp('due_at', { useTz: true });
    t.string('priority', 10).notNullable(); // low | normal | high
    t.string('status', 12).notNullable(); // open | in_progress | done | cancelled
    t.timestamp('remind_at', { useTz: true });
    t.integer('remind_before_minutes');
    t.boolean('remind_by_email').notNullable().defaultTo(false);
    t.string('repeat', 10); // daily | weekly | monthly
    t.integer('client_id').references('id').inTable('clients').onDelete('SET NULL');
    t.integer('contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.integer('contract_id').references('id').inTable('contracts').onDelete('SET NULL');
    t.integer('invoice_id').references('id').inTable('invoices').onDelete('SET NULL');
    t.integer('event_id').references('id').inTable('events').onDelete('SET NULL');
    t.timestamp('completed_at', { useTz: true });
    // The occurrence this one repeats; unique, so completing twice cannot make two.
    t.integer('repeated_from_id').unique().references('id').inTable('tasks').onDelete('SET NULL');
    // Automatic tasks (contract ending, invoice overdue): one per occurrence.
    t.string('auto_key', 200).unique();
    t.index(['assignee_id', 'status', 'due_at']);
    t.index(['client_id']);
  });

  await knex.schema.createTable('reminders', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('kind', 20).notNullable();
    // What the reminder is for, e.g. "task:12" or "invoice-overdue:7:2026-11-30": one row per occurrence.
    t.string('occurrence_key', 200).notNullable().unique();
    t.string('title', 500).notNullable();
    t.text('body');
    t.integer('task_id').references('id').inTable('tasks').onDelete('CASCADE');
    t.integer('event_id').references('id').inTable('events').onDelete('CASCADE');
    t.integer('client_id').references('id').inTable('clients').onDelete('CASCADE');
    t.integer('contact_id').references('id').inTable('contacts').onDelete('CASCADE');
    t.integer('contract_id').references('id').inTable('contracts').onDelete('CASCADE');
    t.integer('invoice_id').references('id').inTable('invoices').onDelete('CASCADE');
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('fired_at', { useTz: true });
    t.string('fired_by', 80);
    t.timestamp('dismissed_at', { useTz: true });
    t.boolean('by_email').notNullable().defaultTo(false);
    t.timestamp('email_sent_at', { useTz: true });
    // Lease on sending the e-mail: the instance that holds it until when.
    t.string('email_claimed_by', 80);
    t.timestamp('email_claimed_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['fired_at', 'due_at']);
    t.index(['user_id', 'dismissed_at']);
  });

  await knex.schema.createTable('calendar_feeds', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_feeds');
  await knex.schema.dropTable('reminders');
  await knex.schema.dropTable('tasks');
  await knex.schema.dropTable('events');
  await knex.schema.dropTable('event_types');
}
