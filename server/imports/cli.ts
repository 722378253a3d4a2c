/**
 * kontora import FILE --target clients|contacts|products [--mapping NAME]
 *   [--on-duplicate skip|update|create|review] [--sheet NAME] [--user LOGIN] [--report FILE]
 * Runs the same import job as the web wizard, in the foreground, as the
 * given user (default: the first administrator), printing progress and the
 * result counts. Exit code: 0 all rows imported, 3 finished with rows that
 * failed (see --report), 1 the import could not run, 2 wrong usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Actor, Role, Scope } from '../access/rights.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import { openContext } from '../server.js';
import { ensureFirstAdmin } from '../users/service.js';
import { targets, type Target } from './fields.js';
import { policies, type Policy } from './process.js';
import { writeErrorReport } from './report.js';
import { whenFinished } from './runner.js';
import { importService } from './service.js';
import type { JobOptions } from './store.js';

const USAGE = `Usage: kontora import FILE --target ${targets.join('|')} [--mapping NAME] [--on-duplicate ${policies.join('|')}] [--sheet NAME] [--user LOGIN] [--report FILE]`;

export async function importCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { target: { type: 'string' }, mapping: { type: 'string' }, 'on-duplicate': { type: 'string' }, sheet: { type: 'string' }, user: { type: 'string' }, report: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const policy = (values['on-duplicate'] ?? 'skip') as Policy;
  if (!file || positionals.length > 1 || !targets.includes(values.target as Target) || !policies.includes(policy)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    process.stderr.write(`kontora import: there is no file ${file}\n`);
    return 1;
  }
  const ctx = await openContext(config, systemClock, log);
  try {
    // A fresh database gets its first administrator, as on the first start.
    await ensureFirstAdmin(ctx.db, ctx, config.adminPassword, log, (t) => process.stdout.write(t + '\n'));
    const user = (await ctx.db('users').where({ active: true }).modify((qb) => (values.user ? qb.where({ login: values.user }) : qb.where({ role: 'admin' }))).orderBy('id')
      .first('id', 'login', 'name', 'role', 'scope')) as { id: number; login: string; name: string; role: Role; scope: Scope } | undefined;
    if (!user) throw new AppError('not_found', values.user ? `There is no active user "${values.user}".` : 'There is no active administrator to import as.');
    const actor: Actor = { id: Number(user.id), login: user.login, name: user.name, role: user.role, scope: user.scope };
    const imports = importService(ctx);
    const job = await imports.fromFile(actor, values.target as Target, file, { mappingName: values.mapping, onDuplicate: policy });
    const id = Number(job.id);
    if (job.status === 'failed') throw new AppError('import_file_corrupt', job.error_message ?? 'The file cannot be imported.');
    if (values.sheet) await imports.update(actor, id, { sheet: values.sheet });
    const options = JSON.parse(((await ctx.db('import_jobs').where({ id }).first('options')) as { options: string }).options) as JobOptions;
    process.stdout.write(`Import ${id}: ${job.file_name} → ${job.target}, header on row ${options.mapping.headerRow}, columns: ${options.mapping.columns.map((c) => `${c.header ?? c.column} → ${c.field}`).join(', ')}\n`);
    await imports.start(actor, id, {});
    const timer = setInterval(() => {
      void ctx.db('import_jobs').where({ id }).first('cursor', 'created', 'updated').then((row: { cursor: number; created: number; updated: number } | undefined) => {
        if (row) process.stdout.write(`  … row ${row.cursor}: ${row.created} created, ${row.updated} updated\n`);
      }, () => undefined);
    }, 5000);
    await whenFinished(ctx, id);
    clearInterval(timer);
    const done = await imports.get(actor, id) as { status: string; counts: Record<string, number>; error: { code: string; message: string } | null };
    const c = done.counts;
    process.stdout.write(`${done.status}: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed, ${c.held} held for review\n`);
    if (values.report && (c.failed || c.held)) {
      const out = fs.createWriteStream(values.report);
      await writeErrorReport(ctx.db, id, options.header, out);
      process.stdout.write(`Rows not imported, with the reasons: ${values.report}\n`);
    } else if (c.failed) {
      process.stdout.write(`See why with --report FILE, or GET /api/v1/imports/${id}/report.\n`);
    }
    if (done.status !== 'done') {
      process.stderr.write(`kontora import: ${done.error?.message ?? `the import is ${done.status}`}\n`);
      return 1;
    }
    return c.failed ? 3 : 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`kontora import: ${err.message}\n`);
      for (const d of err.details ?? []) process.stderr.write(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.db.destroy();
  }
}
