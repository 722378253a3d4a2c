import type { Knex } from 'knex';

/**
 * Two-way contact sync with each user's Outlook contacts (docs/outlook.md,
 * "Contact sync"), and the two contact fields Outlook has and Kontora
 * lacked: an address and tags (Outlook categories).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contacts', (t) => {
    t.string('address', 1000);
  });
  await knex.schema.createTable('contact_tags', (t) => {
    t.integer('contact_id').notNullable().references('id').inTable('contacts').onDelete('CASCADE');
    t.string('tag', 60).notNullable();
    t.primary(['contact_id', 'tag']);
    t.index(['tag', 'contact_id']);
  });

  // What a user chose for their mailbox's sync: one row per user, absent = defaults.
  await knex.schema.createTable('contact_sync_settings', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.string('folder_id', 300); // null: the default Contacts folder
    t.string('category', 255); // null: every contact; else only Outlook contacts with this category
    t.string('deletion_policy', 12).notNullable(); // propagate | unlink | archive
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  // A Kontora contact and its Outlook twin in one user's mailbox, with what
  // each side looked like at the last sync (mapped fields as JSON), so a run
  // can tell which side changed which field since.
  await knex.schema.createTable('contact_sync_links', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // No FK: a contact deleted in Kontora must leave its link behind, so the
    // next run sees the deletion and applies the policy in Outlook.
    t.integer('contact_id').notNullable();
    t.string('outlook_id', 300).notNullable();
    t.string('change_key', 300);
    t.text('kontora_fields').notNullable();
    t.text('outlook_fields').notNullable();
    // Outlook values seen but not yet applied (the Kontora write failed): the
    // delta link moves on, so they are kept here for the next run.
    t.text('outlook_seen');
    // active | detached (unlinked or archived by the deletion policy: neither side is synced again)
    // | out_of_scope (the Outlook contact lost the synced category; it comes back if it regains it)
    t.string('state', 12).notNullable();
    // false for a contact Kontora created in Outlook until a delta query reports it: Graph leaves out
    // of a delta an item created and deleted since the last one, so a link never reported is a deletion.
    t.boolean('seen_in_delta').notNullable().defaultTo(true);
    t.timestamp('synced_at', { useTz: true }).notNullable();
    t.unique(['user_id', 'outlook_id']);
    t.unique(['user_id', 'contact_id']);
    t.index(['contact_id']);
  });

  // Where the last delta query of a mailbox folder ended ('' = default folder).
  await knex.schema.createTable('contact_sync_delta', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('folder_key', 300).notNullable();
    t.text('delta_link').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['user_id', 'folder_key']);
  });

  await knex.schema.createTable('contact_sync_runs', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('trigger', 10).notNullable(); // manual | schedule
    t.string('status', 10).notNullable(); // running | done | failed
    t.boolean('full').notNullable().defaultTo(false); // a whole-folder pass (first run, or the delta token had expired)
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.integer('kontora_created').notNullable().defaultTo(0);
    t.integer('kontora_updated').notNullable().defaultTo(0);
    t.integer('kontora_deleted').notNullable().defaultTo(0);
    t.integer('outlook_created').notNullable().defaultTo(0);
    t.integer('outlook_updated').notNullable().defaultTo(0);
    t.integer('outlook_deleted').notNullable().defaultTo(0);
    t.integer('linked').notNullable().defaultTo(0);
    t.integer('conflicts').notNullable().defaultTo(0);
    t.string('error_code', 60);
    t.string('error_message', 1000);
    t.text('problems'); // JSON: per-contact problems that did not stop the run
    t.index(['user_id', 'started_at']);
  });

  // One running sync per mailbox, across instances: the primary key refuses a second.
  await knex.schema.createTable('contact_sync_locks', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.integer('run_id').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('contact_sync_conflicts', (t) => {
    t.increments('id').primary();
    t.integer('run_id').notNullable().references('id').inTable('contact_sync_runs').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('contact_id').notNullable();
    t.string('outlook_id', 300).notNullable();
    t.string('field', 40).notNullable();
    t.text('kontora_value');
    t.text('outlook_value');
    t.string('winner', 10).notNullable(); // kontora | outlook
    t.timestamp('kontora_changed_at', { useTz: true });
    t.timestamp('outlook_changed_at', { useTz: true });
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['user_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['contact_sync_conflicts', 'contact_sync_locks', 'contact_sync_runs', 'contact_sync_delta', 'contact_sync_links', 'contact_sync_settings', 'contact_tags']) {
    await knex.schema.dropTable(table);
  }
  await knex.schema.alterTable('contacts', (t) => {
    t.dropColumn('address');
  });
}
