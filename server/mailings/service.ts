import type { Actor } from '../access/rights.js';
import { assertCan } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { mailTransport } from '../mail/transport.js';
import { prepareMail } from '../mail-templates/render.js';
import { candidatesOf, checkFilter, plausibleAddress, type Candidate } from './audience.js';
import { assertTemplateUsable, materialize, specOf } from './queue.js';
import { runnerOf } from './runner.js';
import { createMailingBody, scheduleBody, suppressionBody, testSendBody, updateMailingBody } from './schemas.js';
import { countsOf, findMailing, iso, mailingJson, recipientJson, recipientStates, scopedMailings, normalise, type MailingJson, type MailingRow, type RecipientRow, type RecipientState } from './store.js';
import { suppress, unsubscribeToken } from './unsubscribe.js';

const now = (ctx: AppContext) => ctx.clock.now().toISOString();

function page(query: Record<string, unknown>, max = 500): { limit: number; offset: number } {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  const problems = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > max) problems.push({ field: 'limit', code: 'invalid_value', message: `Use a whole number from 1 to ${max}.` });
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000_000) problems.push({ field: 'offset', code: 'invalid_value', message: 'Use a whole number of 0 or more.' });
  if (problems.length) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: problems });
  return { limit, offset };
}

async function withNames(ctx: AppContext, rows: MailingRow[]): Promise<MailingJson[]> {
  const counts = await countsOf(ctx.db, rows.map((r) => r.id));
  const templates = new Map(((await ctx.db('mail_templates').whereIn('id', rows.map((r) => r.template_id).filter((v): v is number => v !== null)).select('id', 'name')) as { id: number; name: string }[]).map((t) => [Number(t.id), t.name]));
  const users = new Map(((await ctx.db('users').whereIn('id', rows.map((r) => r.sender_id)).select('id', 'name')) as { id: number; name: string }[]).map((u) => [Number(u.id), u.name]));
  return rows.map((r) => mailingJson(r, counts.get(r.id)!, { template: r.template_id === null ? null : templates.get(r.template_id) ?? null, sender: users.get(r.sender_id) ?? null }));
}

export function mailingService(ctx: AppContext) {
  const db = ctx.db;

  async function one(actor: Actor, id: number): Promise<MailingJson> {
    return (await withNames(ctx, [await findMailing(db, actor, id)]))[0]!;
  }

  async function assertTemplate(templateId: number): Promise<void> {
    if (!(await db('mail_templates').where({ id: templateId }).first('id'))) throw fieldError('templateId', 'reference_invalid', 'There is no such e-mail template.');
  }

  function checkAudience(input: { audience: 'clients' | 'contacts'; filter?: Record<string, string> | null; picked?: number[] | null }): void {
    if (input.filter && input.picked) throw fieldError('picked', 'invalid_value', 'Choose recipients by a filter or by hand, not both.');
    if (!input.filter && !input.picked) throw fieldError('filter', 'required', 'Give a recipient filter (as the list takes it, {} for everyone) or pick recipients by hand.');
    if (input.filter) checkFilter(ctx, input.audience, input.filter);
  }

  /** The mailing, for a change that needs it in one of the given states. */
  async function inState(actor: Actor, id: number, action: string, states: MailingRow['status'][]): Promise<MailingRow> {
    assertCan(actor, 'mail', 'edit');
    const row = await findMailing(db, actor, id);
    if (!states.includes(row.status)) throw new AppError('invalid_state', `A ${row.status} mailing cannot be ${action}.`, { extra: { status: row.status } });
    return row;
  }

  /** Moves a mailing from one status to another only if nobody moved it meanwhile. */
  async function move(row: MailingRow, to: MailingRow['status'], extra: Record<string, unknown> = {}): Promise<void> {
    const at = now(ctx);
    const n = await db('mailings').where({ id: row.id, status: row.status }).update({ status: to, updated_at: at, version: db.raw('version + 1'), ...extra });
    if (n !== 1) throw new AppError('invalid_state', 'The mailing changed meanwhile; reload it.');
  }

  async function candidates(actor: Actor, row: MailingRow): Promise<Candidate[]> {
    return candidatesOf(ctx, actor, specOf(row));
  }

  return {
    async list(actor: Actor, query: Record<string, unknown>) {
      assertCan(actor, 'mail', 'read');
      const { limit, offset } = page(query, 200);
      const status = query.status;
      const base = scopedMailings(db, actor);
      if (status !== undefined) {
        if (typeof status !== 'string' || !['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled'].includes(status)) {
          throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: [{ field: 'status', code: 'invalid_value', message: 'Use draft, scheduled, running, paused, done or cancelled.' }] });
        }
        base.where('status', status);
      }
      const total = Number(((await base.clone().count({ n: '*' }).first()) as { n: number | string }).n);
      const rows = ((await base.select('*').orderBy('id', 'desc').limit(limit).offset(offset)) as MailingRow[]).map(normalise);
      return { items: await withNames(ctx, rows), total, totalExact: true, limit, offset };
    },

    get(actor: Actor, id: number) {
      assertCan(actor, 'mail', 'read');
      return one(actor, id);
    },

    async create(actor: Actor, body: unknown): Promise<MailingJson> {
      assertCan(actor, 'mail', 'create');
      const input = parseOrThrow(createMailingBody, body);
      checkAudience(input);
      await assertTemplate(input.templateId);
      const at = now(ctx);
      const [inserted] = (await db('mailings').insert({
        name: input.name, template_id: input.templateId, channel: input.channel, sender_id: actor.id, audience: input.audience,
        filter: input.filter ? JSON.stringify(input.filter) : null, picked: input.picked ? JSON.stringify(input.picked) : null,
        status: 'draft', rate_per_minute: input.ratePerMinute ?? null, version: 1, created_at: at, updated_at: at,
      }).returning('id')) as ({ id: number } | number)[];
      return one(actor, typeof inserted === 'object' ? Number(inserted.id) : Number(inserted));
    },

    async update(actor: Actor, id: number, body: unknown): Promise<MailingJson> {
      const input = parseOrThrow(updateMailingBody, body);
      const row = await inState(actor, id, 'changed', ['draft', 'scheduled']);
      if (row.version !== input.version) throw new AppError('version_conflict', 'Someone changed the mailing since you read it.', { extra: { current: await one(actor, id) } });
      const spec = specOf(row);
      const audience = input.audience ?? row.audience;
      const picked = input.picked !== undefined ? input.picked : input.filter ? null : spec.picked;
      const filter = input.filter !== undefined ? input.filter : input.picked ? null : spec.filter;
      checkAudience({ audience, filter, picked });
      if (input.templateId !== undefined) await assertTemplate(input.templateId);
      const n = await db('mailings').where({ id, version: row.version }).whereIn('status', ['draft', 'scheduled']).update({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.templateId !== undefined ? { template_id: input.templateId } : {}),
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
        ...(input.ratePerMinute !== undefined ? { rate_per_minute: input.ratePerMinute } : {}),
        audience, filter: filter ? JSON.stringify(filter) : null, picked: picked ? JSON.stringify(picked) : null,
        version: row.version + 1, updated_at: now(ctx),
      });
      if (n !== 1) throw new AppError('version_conflict', 'Someone changed the mailing since you read it.', { extra: { current: await one(actor, id) } });
      return one(actor, id);
    },

    async remove(actor: Actor, id: number): Promise<void> {
      assertCan(actor, 'mail', 'delete');
      const row = await findMailing(db, actor, id);
      if (row.status === 'running' || row.status === 'paused') throw new AppError('invalid_state', `A ${row.status} mailing cannot be deleted; cancel it first.`);
      await db('mailings').where({ id, status: row.status }).delete();
    },

    /** Who would get it: counts, the skipped with their reasons, and the first recipients. */
    async recipientsPreview(actor: Actor, id: number, query: Record<string, unknown>) {
      assertCan(actor, 'mail', 'read');
      const row = await findMailing(db, actor, id);
      const { limit, offset } = page(query, 500);
      const list = await candidates(actor, row);
      const skipped: Record<string, number> = {};
      for (const c of list) if (c.skip) skipped[c.skip] = (skipped[c.skip] ?? 0) + 1;
      return {
        total: list.length,
        toSend: list.filter((c) => !c.skip).length,
        skipped,
        items: list.slice(offset, offset + limit).map((c, i) => ({ index: offset + i, clientId: c.clientId, contactId: c.contactId, name: c.name, email: c.email, skip: c.skip })),
        limit, offset,
      };
    },

    /** One recipient's message as it would go out. */
    async previewOne(actor: Actor, id: number, query: Record<string, unknown>) {
      assertCan(actor, 'mail', 'read');
      const row = await findMailing(db, actor, id);
      const index = query.index === undefined ? 0 : Number(query.index);
      if (!Number.isInteger(index) || index < 0 || index > 100_000) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: [{ field: 'index', code: 'invalid_value', message: 'Use a whole number of 0 or more.' }] });
      const list = await candidates(actor, row);
      const c = list[index];
      if (!c) throw new AppError('not_found', `The mailing has ${list.length} recipients; there is none at position ${index}.`);
      await assertTemplateUsable(ctx, row.template_id);
      const rendered = await (await prepareMail(ctx, actor, row.template_id!))(
        { email: c.email ?? '', name: c.name, clientId: c.clientId, contactId: c.contactId },
        { unsubscribeUrl: c.address ? `${ctx.config.publicUrl ?? ''}/u/${await unsubscribeToken(ctx, c.address, row.id)}` : '' },
      );
      return {
        index, total: list.length, recipient: { clientId: c.clientId, contactId: c.contactId, name: c.name, email: c.email, skip: c.skip },
        subject: rendered.subject, html: rendered.html, text: rendered.text,
        attachments: rendered.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length })),
      };
    },

    /** Sends one recipient's message to a test address, through the mailing's channel. */
    async testSend(actor: Actor, id: number, body: unknown) {
      const input = parseOrThrow(testSendBody, body);
      assertCan(actor, 'mail', 'edit');
      const row = await findMailing(db, actor, id);
      await assertTemplateUsable(ctx, row.template_id);
      const list = await candidates(actor, row);
      const c = input.index !== undefined ? list[input.index] : (list.find((x) => !x.skip) ?? list[0]);
      const rendered = await (await prepareMail(ctx, actor, row.template_id!))(
        c ? { email: c.email ?? input.to, name: c.name, clientId: c.clientId, contactId: c.contactId } : { email: input.to },
        { unsubscribeUrl: '' },
      );
      const transport = mailTransport(ctx, row.channel === 'graph' ? { graphUserId: row.sender_id } : 'server');
      try {
        const { messageId } = await transport.send({ to: input.to, subject: `[Test] ${rendered.subject}`, html: rendered.html, text: rendered.text, attachments: rendered.attachments });
        return { sent: true, to: input.to, messageId, via: transport.kind };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('invalid_state', `The test message was not accepted: ${(err as Error).message}`);
      } finally {
        await transport.close();
      }
    },

    async start(actor: Actor, id: number, publicUrl: string): Promise<MailingJson> {
      const row = await inState(actor, id, 'started', ['draft', 'scheduled']);
      await db('mailings').where({ id }).update({ public_url: publicUrl });
      await materialize(ctx, row);
      runnerOf(ctx).wake();
      return one(actor, id);
    },

    async schedule(actor: Actor, id: number, body: unknown, publicUrl: string): Promise<MailingJson> {
      const input = parseOrThrow(scheduleBody, body);
      const row = await inState(actor, id, 'scheduled', ['draft', 'scheduled']);
      const at = new Date(input.at);
      if (at.getTime() < ctx.clock.now().getTime() - 60_000) throw fieldError('at', 'out_of_range', 'Choose a time in the future (or start it now).');
      await assertTemplateUsable(ctx, row.template_id);
      await move(row, 'scheduled', { scheduled_at: at.toISOString(), public_url: publicUrl, last_error: null });
      return one(actor, id);
    },

    async pause(actor: Actor, id: number): Promise<MailingJson> {
      const row = await inState(actor, id, 'paused', ['running']);
      await move(row, 'paused');
      return one(actor, id);
    },

    async resume(actor: Actor, id: number): Promise<MailingJson> {
      const row = await inState(actor, id, 'resumed', ['paused']);
      await move(row, 'running', { last_error: null });
      runnerOf(ctx).wake();
      return one(actor, id);
    },

    /** Stops for good; whoever was still queued is marked skipped (cancelled). */
    async cancel(actor: Actor, id: number): Promise<MailingJson> {
      const row = await inState(actor, id, 'cancelled', ['draft', 'scheduled', 'running', 'paused']);
      await move(row, 'cancelled', { finished_at: now(ctx) });
      await db('mailing_recipients').where({ mailing_id: id, state: 'queued' }).update({ state: 'skipped', reason: 'cancelled' });
      return one(actor, id);
    },

    async progress(actor: Actor, id: number) {
      assertCan(actor, 'mail', 'read');
      const row = await findMailing(db, actor, id);
      const counts = (await countsOf(db, [id])).get(id)!;
      const reasons = (await db('mailing_recipients').where({ mailing_id: id, state: 'skipped' }).groupBy('reason').select('reason').count({ n: '*' })) as { reason: string; n: number | string }[];
      return {
        id, status: row.status, counts, skipped: Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])),
        startedAt: iso(row.started_at), finishedAt: iso(row.finished_at), lastError: row.last_error,
      };
    },

    async recipients(actor: Actor, id: number, query: Record<string, unknown>) {
      assertCan(actor, 'mail', 'read');
      await findMailing(db, actor, id);
      const { limit, offset } = page(query, 500);
      const base = db('mailing_recipients').where({ mailing_id: id });
      if (query.state !== undefined) {
        if (typeof query.state !== 'string' || !recipientStates.includes(query.state as RecipientState)) {
          throw new AppError('invalid_query', 'Some query parameters are invalid.', { details: [{ field: 'state', code: 'invalid_value', message: `Use one of: ${recipientStates.join(', ')}.` }] });
        }
        base.where('state', query.state);
      }
      const total = Number(((await base.clone().count({ n: '*' }).first()) as { n: number | string }).n);
      const rows = (await base.select('*').orderBy('id').limit(limit).offset(offset)) as RecipientRow[];
      return { items: rows.map(recipientJson), total, totalExact: true, limit, offset };
    },

    async suppressions(actor: Actor, query: Record<string, unknown>) {
      assertCan(actor, 'mail', 'read');
      const { limit, offset } = page(query, 500);
      const total = Number(((await db('mail_suppressions').count({ n: '*' }).first()) as { n: number | string }).n);
      const rows = (await db('mail_suppressions').select('*').orderBy('at', 'desc').limit(limit).offset(offset)) as { address: string; reason: string; mailing_id: number | null; at: string | Date }[];
      return { items: rows.map((r) => ({ address: r.address, reason: r.reason, mailingId: r.mailing_id === null ? null : Number(r.mailing_id), at: iso(r.at) })), total, totalExact: true, limit, offset };
    },

    async addSuppression(actor: Actor, body: unknown) {
      assertCan(actor, 'mail', 'edit');
      const { address } = parseOrThrow(suppressionBody, body);
      if (!plausibleAddress(address)) throw fieldError('address', 'invalid_value', 'This is not an e-mail address a mail server would take.');
      await suppress(db, address, 'manual', null, now(ctx));
      return { address: address.toLowerCase() };
    },

    async removeSuppression(actor: Actor, address: string) {
      assertCan(actor, 'mail', 'delete');
      const n = await db('mail_suppressions').where({ address: address.toLowerCase() }).delete();
      if (!n) throw new AppError('not_found', 'The address is not on the suppression list.');
    },
  };
}
