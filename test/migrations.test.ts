import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../server/db/connect.js';
import { migrateLatest, migrateRollbackAll, migrations } from '../server/db/migrate.js';
import { createTestDatabase, forEachDatabase } from './support/databases.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'db', 'migrations');
const lockFile = path.join(dir, '..', 'migrations.lock.json');

function hashes(): Record<string, string> {
  return Object.fromEntries(
    migrations.map(([name]) => [name, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, `${name}.ts`))).digest('hex').slice(0, 16)]),
  );
}

describe('Migrations', () => {
  it('are dated, in order, and each file is registered once', () => {
    const names = migrations.map(([n]) => n);
    assert.deepEqual(names, [...names].sort());
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^\d{4}-\d{2}-\d{2}-\d{2}-[a-z0-9-]+$/);
    const files = fs.readdirSync(dir).filter((f) => /^\d{4}-/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), names);
  });

  it('are never edited once landed (add a new migration instead)', () => {
    // To land a NEW migration, add its line to server/db/migrations.lock.json:
    // the expected hash is printed below when it is missing.
    const locked = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Record<string, string>;
    const current = hashes();
    for (const [name, hash] of Object.entries(locked)) {
      assert.equal(current[name], hash, `migration ${name} changed after it landed: schema changes need a new migration`);
    }
    const missing = Object.keys(current).filter((n) => !(n in locked));
    assert.deepEqual(missing, [], `add to migrations.lock.json: ${JSON.stringify(Object.fromEntries(missing.map((n) => [n, current[n]])))}`);
  });
});

forEachDatabase('Migrations on a real database', (kind) => {
  it('run up, all the way down and up again', async () => {
    const tdb = await createTestDatabase(kind);
    const db = connect(tdb.config);
    try {
      assert.equal((await migrateLatest(db)).length, migrations.length);
      assert.equal((await migrateLatest(db)).length, 0, 'a second run applies nothing');
      await migrateRollbackAll(db);
      assert.equal((await migrateLatest(db)).length, migrations.length);
    } finally {
      await db.destroy();
      await tdb.drop();
    }
  });
});
