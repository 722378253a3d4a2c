import type { Knex } from 'knex';

/**
 * Microsoft 365: the app registration an administrator enters, each user's
 * connected mailbox with its msal token cache, and sign-ins in progress
 * (docs/outlook.md). Every secret column holds AES-256-GCM ciphertext
 * (server/microsoft/secret-box.ts), never the secret itself.
 */
export async function up(knex: Knex): Promise<void> {
  // One row (id 1): Kontora talks to one Microsoft Entra tenant.
  await knex.schema.createTable('microsoft_settings', (t) => {
    t.integer('id').primary();
    t.string('tenant_id', 100).notNullable();
    t.string('client_id', 100).notNullable();
    t.string('credential_kind', 12).notNullable(); // secret | certificate
    t.text('client_secret_enc');
    t.string('certificate_thumbprint', 64);
    t.text('certificate_key_enc');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
  });

  await knex.schema.createTable('microsoft_mailboxes', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().unique().references('id').inTable('users').onDelete('CASCADE');
    t.string('address', 320).notNullable();
    // msal's account key (uid.utid): which account in the cache is this mailbox.
    t.string('home_account_id', 300).notNullable();
    t.text('token_cache_enc').notNullable();
    t.string('connected_via', 10).notNullable(); // code | obo
    t.string('status', 20).notNullable(); // connected | reauth_required
    t.string('last_error', 1000);
    t.timestamp('connected_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  // The authorization-code sign-in between /connect and /callback: the state
  // (hashed) ties the answer to the session that started it; the PKCE
  // verifier is kept encrypted until the code is exchanged.
  await knex.schema.createTable('microsoft_auth_requests', (t) => {
    t.string('state_hash', 64).primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('session_hash', 64).notNullable();
    t.text('code_verifier_enc').notNullable();
    t.string('redirect_uri', 1000).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('microsoft_auth_requests');
  await knex.schema.dropTableIfExists('microsoft_mailboxes');
  await knex.schema.dropTableIfExists('microsoft_settings');
}
