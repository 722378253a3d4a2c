import { z } from 'zod';
import { describeUser } from '../auth/routes.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { route, type Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordSchema, userService } from './service.js';

const passwordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema });

export function userRoutes(ctx: AppContext): Route[] {
  const users = userService(ctx);
  return [
    route({
      method: 'get', path: '/users/me', tag: 'Users', summary: 'The signed-in user and their permissions',
      response: () => ({ type: 'object' }),
      handler: async ({ actor }) => describeUser(actor),
    }),
    route({
      method: 'post', path: '/users/me/password', tag: 'Users', summary: 'Change your password (signs out your other sessions)', status: 204,
      body: () => passwordBody,
      async handler({ ctx, actor, body, res }) {
        const input = parseOrThrow(passwordBody, body);
        const row = (await ctx.db('users').where({ id: actor.id }).first('password_hash')) as { password_hash: string | null };
        if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
          throw new AppError('invalid_credentials', 'The current password is wrong.', { details: [{ field: 'currentPassword', code: 'invalid_credentials', message: 'The current password is wrong.' }] });
        }
        await ctx.db.transaction(async (trx) => {
          await trx('users').where({ id: actor.id }).update({ password_hash: await hashPassword(input.newPassword), version: trx.raw('version + 1'), updated_at: ctx.clock.now().toISOString() });
          const current = (res.locals.auth as { sessionId?: string }).sessionId ?? '';
          await trx('sessions').where({ user_id: actor.id }).whereNot({ id: current }).delete();
        });
      },
    }),
    ...crudRoutes(users),
  ];
}
