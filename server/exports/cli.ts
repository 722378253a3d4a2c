/**
 * kontora export clients|contacts|products|invoices|contracts|payments
 *   --format xlsx|csv|html [--filter key=value …] [--sort S] [--q TEXT]
 *   [--columns a,b] [--bom] [--delimiter ;] [--user LOGIN] -o FILE
 * The same export as GET /api/v1/exports/…, written to a file, as the given
 * user (default: the first administrator). Filters are the list's: city=Riga,
 * createdAt[gte]=2026-01-01, tag=VIP.
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
import { exportResources, planExport, type ExportResource } from './service.js';

const USAGE = `Usage: kontora export ${exportResources.join('|')} --format xlsx|csv|html [--filter key=value …] [--sort S] [--q TEXT] [--columns a,b] [--bom] [--delimiter ;] [--user LOGIN] -o FILE`;

export async function exportCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        format: { type: 'string', default: 'xlsx' }, filter: { type: 'string', multiple: true }, sort: { type: 'string' }, q: { type: 'string' },
        columns: { type: 'string' }, bom: { type: 'boolean', default: false }, delimiter: { type: 'string' }, user: { type: 'string' }, output: { type: 'string', short: 'o' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const resource = positionals[0] as ExportResource;
  if (!exportResources.includes(resource) || positionals.length > 1 || !values.output) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const query: Record<string, string> = { format: values.format! };
  for (const f of values.filter ?? []) {
    const eq = f.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`--filter ${f}: use key=value, e.g. --filter city=Riga\n`);
      return 2;
    }
    query[f.slice(0, eq)] = f.slice(eq + 1);
  }
  if (values.sort) query.sort = values.sort;
  if (values.q) query.q = values.q;
  if (values.columns) query.columns = values.columns;
  if (values.bom) query.bom = '1';
  if (values.delimiter) query.delimiter = values.delimiter;
  const ctx = await openContext(config, systemClock, log);
  try {
    // A fresh database gets its first administrator, as on the first start.
    await ensureFirstAdmin(ctx.db, ctx, config.adminPassword, log, (t) => process.stdout.write(t + '\n'));
    const user = (await ctx.db('users').where({ active: true }).modify((qb) => (values.user ? qb.where({ login: values.user }) : qb.where({ role: 'admin' }))).orderBy('id')
      .first('id', 'login', 'name', 'role', 'scope')) as { id: number; login: string; name: string; role: Role; scope: Scope } | undefined;
    if (!user) throw new AppError('not_found', values.user ? `There is no active user "${values.user}".` : 'There is no active administrator to export as.');
    const actor: Actor = { id: Number(user.id), login: user.login, name: user.name, role: user.role, scope: user.scope };
    const plan = planExport(ctx, actor, resource, query);
    const out = fs.createWriteStream(values.output);
    const rows = await plan.run(out);
    process.stdout.write(`${values.output}: ${rows} ${resource}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`kontora export: ${err.message}\n`);
      for (const d of err.details ?? []) process.stderr.write(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.db.destroy();
  }
}
