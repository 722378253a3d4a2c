import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import type { Db } from '../db/connect.js';

/**
 * A consistent copy of a live SQLite database. VACUUM INTO reads one
 * snapshot (WAL keeps the server writing meanwhile) and writes a compact,
 * self-contained file.
 */
export async function backupSqlite(db: Db, target: string): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await db.raw('VACUUM INTO ?', [file]);
  return { file, bytes: fs.statSync(file).size };
}

/** Opens a file read-only and checks it is a healthy Kontora database. */
export async function checkSqliteFile(file: string): Promise<{ migrations: number }> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') throw new Error(`${file} is not an SQLite database.`);
  const db = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  try {
    const rows = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
    if (rows[0]?.integrity_check !== 'ok') throw new Error(`${file} failed the integrity check: ${rows.map((r) => r.integrity_check).join('; ')}`);
    const table = await db('sqlite_master').where({ type: 'table', name: 'knex_migrations' }).first('name');
    if (!table) throw new Error(`${file} is not a Kontora database (no migrations table).`);
    const row = (await db('knex_migrations').count({ n: '*' }).first()) as { n: number };
    return { migrations: Number(row.n) };
  } finally {
    await db.destroy();
  }
}

/** The running server's pid file next to the database. */
export function pidFile(sqliteFile: string): string {
  return sqliteFile + '.pid';
}

export function runningServerPid(sqliteFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(sqliteFile), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Replaces the database file with a checked backup. The current file is
 * kept beside it first, so a restore can itself be undone.
 */
export async function restoreSqlite(backup: string, sqliteFile: string, now: Date): Promise<{ previous: string | null }> {
  await checkSqliteFile(backup);
  let previous: string | null = null;
  if (fs.existsSync(sqliteFile)) {
    previous = `${sqliteFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.copyFileSync(sqliteFile, previous);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(sqliteFile + suffix)) fs.copyFileSync(sqliteFile + suffix, previous + suffix);
    }
  }
  const temp = `${sqliteFile}.restoring`;
  fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
  fs.copyFileSync(backup, temp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(sqliteFile + suffix, { force: true });
  fs.renameSync(temp, sqliteFile);
  return { previous };
}
