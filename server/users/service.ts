import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import type { Db, Tx } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { RecordService, assertUnused } from '../records/service.js';
import type { Logger } from '../log.js';
import { userEntity } from './entity.js';
import { PASSWORD_MIN, generatePassword, hashPassword } from './password.js';

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.` })
  .max(200, { error: 'Use at most 200 characters.' });

const LOGIN = /^[a-z0-9][a-z0-9._@-]{1,99}$/;

export function userService(ctx: AppContext): RecordService {
  return new RecordService(ctx, userEntity, {
    structured: {
      password: { create: passwordSchema, update: passwordSchema.optional() },
    },
    async prepare(trx, { values, existing, actor }) {
      const extra: Record<string, unknown> = {};
      if (typeof values.login === 'string') {
        const login = values.login.trim().toLowerCase();
        if (!LOGIN.test(login)) {
          throw new AppError('validation_failed', 'The login is not valid.', {
            details: [{ field: 'login', code: 'invalid_format', message: 'Use 2–100 letters, digits, dots, dashes, @ or underscores.' }],
          });
        }
        const clash = await trx('users').where({ login }).whereNot('id', existing?.id ?? 0).first('id');
        if (clash) throw new AppError('already_exists', `The login "${login}" is taken.`, { details: [{ field: 'login', code: 'already_exists', message: 'This login is taken.' }] });
        extra.login = login;
      }
      if (typeof values.password === 'string') extra.password_hash = await hashPassword(values.password);
      if (!existing && values.active === undefined) extra.active = true;
      if (existing && existing.id === actor.id && (values.role !== undefined && values.role !== 'admin' || values.active === false)) {
        throw new AppError('invalid_state', 'You cannot remove your own admin rights or deactivate yourself.');
      }
      if (existing?.role === 'admin' && (values.role !== undefined && values.role !== 'admin' || values.active === false)) {
        await assertAnotherAdmin(trx, existing.id);
      }
      // scope is meaningless for admins (they see everything) but kept as given.
      delete values.password;
      return extra;
    },
    async beforeDelete(trx, record, actor) {
      if (record.id === actor.id) throw new AppError('invalid_state', 'You cannot delete yourself.');
      if (record.role === 'admin') await assertAnotherAdmin(trx, record.id);
      await assertUnused(trx, [
        { table: 'clients', column: 'manager_id', id: record.id, what: 'clients (reassign them or set active to false instead)' },
        { table: 'contacts', column: 'manager_id', id: record.id, what: 'contacts (reassign them or set active to false instead)' },
        { table: 'events', column: 'owner_id', id: record.id, what: 'events (reassign them or set active to false instead)' },
        { table: 'tasks', column: 'assignee_id', id: record.id, what: 'tasks (reassign them or set active to false instead)' },
      ]);
      // Tasks they gave others stay; who gave them is forgotten with the user.
      await trx('tasks').where({ created_by_id: record.id }).update({ created_by_id: null });
    },
  });
}

async function assertAnotherAdmin(trx: Tx, exceptId: number): Promise<void> {
  const other = await trx('users').where({ role: 'admin', active: true }).whereNot('id', exceptId).first('id');
  if (!other) throw new AppError('invalid_state', 'Kontora needs at least one active admin.');
}

/**
 * On an empty database, creates the first admin with the password from
 * KONTORA_ADMIN_PASSWORD, or generates one and prints it once.
 */
export async function ensureFirstAdmin(db: Db, ctx: Pick<AppContext, 'clock'>, adminPassword: string | undefined, log: Logger, print: (text: string) => void): Promise<void> {
  const any = await db('users').first('id');
  if (any) return;
  const password = adminPassword ?? generatePassword();
  const at = nowIso(ctx);
  await db('users').insert({
    login: 'admin', name: 'Administrator', email: null, role: 'admin', scope: 'all', active: true,
    password_hash: await hashPassword(password), version: 1, created_at: at, updated_at: at,
  });
  log.info('created the first admin', { login: 'admin' });
  if (!adminPassword) {
    print(`\n  Kontora created the first user.\n    login:    admin\n    password: ${password}\n  Keep it now: it is not shown again.\n`);
  }
}

export type { Actor };
