import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { login, startTestServer, type TestServer } from './support/server.js';
import { ADMIN_PASSWORD } from './support/server.js';

const run = promisify(execFile);
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'kontora.js');

function kontora(dataDir: string, ...args: string[]) {
  return run(process.execPath, [bin, ...args], {
    env: { ...process.env, KONTORA_DATA_DIR: dataDir, DATABASE_URL: '', KONTORA_DEMO: '0', KONTORA_ADMIN_PASSWORD: ADMIN_PASSWORD, KONTORA_LOG_LEVEL: 'warn' },
  });
}

async function clientNames(file: string): Promise<string[]> {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
  try {
    return ((await db('clients').orderBy('name').select('name')) as { name: string }[]).map((r) => r.name);
  } finally {
    await db.destroy();
  }
}

describe('Command line', () => {
  let t: TestServer;
  let dataDir: string;
  before(async () => {
    t = await startTestServer('sqlite');
    dataDir = path.dirname(t.server.ctx.config.sqliteFile);
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Before Backup Ltd' });
  });
  after(async () => t?.close());

  it('backs up the live database while the server keeps writing', async () => {
    const target = path.join(dataDir, 'backups', 'one.sqlite');
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: `During Backup ${i}` })));
    const { stdout } = await kontora(dataDir, 'backup', target);
    await writes;
    assert.match(stdout, /Backup written to .*one\.sqlite/);
    const names = await clientNames(target);
    assert.ok(names.includes('Before Backup Ltd'));
    const db = knexFactory({ client: 'sqlite3', connection: { filename: target }, useNullAsDefault: true });
    try {
      assert.deepEqual(await db.raw('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses to overwrite an existing backup file', async () => {
    const target = path.join(dataDir, 'backups', 'one.sqlite');
    await assert.rejects(kontora(dataDir, 'backup', target), /already exists/);
  });

  it('adds a user who can then sign in', async () => {
    const { stdout } = await kontora(dataDir, 'user', 'add', '--login', 'carol', '--name', 'Carol', '--role', 'accountant', '--password', 'carol-password-123');
    assert.match(stdout, /Added user carol \(accountant/);
    const carol = await login(t.url, 'carol', 'carol-password-123');
    assert.equal((await carol.expect(200, 'GET', '/users/me')).role, 'accountant');
    await assert.rejects(kontora(dataDir, 'user', 'add', '--login', 'carol', '--role', 'viewer'), /taken/);
  });

  it('restores a backup into a stopped server\'s data folder, keeping the replaced database', async () => {
    const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-restore-'));
    try {
      await kontora(restoreDir, 'migrate');
      const { stdout } = await kontora(restoreDir, 'restore', path.join(dataDir, 'backups', 'one.sqlite'));
      assert.match(stdout, /Restored .* The replaced database was kept as/);
      assert.ok((await clientNames(path.join(restoreDir, 'kontora.sqlite'))).includes('Before Backup Ltd'));
      assert.ok(fs.readdirSync(restoreDir).some((f) => f.includes('before-restore')));
    } finally {
      fs.rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  it('refuses to restore something that is not a Kontora database', async () => {
    const junk = path.join(dataDir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    await assert.rejects(kontora(dataDir, 'restore', junk), /not an SQLite database/);
    assert.ok((await clientNames(t.server.ctx.config.sqliteFile)).includes('Before Backup Ltd'), 'the live database is untouched');
  });

  it('explains unknown commands', async () => {
    await assert.rejects(kontora(dataDir, 'frobnicate'), /Unknown command "frobnicate"/);
  });
});
