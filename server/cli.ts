import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pidFile } from './backup/sqlite.js';
import { systemClock } from './clock.js';
import { readConfig } from './config.js';
import { createLogger } from './log.js';
import { openContext, startServer } from './server.js';

const HELP = `Usage: kontora <command> [options]

Commands:
  serve                      start the server (what npm start runs)
  migrate                    bring the database schema up to date
  seed-demo                  load demo data into an empty database
  user add --login L --name N --role R [--scope own|all] [--password P]
                             add a user (a password is generated if not given)
  backup [FILE]              consistent online copy of the SQLite database
  restore FILE [--force]     replace the SQLite database with a backup (server stopped)
  reindex [--batch N]        rebuild the quick-search index (safe while the server runs)
  document --template NAME --record TYPE:ID [--pdf] -o FILE
                             issue a print form (contract, invoice or client) into FILE
  import FILE --target clients|contacts|products [--mapping NAME] [--on-duplicate skip|update|create|review]
                             import an .xlsx, CSV or vCard file; prints the counts
  export clients|contacts|products|invoices --format xlsx|csv|html [--filter k=v …] -o FILE
                             export a list with its filters

Configuration comes from the environment: PORT, DATABASE_URL, KONTORA_DATA_DIR,
KONTORA_ADMIN_PASSWORD, KONTORA_DEMO (see README.md).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  const log = createLogger();
  switch (command) {
    case 'serve':
    case undefined: {
      const server = await startServer({ config, log });
      process.stdout.write(`Kontora is running at ${server.url} (database: ${config.databaseUrl ? 'PostgreSQL' : config.sqliteFile})\n`);
      if (server.httpsUrl) process.stdout.write(`Office add-ins: ${server.httpsUrl} (certificate from ${config.tls!.source}; manifest.xml, manifest.outlook.xml)\n`);
      // Tells `kontora restore` that this database is in use.
      const pid = config.databaseUrl ? null : pidFile(config.sqliteFile);
      if (pid) fs.writeFileSync(pid, String(process.pid));
      const stop = async () => {
        await server.close();
        if (pid) fs.rmSync(pid, { force: true });
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const ctx = await openContext(config, systemClock, log);
      await ctx.db.destroy();
      process.stdout.write('The database schema is up to date.\n');
      return 0;
    }
    case 'seed-demo': {
      const { seedDemo } = await import('./demo/seed.js');
      const { ensureFirstAdmin } = await import('./users/service.js');
      const ctx = await openContext(config, systemClock, log);
      try {
        await ensureFirstAdmin(ctx.db, ctx, config.adminPassword, log, (t) => process.stdout.write(t + '\n'));
        const seeded = await seedDemo(ctx, { onlyIfEmpty: true });
        process.stdout.write(seeded ? `Demo data loaded: ${JSON.stringify(seeded)}\n` : 'The database already has clients; demo data was not loaded.\n');
      } finally {
        await ctx.db.destroy();
      }
      return 0;
    }
    case 'import': {
      const { importCommand } = await import('./imports/cli.js');
      return importCommand(rest, config, log);
    }
    case 'export': {
      const { exportCommand } = await import('./exports/cli.js');
      return exportCommand(rest, config, log);
    }
    case 'document': {
      const { documentCommand } = await import('./documents/cli.js');
      return documentCommand(rest, config, log);
    }
    case 'reindex': {
      const { reindexCommand } = await import('./search/cli.js');
      return reindexCommand(rest, config, log);
    }
    case 'user': {
      const { userCommand } = await import('./users/cli.js');
      return userCommand(rest, config, log);
    }
    case 'backup':
    case 'restore': {
      const { backupCommand, restoreCommand } = await import('./backup/cli.js');
      return command === 'backup' ? backupCommand(rest, config) : restoreCommand(rest, config);
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP + '\n');
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}\n`);
      return 2;
  }
}

export { parseArgs };

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`kontora: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
