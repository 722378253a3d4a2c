import type { Knex } from 'knex';

/**
 * Indexes for client lists of one manager: a manager with scope "own"
 * always lists with manager_id = me, and admins filter by manager. With
 * (manager_id, created_at), "my clients, newest first" reads its page
 * straight from the index; with (manager_id, city, name), "my clients in
 * <city>" is counted without reading the table and read in name order
 * (the default sort). (manager_id, name) exists since the clients
 * migration. Measured with npm run bench at 1,000,000 clients
 * (docs/performance.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => {
    t.index(['manager_id', 'created_at']);
    t.index(['manager_id', 'city', 'name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => {
    t.dropIndex(['manager_id', 'created_at']);
    t.dropIndex(['manager_id', 'city', 'name']);
  });
}
