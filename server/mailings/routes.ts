import type { AppContext } from '../context.js';
import type { JsonSchema } from '../fields/json-schema.js';
import { idParam, listSchema, route, type Route } from '../http/route.js';
import { createMailingBody, scheduleBody, suppressionBody, testSendBody, updateMailingBody, versionBody } from './schemas.js';
import { mailingService } from './service.js';
import { publicBase } from './unsubscribe.js';

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const intOrNull = { type: ['integer', 'null'] };
const counts: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(['queued', 'sending', 'sent', 'failed', 'skipped', 'total'].map((k) => [k, { type: 'integer' }])),
  required: ['queued', 'sending', 'sent', 'failed', 'skipped', 'total'],
};
const mailing: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, version: { type: 'integer' }, name: str, templateId: intOrNull, templateName: strOrNull,
    channel: { enum: ['server', 'graph'] }, senderId: { type: 'integer' }, senderName: strOrNull, audience: { enum: ['clients', 'contacts'] },
    filter: { type: ['object', 'null'], additionalProperties: str }, picked: { type: ['array', 'null'], items: { type: 'integer' } },
    status: { enum: ['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled'] },
    scheduledAt: strOrNull, startedAt: strOrNull, finishedAt: strOrNull, ratePerMinute: intOrNull, lastError: strOrNull, counts,
    createdAt: str, updatedAt: str,
  },
  required: ['id', 'version', 'name', 'status', 'channel', 'audience', 'counts'],
  additionalProperties: false,
};
const recipient: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, clientId: intOrNull, contactId: intOrNull, name: str, email: strOrNull,
    state: { enum: ['queued', 'sending', 'sent', 'failed', 'skipped'] }, reason: strOrNull, attempts: { type: 'integer' },
    nextAttemptAt: strOrNull, sentAt: strOrNull,
  },
  required: ['id', 'name', 'state'],
  additionalProperties: false,
};
const suppression: JsonSchema = {
  type: 'object',
  properties: { address: str, reason: str, mailingId: intOrNull, at: str },
  required: ['address', 'reason', 'at'],
  additionalProperties: false,
};
const pageQuery = () => [
  { name: 'limit', description: 'Page size (default 50).' },
  { name: 'offset', description: 'Rows to skip.' },
];

/** Mail-merge mailings (docs/outlook.md, "Mailings"); rights: the "mail" resource. */
export function mailingRoutes(ctx: AppContext): Route[] {
  const s = mailingService(ctx);
  const tag = 'Mailings';
  return [
    route({
      method: 'get', path: '/mailings', tag, summary: 'Mailings, newest first, with their progress', query: () => [...pageQuery(), { name: 'status', description: 'Only mailings in this status.' }],
      response: () => listSchema(mailing), handler: ({ actor, query }) => s.list(actor, query),
    }),
    route({
      method: 'post', path: '/mailings', tag, status: 201, summary: 'Create a draft mailing: template, channel (server SMTP or your Microsoft 365 mailbox), recipients by saved filter or by hand',
      body: () => createMailingBody, response: () => mailing, handler: ({ actor, body }) => s.create(actor, body),
    }),
    route({ method: 'get', path: '/mailings/:id', tag, summary: 'One mailing with its progress', response: () => mailing, handler: (c) => s.get(c.actor, idParam(c)) }),
    route({
      method: 'patch', path: '/mailings/:id', tag, summary: 'Change a draft or scheduled mailing', body: () => updateMailingBody, response: () => mailing,
      handler: (c) => s.update(c.actor, idParam(c), c.body),
    }),
    route({
      method: 'delete', path: '/mailings/:id', tag, status: 204, summary: 'Delete a mailing that is not running or paused',
      handler: async (c) => {
        await s.remove(c.actor, idParam(c));
      },
    }),
    route({
      method: 'get', path: '/mailings/:id/audience', tag, summary: 'Who would get the mailing now: counts, skipped recipients with their reasons, and a page of recipients',
      query: pageQuery, response: () => ({ type: 'object', required: ['total', 'toSend', 'skipped', 'items'] }),
      handler: (c) => s.recipientsPreview(c.actor, idParam(c), c.query),
    }),
    route({
      method: 'get', path: '/mailings/:id/preview', tag, summary: 'One recipient\'s message as it would go out (subject, HTML, text, attachments)',
      query: () => [{ name: 'index', description: 'Position of the recipient in the audience (default 0).' }],
      response: () => ({ type: 'object', required: ['subject', 'html', 'text', 'recipient', 'attachments'] }),
      handler: (c) => s.previewOne(c.actor, idParam(c), c.query),
    }),
    route({
      method: 'post', path: '/mailings/:id/test-send', tag, summary: 'Send one recipient\'s message to a test address through the mailing\'s channel',
      body: () => testSendBody, response: () => ({ type: 'object', required: ['sent', 'to', 'messageId', 'via'] }),
      handler: (c) => s.testSend(c.actor, idParam(c), c.body),
    }),
    route({
      method: 'post', path: '/mailings/:id/start', tag, summary: 'Start now: the recipients are fixed and queued, the template checked first (every error listed)',
      body: () => versionBody, response: () => mailing, handler: (c) => s.start(c.actor, idParam(c), publicBase(ctx, c.req)),
    }),
    route({
      method: 'post', path: '/mailings/:id/schedule', tag, summary: 'Start at a given time (recipients are chosen then)',
      body: () => scheduleBody, response: () => mailing, handler: (c) => s.schedule(c.actor, idParam(c), c.body, publicBase(ctx, c.req)),
    }),
    route({ method: 'post', path: '/mailings/:id/pause', tag, summary: 'Pause a running mailing (after the messages in flight)', body: () => versionBody, response: () => mailing, handler: (c) => s.pause(c.actor, idParam(c)) }),
    route({ method: 'post', path: '/mailings/:id/resume', tag, summary: 'Resume a paused mailing', body: () => versionBody, response: () => mailing, handler: (c) => s.resume(c.actor, idParam(c)) }),
    route({ method: 'post', path: '/mailings/:id/cancel', tag, summary: 'Cancel a mailing for good; recipients not yet sent to are skipped', body: () => versionBody, response: () => mailing, handler: (c) => s.cancel(c.actor, idParam(c)) }),
    route({
      method: 'get', path: '/mailings/:id/progress', tag, summary: 'Counts of recipients per state, and skipped ones per reason',
      response: () => ({ type: 'object', properties: { id: { type: 'integer' }, status: str, counts, skipped: { type: 'object', additionalProperties: { type: 'integer' } }, startedAt: strOrNull, finishedAt: strOrNull, lastError: strOrNull }, required: ['id', 'status', 'counts', 'skipped'], additionalProperties: false }),
      handler: (c) => s.progress(c.actor, idParam(c)),
    }),
    route({
      method: 'get', path: '/mailings/:id/recipients', tag, summary: 'The mailing\'s recipients with their state (queued, sending, sent, failed, skipped) and reason',
      query: () => [...pageQuery(), { name: 'state', description: 'Only recipients in this state.' }],
      response: () => listSchema(recipient), handler: (c) => s.recipients(c.actor, idParam(c), c.query),
    }),
    route({
      method: 'get', path: '/mail-suppressions', tag, summary: 'Addresses no mailing writes to (unsubscribed or added by hand)', query: pageQuery,
      response: () => listSchema(suppression), handler: ({ actor, query }) => s.suppressions(actor, query),
    }),
    route({
      method: 'post', path: '/mail-suppressions', tag, status: 201, summary: 'Add an address to the suppression list', body: () => suppressionBody,
      response: () => ({ type: 'object', properties: { address: str }, required: ['address'], additionalProperties: false }), handler: ({ actor, body }) => s.addSuppression(actor, body),
    }),
    route({
      method: 'delete', path: '/mail-suppressions/:address', tag, status: 204, summary: 'Take an address off the suppression list',
      handler: async (c) => {
        await s.removeSuppression(c.actor, String(c.params.address ?? ''));
      },
    }),
  ];
}
