import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { isPostgres } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { eventService, MAX_REMIND_MINUTES } from '../events/service.js';
import { parseOrThrow } from '../fields/validation.js';
import type { ApiRecord } from '../records/rows.js';
import { TaskService } from '../tasks/service.js';
import { emailAddress } from './address.js';

/** The part of a message's text kept on the event: enough to recall it, not a mail archive. */
export const EXCERPT_CHARS = 2000;

const datetime = z.iso.datetime({ offset: true, error: 'Use an ISO date and time with an offset, e.g. 2026-12-01T09:00:00Z.' });
const recordId = z.number().int().positive().max(2_147_483_647);

export const logBody = z.strictObject({
  clientId: recordId,
  contactId: recordId.nullable().optional(),
  subject: z.string().trim().max(500, { error: 'At most 500 characters.' }),
  receivedAt: datetime,
  from: z.strictObject({ name: z.string().trim().max(320), email: emailAddress }),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  excerpt: z.string().max(100_000).optional(),
  /** The Internet Message-ID header: the same in every mailbox, so a message is logged once. */
  internetMessageId: z.string().trim().min(1).max(400).optional(),
  /** Outlook's REST id of the message, to open it again from the event. */
  restId: z.string().trim().min(1).max(400).optional(),
  followUp: z.strictObject({
    title: z.string().trim().min(1, { error: 'Give the follow-up a title.' }).max(500),
    dueAt: datetime,
    remindBeforeMinutes: z.number().int().min(0).max(MAX_REMIND_MINUTES).optional(),
  }).optional(),
});

export type LogInput = z.infer<typeof logBody>;

/** Collapses the whitespace a mail body is full of and cuts at a word near the limit. */
export function excerptOf(text: string): string {
  const flat = text.replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n\n').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS - 200 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Logs an e-mail as a done event of its client (type "email"), remembers
 * which message it was, and plans a follow-up task linked to the event,
 * all in one transaction: a refused follow-up leaves no half-logged mail.
 */
export async function logMessage(ctx: AppContext, actor: Actor, body: unknown): Promise<{ event: ApiRecord; task: ApiRecord | null }> {
  assertCan(actor, 'events', 'create');
  const input = parseOrThrow(logBody, body);
  if (input.followUp) assertCan(actor, 'tasks', 'create');
  const events = eventService(ctx);
  const tasks = new TaskService(ctx);
  return ctx.db.transaction(async (trx) => {
    if (input.internetMessageId) {
      // PostgreSQL runs two requests' transactions side by side: locking the
      // client row makes a second log of the same message wait and then see
      // the first (SQLite's single connection serialises them anyway).
      if (isPostgres(trx)) await trx('clients').where({ id: input.clientId }).forUpdate().first('id');
      const earlier = (await trx('event_messages as m').join('events', 'events.id', 'm.event_id')
        .where({ 'm.internet_message_id': input.internetMessageId, 'events.client_id': input.clientId }).first('events.id')) as { id: number } | undefined;
      if (earlier) {
        throw new AppError('already_exists', 'This message is already logged for the client.', { extra: { eventId: Number(earlier.id) } });
      }
    }
    const from = input.from.name ? `${input.from.name} <${input.from.email}>` : input.from.email;
    const excerpt = input.excerpt ? excerptOf(input.excerpt) : '';
    const eventValues = parseOrThrow(events.schemas().create, {
      type: 'email', status: 'done', subject: input.subject || '—', clientId: input.clientId, contactId: input.contactId ?? null,
      startsAt: input.receivedAt, direction: input.direction ?? 'incoming',
      description: excerpt ? `${from}\n\n${excerpt}` : from,
    }) as Record<string, unknown>;
    const event = await events.createIn(trx, actor, eventValues);
    if (input.internetMessageId) {
      await trx('event_messages').insert({
        event_id: event.id, internet_message_id: input.internetMessageId, rest_id: input.restId ?? null, user_id: actor.id, created_at: nowIso(ctx),
      });
    }
    let task: ApiRecord | null = null;
    if (input.followUp) {
      const taskValues = parseOrThrow(tasks.schemas().create, {
        title: input.followUp.title, dueAt: input.followUp.dueAt, clientId: input.clientId, contactId: input.contactId ?? null, eventId: event.id,
        ...(input.followUp.remindBeforeMinutes !== undefined ? { remindBeforeMinutes: input.followUp.remindBeforeMinutes } : {}),
      }) as Record<string, unknown>;
      task = await tasks.createIn(trx, actor, taskValues);
    }
    return { event, task };
  });
}
