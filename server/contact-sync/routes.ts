import type { AppContext } from '../context.js';
import type { JsonSchema } from '../fields/json-schema.js';
import { listSchema, route, type Route } from '../http/route.js';
import { contactSyncService, settingsBody } from './service.js';
import { deletionPolicies } from './store.js';

const tag = 'Contact sync';
const counts = ['kontoraCreated', 'kontoraUpdated', 'kontoraDeleted', 'outlookCreated', 'outlookUpdated', 'outlookDeleted', 'linked', 'conflicts'];
const problem: JsonSchema = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, contactId: { type: 'integer' }, outlookId: { type: 'string' } },
  required: ['code', 'message'], additionalProperties: false,
};
const runSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, trigger: { enum: ['manual', 'schedule'] }, status: { enum: ['running', 'done', 'failed'] },
    full: { type: 'boolean', description: 'The whole folder was read (first run, or the delta token had expired).' },
    startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] },
    ...Object.fromEntries(counts.map((k) => [k, { type: 'integer' }])),
    error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    problems: { type: 'array', items: problem, description: 'Contacts that could not be synced this run (the run went on).' },
  },
  required: ['id', 'trigger', 'status', 'full', 'startedAt', 'finishedAt', ...counts, 'error', 'problems'], additionalProperties: false,
};
const settingsSchema: JsonSchema = {
  type: 'object',
  properties: {
    folderId: { type: ['string', 'null'], description: 'Outlook contact folder id; null: the default Contacts folder.' },
    category: { type: ['string', 'null'], description: 'Only Outlook contacts with this category are synced (and contacts sent to Outlook get it).' },
    deletionPolicy: { enum: [...deletionPolicies], description: 'A contact deleted on one side is deleted on the other (propagate), left there unlinked (unlink), or left there marked "Deleted in …" (archive).' },
    version: { type: 'integer', description: '0 until first saved.' }, updatedAt: { type: ['string', 'null'] },
  },
  required: ['folderId', 'category', 'deletionPolicy', 'version', 'updatedAt'], additionalProperties: false,
};
const statusSchema: JsonSchema = {
  type: 'object',
  properties: {
    mailbox: { type: ['object', 'null'], properties: { address: { type: 'string' } }, description: 'null: no Microsoft 365 mailbox is connected.' },
    settings: settingsSchema, running: { type: 'boolean' }, lastRun: { oneOf: [runSchema, { type: 'null' }] },
    runs: { type: 'array', items: runSchema }, linked: { type: 'integer' }, conflicts: { type: 'integer' },
  },
  required: ['mailbox', 'settings', 'running', 'lastRun', 'runs', 'linked', 'conflicts'], additionalProperties: false,
};
const conflictSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, runId: { type: 'integer' }, contactId: { type: 'integer' }, contactName: { type: ['string', 'null'] }, outlookId: { type: 'string' },
    field: { type: 'string' }, kontoraValue: { type: ['string', 'null'] }, outlookValue: { type: ['string', 'null'] }, winner: { enum: ['kontora', 'outlook'] },
    kontoraChangedAt: { type: ['string', 'null'] }, outlookChangedAt: { type: ['string', 'null'] }, at: { type: 'string' },
  },
  required: ['id', 'runId', 'contactId', 'contactName', 'outlookId', 'field', 'kontoraValue', 'outlookValue', 'winner', 'kontoraChangedAt', 'outlookChangedAt', 'at'],
  additionalProperties: false,
};

export function contactSyncRoutes(ctx: AppContext): Route[] {
  const sync = contactSyncService(ctx);
  return [
    route({
      method: 'get', path: '/contact-sync/status', tag, summary: 'Your Outlook contact sync: mailbox, settings, last runs with their counts and problems',
      response: () => statusSchema,
      handler: ({ actor }) => sync.status(actor),
    }),
    route({
      method: 'put', path: '/contact-sync/settings', tag, summary: 'Choose the Outlook folder or category to sync and what a deletion does on the other side',
      body: () => settingsBody, response: () => settingsSchema,
      handler: ({ actor, body }) => sync.saveSettings(actor, body),
    }),
    route({
      method: 'post', path: '/contact-sync/run', tag, summary: 'Sync your contacts with Outlook now (refused with sync_running while a sync of your mailbox runs)',
      response: () => ({ type: 'object', properties: { run: runSchema }, required: ['run'] }),
      handler: async ({ actor }) => ({ run: (await sync.run(actor)).run }),
    }),
    route({
      method: 'get', path: '/contact-sync/conflicts', tag, summary: 'Fields changed on both sides between two syncs, newest first, with both values and which won',
      query: () => [{ name: 'limit', description: '1–200 (default 50).' }, { name: 'offset', description: 'Conflicts to skip.' }],
      response: () => listSchema(conflictSchema),
      handler: ({ actor, query }) => sync.conflicts(actor, query),
    }),
    route({
      method: 'get', path: '/contact-sync/folders', tag, summary: 'The contact folders of your connected mailbox (an empty list when none is connected)',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] } } }, required: ['items'] }),
      handler: ({ actor }) => sync.folders(actor),
    }),
  ];
}
