import type { Knex } from 'knex';
import * as users from './migrations/2026-11-27-01-users.js';
import * as fields from './migrations/2026-11-27-02-fields.js';
import * as auditFiles from './migrations/2026-11-27-03-audit-files.js';
import * as companies from './migrations/2026-11-27-04-companies.js';
import * as catalog from './migrations/2026-11-27-05-catalog.js';
import * as clients from './migrations/2026-11-27-06-clients.js';
import * as contracts from './migrations/2026-11-27-07-contracts.js';
import * as invoices from './migrations/2026-11-27-08-invoices.js';
import * as payments from './migrations/2026-11-27-09-payments.js';
import * as search from './migrations/2026-11-27-10-search.js';
import * as searchPrefixes from './migrations/2026-11-27-11-search-prefixes.js';
import * as clientListIndexes from './migrations/2026-11-27-12-client-list-indexes.js';
import * as imports from './migrations/2026-11-27-14-imports.js';
import * as documents from './migrations/2026-11-27-13-documents.js';
import * as events from './migrations/2026-11-27-15-events.js';
import * as eventMessages from './migrations/2026-11-28-16-event-messages.js';
import * as microsoft from './migrations/2026-11-28-17-microsoft.js';
import * as contactSync from './migrations/2026-11-28-18-contact-sync.js';
import * as mailTemplates from './migrations/2026-11-28-19-mail-templates.js';
import * as mailings from './migrations/2026-11-28-20-mailings.js';
import type { Db } from './connect.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, in order. Names are the file names; once landed, a
 *  migration is never edited (test/migrations.test.ts holds their hashes). */
export const migrations: [string, Migration][] = [
  ['2026-11-27-01-users', users],
  ['2026-11-27-02-fields', fields],
  ['2026-11-27-03-audit-files', auditFiles],
  ['2026-11-27-04-companies', companies],
  ['2026-11-27-05-catalog', catalog],
  ['2026-11-27-06-clients', clients],
  ['2026-11-27-07-contracts', contracts],
  ['2026-11-27-08-invoices', invoices],
  ['2026-11-27-09-payments', payments],
  ['2026-11-27-10-search', search],
  ['2026-11-27-11-search-prefixes', searchPrefixes],
  ['2026-11-27-12-client-list-indexes', clientListIndexes],
  ['2026-11-27-13-documents', documents],
  ['2026-11-27-14-imports', imports],
  ['2026-11-27-15-events', events],
  ['2026-11-28-16-event-messages', eventMessages],
  ['2026-11-28-17-microsoft', microsoft],
  ['2026-11-28-18-contact-sync', contactSync],
  ['2026-11-28-19-mail-templates', mailTemplates],
  ['2026-11-28-20-mailings', mailings],
];

const source: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  return applied;
}

export async function migrateRollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback({ migrationSource: source }, true);
}
