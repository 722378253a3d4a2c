import path from 'node:path';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { backupSqlite, restoreSqlite, runningServerPid } from './sqlite.js';

function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** kontora backup [FILE] */
export async function backupCommand(args: string[], config: Config): Promise<number> {
  if (config.databaseUrl) {
    process.stderr.write('Kontora is configured for PostgreSQL: back it up with pg_dump (see README.md, "Backups").\n');
    return 1;
  }
  const target = args[0] ?? path.join(config.dataDir, 'backups', `kontora-${stamp(new Date())}.sqlite`);
  const db = connect(config);
  try {
    const { file, bytes } = await backupSqlite(db, target);
    process.stdout.write(`Backup written to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

/** kontora restore FILE [--force] */
export async function restoreCommand(args: string[], config: Config): Promise<number> {
  if (config.databaseUrl) {
    process.stderr.write('Kontora is configured for PostgreSQL: restore it with pg_restore/psql (see README.md, "Backups").\n');
    return 1;
  }
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('Usage: kontora restore FILE [--force]\n');
    return 2;
  }
  const pid = runningServerPid(config.sqliteFile);
  if (pid && !args.includes('--force')) {
    process.stderr.write(`The Kontora server (pid ${pid}) is using ${config.sqliteFile}. Stop it first, then restore.\n`);
    return 1;
  }
  const { previous } = await restoreSqlite(path.resolve(file), config.sqliteFile, new Date());
  process.stdout.write(`Restored ${config.sqliteFile} from ${path.resolve(file)}.${previous ? ` The replaced database was kept as ${previous}.` : ''}\n`);
  return 0;
}
