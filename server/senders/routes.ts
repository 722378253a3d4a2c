import { assertCan, can } from '../access/rights.js';
import { nowIso, today, type AppContext } from '../context.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { idParam, route, type Route } from '../http/route.js';
import { eventService } from '../events/service.js';
import { toIso } from '../fields/codec.js';
import { senderCardJson } from './card.js';
import { logBody, logMessage } from './log.js';
import { loggedEvents, lookupSenders } from './lookup.js';
import { parseMailbox } from './address.js';

/** The sender and the other recipients of one message; a longer list is a mailing, not a conversation. */
export const MAX_ADDRESSES = 50;

const draftJson = {
  type: ['object', 'null'],
  properties: {
    email: { type: 'string' }, name: { type: 'string' }, firstName: { type: ['string', 'null'] }, lastName: { type: ['string', 'null'] },
    company: { type: ['string', 'null'] }, freeMail: { type: 'boolean' },
  },
  required: ['email', 'name', 'firstName', 'lastName', 'company', 'freeMail'], additionalProperties: false,
};

const matchJson = {
  type: 'object',
  properties: {
    entity: { enum: ['client', 'contact'] },
    id: { type: 'integer', description: 'Present only when you may open the record.' },
    name: { type: 'string' }, managerId: { type: 'integer' }, managerName: { type: 'string' }, accessible: { type: 'boolean' },
    client: { type: ['object', 'null'] }, contact: { type: ['object', 'null'] }, card: senderCardJson,
  },
  required: ['entity', 'name', 'managerId', 'managerName', 'accessible'], additionalProperties: false,
};

const loggedJson = {
  type: 'object',
  properties: {
    eventId: { type: 'integer' }, clientId: { type: 'integer' }, clientName: { type: 'string' }, subject: { type: 'string' },
    loggedAt: { type: 'string' }, loggedBy: { type: 'string' },
  },
  required: ['eventId', 'clientId', 'clientName', 'subject', 'loggedAt', 'loggedBy'], additionalProperties: false,
};

const invalid = (message: string, details: ErrorDetail[]) => new AppError('invalid_query', message, { details });

/** The `email` values (one or repeated) and the optional `messageId` of GET /senders. */
export function parseLookupQuery(query: Record<string, unknown>): { addresses: { email: string; name: string }[]; messageId: string | null } {
  const unknown = Object.keys(query).filter((k) => k !== 'email' && k !== 'messageId');
  if (unknown.length) throw invalid(`Unknown parameter ${unknown[0]!.slice(0, 40)}.`, unknown.map((k) => ({ field: k.slice(0, 40), code: 'unknown_filter', message: 'Use email and messageId.' })));
  const raw = query.email === undefined ? [] : Array.isArray(query.email) ? query.email : [query.email];
  if (!raw.length) throw invalid('Give at least one address: ?email=ann@example.com.', [{ field: 'email', code: 'required', message: 'Give the sender\'s address.' }]);
  if (raw.length > MAX_ADDRESSES) {
    throw invalid(`At most ${MAX_ADDRESSES} addresses at once.`, [{ field: 'email', code: 'too_many', message: `Send at most ${MAX_ADDRESSES} addresses.` }]);
  }
  const details: ErrorDetail[] = [];
  const addresses: { email: string; name: string }[] = [];
  raw.forEach((value, i) => {
    const parsed = typeof value === 'string' ? parseMailbox(value) : null;
    if (parsed) addresses.push(parsed);
    else details.push({ field: `email.${i}`, code: 'invalid_email', message: `"${String(typeof value === 'string' ? value : '').slice(0, 60)}" is not an e-mail address.` });
  });
  if (details.length) throw invalid('Some addresses are not e-mail addresses.', details);
  const messageId = query.messageId;
  if (messageId !== undefined && (typeof messageId !== 'string' || !messageId.trim() || messageId.length > 400)) {
    throw invalid('messageId must be the message\'s Internet Message-ID.', [{ field: 'messageId', code: 'invalid_value', message: 'Give one Message-ID of at most 400 characters.' }]);
  }
  return { addresses, messageId: typeof messageId === 'string' ? messageId.trim() : null };
}

/** The Outlook pane's server side: who the people on a message are, and logging the message. */
export function senderRoutes(ctx: AppContext): Route[] {
  return [
    route({
      method: 'get', path: '/senders', tag: 'Outlook',
      summary: 'The clients and contacts with these e-mail addresses (sender and recipients of a message), with what is open with each; across all managers, details only where you may open the record',
      query: () => [
        { name: 'email', required: true, description: `An address, or "Name <address>"; repeat for up to ${MAX_ADDRESSES}.`, schema: { type: 'string' } },
        { name: 'messageId', description: 'The message\'s Internet Message-ID: answers the events it was already logged as.', schema: { type: 'string' } },
      ],
      response: () => ({
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: { email: { type: 'string' }, name: { type: 'string' }, matches: { type: 'array', items: matchJson }, draft: draftJson },
              required: ['email', 'name', 'matches', 'draft'], additionalProperties: false,
            },
          },
          logged: { type: 'array', items: loggedJson },
        },
        required: ['items', 'logged'], additionalProperties: false,
      }),
      async handler({ actor, query }) {
        assertCan(actor, 'clients', 'read');
        assertCan(actor, 'contacts', 'read');
        const { addresses, messageId } = parseLookupQuery(query);
        const items = await lookupSenders(ctx.db, actor, addresses, { now: nowIso(ctx), today: today(ctx) });
        const logged = messageId && can(actor, 'events', 'read') ? await loggedEvents(ctx.db, actor, messageId) : [];
        return { items, logged };
      },
    }),
    route({
      method: 'get', path: '/events/:id/message', tag: 'Outlook',
      summary: 'The Outlook message an event was logged from: its Message-ID, and the REST id to open it in the mailbox of the user who logged it',
      response: () => ({
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                internetMessageId: { type: 'string' }, restId: { type: ['string', 'null'] }, userId: { type: 'integer' }, loggedAt: { type: 'string' },
              },
              required: ['internetMessageId', 'restId', 'userId', 'loggedAt'], additionalProperties: false,
            },
          },
        },
        required: ['items'], additionalProperties: false,
      }),
      async handler(call) {
        const id = idParam(call);
        await eventService(ctx).assertVisible(call.actor, id);
        const rows = (await ctx.db('event_messages').where({ event_id: id }).orderBy('id')
          .select('internet_message_id', 'rest_id', 'user_id', 'created_at')) as { internet_message_id: string; rest_id: string | null; user_id: number; created_at: unknown }[];
        return { items: rows.map((r) => ({ internetMessageId: r.internet_message_id, restId: r.rest_id, userId: Number(r.user_id), loggedAt: toIso(r.created_at)! })) };
      },
    }),
    route({
      method: 'post', path: '/senders/log', tag: 'Outlook', status: 201,
      summary: 'Log an e-mail as a done event of its client (subject, date, sender, a text excerpt, the message\'s ids), optionally with a follow-up task',
      body: () => logBody,
      response: () => ({ type: 'object', properties: { event: { type: 'object' }, task: { type: ['object', 'null'] } }, required: ['event', 'task'], additionalProperties: false }),
      handler: ({ actor, body }) => logMessage(ctx, actor, body),
    }),
  ];
}
