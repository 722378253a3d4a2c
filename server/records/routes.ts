import { z } from 'zod';
import { recordSchema, zodJson, type JsonSchema } from '../fields/json-schema.js';
import { idParam, listSchema, route, type QueryParamDoc, type Route } from '../http/route.js';
import { isSortable, type FieldDef } from '../fields/types.js';
import type { AppContext } from '../context.js';
import type { RecordService } from './service.js';

export interface CrudOptions {
  /** Which of the five routes to expose (default: all). */
  only?: ('list' | 'get' | 'create' | 'update' | 'delete')[];
  /** Extra properties of a record in responses (structured fields, expansions). */
  extra?: (ctx: AppContext) => Record<string, JsonSchema>;
  /** Extra properties present only in single-record responses. */
  detailExtra?: (ctx: AppContext) => Record<string, JsonSchema>;
  /** Extra list parameters the list route accepts besides filters. */
  listParams?: QueryParamDoc[];
}

/** The OpenAPI description of list parameters, from the field metadata. */
export function listQueryDocs(service: RecordService, extra: QueryParamDoc[] = []): QueryParamDoc[] {
  const fields: FieldDef[] = service.fields;
  const sortable = fields.filter(isSortable).map((f) => f.key).concat(Object.keys(service.def.sorts ?? {}));
  const docs: QueryParamDoc[] = [
    { name: 'limit', description: 'Page size, 1–500 (default 50).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    { name: 'offset', description: 'Rows to skip.', schema: { type: 'integer', minimum: 0 } },
    { name: 'sort', description: `Comma-separated keys, "-" for descending. Sortable: ${sortable.join(', ')}.`, schema: { type: 'string' } },
    ...(service.hooks.search ? [{ name: 'q', description: 'Quick-search text.', schema: { type: 'string' } }] : []),
    ...extra,
  ];
  for (const field of fields) {
    if (field.column === null) continue;
    docs.push({ name: field.key, description: `Filter on ${field.label}; operators as field[op]=value.`, schema: { type: 'string' } });
  }
  for (const [key, filter] of Object.entries(service.def.filters ?? {})) {
    docs.push({ name: key, description: filter.description, schema: { type: 'string' } });
  }
  return docs;
}

export function recordJson(service: RecordService, ctx: AppContext, options: CrudOptions, detail: boolean): JsonSchema {
  const extra = options.extra?.(ctx) ?? {};
  const detailExtra = detail ? (options.detailExtra?.(ctx) ?? {}) : {};
  return recordSchema(service.fields, { ...extra, ...detailExtra });
}

/** The five REST routes of a resource, documented from its metadata. */
export function crudRoutes(service: RecordService, options: CrudOptions = {}): Route[] {
  const { def } = service;
  const base = `/${def.path}`;
  const only = new Set(options.only ?? ['list', 'get', 'create', 'update', 'delete']);
  const one = (ctx: AppContext) => recordJson(service, ctx, options, true);
  const routes: Route[] = [];
  if (only.has('list')) {
    routes.push(route({
      method: 'get', path: base, tag: def.labelPlural, summary: `List ${def.labelPlural.toLowerCase()}`,
      query: () => listQueryDocs(service, options.listParams),
      response: (ctx) => listSchema(recordJson(service, ctx, options, false)),
      handler: ({ actor, query }) => service.list(actor, query, { extraParams: options.listParams?.map((p) => p.name) }),
    }));
  }
  if (only.has('get')) {
    routes.push(route({
      method: 'get', path: `${base}/:id`, tag: def.labelPlural, summary: `Get a ${def.label.toLowerCase()}`,
      response: one,
      handler: (call) => service.get(call.actor, idParam(call)),
    }));
  }
  if (only.has('create')) {
    routes.push(route({
      method: 'post', path: base, tag: def.labelPlural, summary: `Create a ${def.label.toLowerCase()}`, status: 201,
      body: () => service.schemas().createBody, response: one,
      handler: ({ actor, body }) => service.create(actor, body),
    }));
  }
  if (only.has('update')) {
    routes.push(route({
      method: 'patch', path: `${base}/:id`, tag: def.labelPlural,
      summary: `Update a ${def.label.toLowerCase()} (send the version you read)`,
      body: () => service.schemas().updateBody, response: one,
      handler: (call) => service.update(call.actor, idParam(call), call.body),
    }));
  }
  if (only.has('delete')) {
    routes.push(route({
      method: 'delete', path: `${base}/:id`, tag: def.labelPlural, summary: `Delete a ${def.label.toLowerCase()}`, status: 204,
      handler: async (call) => {
        await service.remove(call.actor, idParam(call));
      },
    }));
  }
  return routes;
}

/** JSON Schema for a zod schema used in responses. */
export const outputJson = (schema: z.ZodType): JsonSchema => zodJson(schema, 'output');
