import type { Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { checkMailTemplate } from '../mail-templates/render.js';
import { candidatesOf, type Audience } from './audience.js';
import type { MailingRow } from './store.js';

/** The sender as the rest of the server sees them; a deactivated user's mailings do not run. */
export async function senderActor(ctx: AppContext, userId: number): Promise<Actor> {
  const row = (await ctx.db('users').where({ id: userId }).first('id', 'login', 'name', 'role', 'scope', 'active')) as Record<string, any> | undefined;
  if (!row || !row.active) throw new AppError('invalid_state', 'The user who sends this mailing is deactivated; another user must send it.');
  return { id: Number(row.id), login: row.login, name: row.name, role: row.role, scope: row.scope };
}

export function specOf(row: MailingRow): { audience: Audience; filter: Record<string, string> | null; picked: number[] | null } {
  return {
    audience: row.audience,
    filter: row.filter ? (JSON.parse(row.filter) as Record<string, string>) : null,
    picked: row.picked ? (JSON.parse(row.picked) as number[]) : null,
  };
}

/** Refuses a template with broken fields before the run, listing every problem. */
export async function assertTemplateUsable(ctx: AppContext, templateId: number | null): Promise<void> {
  if (templateId === null) throw new AppError('invalid_state', 'Choose an e-mail template first (the one chosen was deleted).');
  const problems = await checkMailTemplate(ctx, templateId);
  if (problems.length) {
    throw new AppError('template_invalid', 'The e-mail template has errors; fix them before sending.', {
      details: problems.map((p) => ({ field: p.where, code: 'template_invalid', message: p.why, tag: p.tag })),
    });
  }
}

/**
 * Turns a mailing's audience into its queue (one row per recipient, skipped
 * ones with their reason) and sets it running — in one transaction, so a
 * mailing is never running with half a queue. Called when it is started,
 * or when its scheduled time comes.
 */
export async function materialize(ctx: AppContext, row: MailingRow): Promise<{ queued: number; skipped: number }> {
  await assertTemplateUsable(ctx, row.template_id);
  const actor = await senderActor(ctx, row.sender_id);
  const candidates = await candidatesOf(ctx, actor, specOf(row));
  const sendable = candidates.filter((c) => c.skip === null).length;
  if (!sendable) {
    throw new AppError('invalid_state', candidates.length ? 'None of the chosen recipients can get this e-mail (no address, unsubscribed or duplicates).' : 'The mailing has no recipients.');
  }
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction(async (trx) => {
    const moved = await trx('mailings').where({ id: row.id }).whereIn('status', ['draft', 'scheduled'])
      .update({ status: 'running', started_at: at, finished_at: null, last_error: null, updated_at: at, version: trx.raw('version + 1') });
    if (moved !== 1) throw new AppError('invalid_state', 'The mailing was changed meanwhile; reload it.');
    await trx('mailing_recipients').where({ mailing_id: row.id }).delete();
    const rows = candidates.map((c) => ({
      mailing_id: row.id, client_id: c.clientId, contact_id: c.contactId, name: c.name.slice(0, 500), email: c.email?.slice(0, 320) ?? null,
      address: c.address?.slice(0, 320) ?? null, state: c.skip ? 'skipped' : 'queued', reason: c.skip, attempts: 0,
    }));
    for (let i = 0; i < rows.length; i += 500) await trx('mailing_recipients').insert(rows.slice(i, i + 500));
  });
  return { queued: sendable, skipped: candidates.length - sendable };
}
