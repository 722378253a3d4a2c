import { z } from 'zod';
import { assertCan } from '../access/rights.js';
import { auditEntries, auditListJson } from '../audit/routes.js';
import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { CURRENCY_CODE } from '../money/currency.js';
import type { EntityDef } from '../records/entity.js';
import { fieldSchema } from './field-json.js';
import { zodJson, type JsonSchema } from './json-schema.js';
import { CHOICE_KEY } from './keys.js';
import { MAX_CHOICES, TEXT_DEFAULT_LENGTH, TEXT_MAX_LENGTH, linkTargets } from './options.js';
import { FieldService, reorderBody, updateBody } from './service.js';
import { FIELD_KEY, customFieldTypes, customizableEntities } from './types.js';

const TAG = 'Fields';

// The create body as documented; the handler checks options per type.
const createDoc = z.strictObject({
  entity: z.enum(customizableEntities),
  label: z.string().min(1).max(200),
  type: z.enum(customFieldTypes),
  key: z.string().regex(FIELD_KEY).optional().describe('Derived from the label when absent; never changes.'),
  options: z.strictObject({
    choices: z.array(z.strictObject({ key: z.string().regex(CHOICE_KEY).optional(), label: z.string().min(1).max(200) })).min(1).max(MAX_CHOICES).optional().describe('one_of, many_of'),
    decimals: z.number().int().min(0).max(6).optional().describe('number (default 0)'),
    currency: z.string().regex(CURRENCY_CODE).optional().describe('money (default: the default company\'s currency)'),
    entity: z.enum(Object.keys(linkTargets) as [string, ...string[]]).optional().describe('link (required)'),
    maxLength: z.number().int().min(1).max(TEXT_MAX_LENGTH).optional().describe(`text (default ${TEXT_DEFAULT_LENGTH})`),
  }).optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
});
const updateDoc = updateBody.extend({ options: createDoc.shape.options });

const listJson: JsonSchema = {
  type: 'object', properties: { items: { type: 'array', items: fieldSchema }, total: { type: 'integer' } }, required: ['items', 'total'], additionalProperties: false,
};

/** Property names in a JSON Schema of a record or of a list of records. */
function propertyNames(schema: JsonSchema | undefined): string[] {
  const props = schema?.properties as Record<string, JsonSchema> | undefined;
  if (!props) return [];
  const items = (props.items as JsonSchema | undefined)?.items as JsonSchema | undefined;
  return [...Object.keys(props), ...propertyNames(items)];
}

/**
 * Names the routes of an entity already use for a record (expansions such
 * as managerName or balance, write-only inputs, list parameters), read from
 * their documentation so a new custom key can never shadow one.
 */
function usedNamesFrom(ctx: AppContext, routes: () => Route[]): (def: EntityDef) => Set<string> {
  return (def) => {
    const names = new Set<string>();
    const base = `/${def.path}`;
    for (const r of routes()) {
      if (r.path !== base && r.path !== `${base}/:id`) continue;
      if (r.response && r.method === 'get') for (const n of propertyNames(r.response(ctx))) names.add(n);
      if (r.body) for (const n of propertyNames(zodJson(r.body(ctx)))) names.add(n);
      // List parameters that are not filters (e.g. includeCancelled) would hide a filter of the same name.
      if (r.query) for (const q of r.query(ctx)) names.add(q.name);
    }
    return names;
  };
}

/**
 * /fields: the field metadata of every entity, and custom fields on
 * clients, contacts, contracts, invoices and products. `routes` gives the
 * other API routes (lazily), to know the names records already use.
 */
export function fieldRoutes(ctx: AppContext, routes: () => Route[] = () => []): Route[] {
  const fields = new FieldService(ctx, usedNamesFrom(ctx, routes));
  return [
    route({
      method: 'get', path: '/fields', tag: TAG, summary: 'Fields of an entity (built-in and custom) in display order',
      query: () => [
        { name: 'entity', description: 'client, contact, contract, invoice, product, … (default: all entities).', schema: { type: 'string' } },
        { name: 'includeArchived', description: 'true to include archived custom fields.', schema: { type: 'boolean' } },
        { name: 'limit', description: 'Page size (default: all fields).', schema: { type: 'integer', minimum: 1 } },
        { name: 'offset', description: 'Fields to skip.', schema: { type: 'integer', minimum: 0 } },
      ],
      response: () => listJson,
      handler: async ({ actor, query }) => fields.list(actor, query),
    }),
    route({
      method: 'post', path: '/fields', tag: TAG, status: 201,
      summary: 'Add a custom field; it is at once part of the records, filters, sorting, search and this document',
      body: () => createDoc, response: () => fieldSchema,
      handler: ({ actor, body }) => fields.create(actor, body),
    }),
    route({
      method: 'post', path: '/fields/reorder', tag: TAG,
      summary: 'Put fields in this order; fields not listed keep their order after the listed ones',
      body: () => reorderBody, response: () => listJson,
      handler: ({ actor, body }) => fields.reorder(actor, body),
    }),
    route({
      method: 'get', path: '/fields/:id', tag: TAG, summary: 'Get a field',
      response: () => fieldSchema,
      handler: async (call) => fields.get(call.actor, idParam(call)),
    }),
    route({
      method: 'patch', path: '/fields/:id', tag: TAG,
      summary: 'Rename (label), hide, move, require, or edit the options of a field (send the version you read)',
      body: () => updateDoc, response: () => fieldSchema,
      handler: (call) => fields.update(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'post', path: '/fields/:id/archive', tag: TAG,
      summary: 'Archive a custom field: it leaves records, forms, filters and search; its values are kept',
      response: () => fieldSchema,
      handler: (call) => fields.setArchived(call.actor, idParam(call), true),
    }),
    route({
      method: 'post', path: '/fields/:id/restore', tag: TAG, summary: 'Restore an archived custom field with its values',
      response: () => fieldSchema,
      handler: (call) => fields.setArchived(call.actor, idParam(call), false),
    }),
    route({
      method: 'delete', path: '/fields/:id', tag: TAG, status: 204,
      summary: 'Delete a custom field and all its values (cannot be undone; archive to keep them)',
      handler: async (call) => {
        await fields.remove(call.actor, idParam(call));
      },
    }),
    route({
      method: 'get', path: '/fields/:id/audit', tag: TAG, summary: 'History of a field: who added, changed, archived or deleted it',
      response: auditListJson,
      async handler(call) {
        assertCan(call.actor, 'fields', 'read');
        return { items: await auditEntries(ctx.db, 'field', idParam(call)) };
      },
    }),
  ];
}
