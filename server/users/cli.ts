import { parseArgs } from 'node:util';
import { roles, scopes } from '../access/rights.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import { openContext } from '../server.js';
import { generatePassword } from './password.js';
import { userService } from './service.js';

/** kontora user add --login L --name N --role R [--scope S] [--password P] */
export async function userCommand(args: string[], config: Config, log: Logger): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    process.stderr.write('Usage: kontora user add --login L --name N --role admin|manager|accountant|viewer [--scope own|all] [--email E] [--password P]\n');
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  const role = values.role ?? 'manager';
  const scope = values.scope ?? (role === 'manager' ? 'own' : 'all');
  if (!roles.includes(role as never) || !scopes.includes(scope as never)) {
    process.stderr.write(`--role must be one of ${roles.join(', ')}; --scope one of ${scopes.join(', ')}.\n`);
    return 2;
  }
  const password = values.password ?? generatePassword();
  const ctx = await openContext(config, systemClock, log);
  try {
    const system = { id: 0, login: 'cli', name: 'Command line', role: 'admin' as const, scope: 'all' as const };
    const user = await userService(ctx).create(system, {
      login: values.login, name: values.name ?? values.login, role, scope, email: values.email ?? null, password,
    });
    process.stdout.write(`Added user ${String(user.login)} (${role}, sees ${scope === 'own' ? 'own clients' : 'all clients'}).\n`);
    if (!values.password) process.stdout.write(`Password: ${password}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.message}\n${(err.details ?? []).map((d) => `  ${d.field ?? ''}: ${d.message}`).join('\n')}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.db.destroy();
  }
}
