import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import type { JsonSchema } from '../fields/json-schema.js';
import { idParam, listSchema, route, type Route } from '../http/route.js';
import { deleteMapping, listMappings, saveMapping, saveMappingSchema } from './mappings.js';
import { assertImport, importService, mappingSchema, optionsSchema, reviewSchema, rowsSchema, targetSchema } from './service.js';
import { targets, type Target } from './fields.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const counts: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(['created', 'updated', 'skipped', 'failed', 'held'].map((k) => [k, { type: 'integer' }])),
  required: ['created', 'updated', 'skipped', 'failed', 'held'], additionalProperties: false,
};

const mappingJsonSchema: JsonSchema = {
  type: 'object',
  description: 'headerRow (1-based), columns [{column (0-based), header, field, type, labelColumn}], sheet, dateOrder (dmy|mdy).',
  properties: { sheet: { type: 'string' }, headerRow: { type: 'integer' }, columns: { type: 'array', items: { type: 'object' } }, dateOrder: { enum: ['dmy', 'mdy'] } },
  required: ['headerRow', 'columns'],
};

const jobSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    target: { enum: [...targets] },
    status: { enum: ['ready', 'running', 'cancelling', 'cancelled', 'interrupted', 'done', 'failed', 'undone'] },
    fileName: { type: 'string' }, format: { enum: ['xlsx', 'csv', 'vcard', 'json'] }, size: { type: 'integer' },
    structure: { type: 'object', description: 'format, sheets [{name, rowsEstimate}], text {encoding, delimiter} for CSV and vCard.' },
    options: { type: 'object', properties: { sheet: { type: ['string', 'null'] }, mapping: mappingJsonSchema, onDuplicate: { enum: ['skip', 'update', 'create', 'review'] } }, required: ['sheet', 'mapping', 'onDuplicate'], additionalProperties: false },
    header: { type: 'array', items: { type: ['string', 'null'] } },
    progress: { type: 'object', properties: { lastRow: { type: 'integer' }, rowsEstimate: { type: ['integer', 'null'] }, percent: { type: ['integer', 'null'] } }, required: ['lastRow', 'rowsEstimate', 'percent'], additionalProperties: false },
    counts,
    error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: ['string', 'null'] } } },
    version: { type: 'integer' },
    createdAt: { type: 'string' }, updatedAt: { type: 'string' }, startedAt: { type: ['string', 'null'] }, finishedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'target', 'status', 'fileName', 'format', 'size', 'structure', 'options', 'header', 'progress', 'counts', 'error', 'version', 'createdAt', 'updatedAt', 'startedAt', 'finishedAt'],
  additionalProperties: false,
};

const savedMapping: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, target: { enum: [...targets] }, name: { type: 'string' }, mapping: mappingJsonSchema, version: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } },
  required: ['id', 'target', 'name', 'mapping', 'version', 'createdAt', 'updatedAt'], additionalProperties: false,
};

const tag = 'Imports';

export function importRoutes(ctx: AppContext): Route[] {
  const imports = importService(ctx);
  return [
    route({
      method: 'get', path: '/imports', tag, summary: 'List import jobs (your own; administrators and scope "all" see everyone\'s)',
      query: () => [{ name: 'limit', description: '1–200 (default 50).' }, { name: 'offset', description: 'Jobs to skip.' }],
      response: () => listSchema(jobSchema),
      handler: ({ actor, query }) => imports.list(actor, query),
    }),
    route({
      method: 'post', path: '/imports', tag, status: 201, bodyMedia: ['application/octet-stream'],
      summary: 'Upload a file to import (.xlsx, .csv/.txt, vCard) as the request body: detects its structure and suggests a mapping',
      query: () => [
        { name: 'target', description: 'clients, contacts or products.', required: true, schema: { enum: [...targets] } },
        { name: 'fileName', description: 'The file\'s name, shown in lists and the error report.' },
        { name: 'mapping', description: 'A saved mapping to apply (by name).' },
        { name: 'onDuplicate', description: 'skip (default), update, create or review.', schema: { enum: ['skip', 'update', 'create', 'review'] } },
      ],
      response: () => jobSchema,
      handler: ({ actor, query, req }) => {
        if (!req.is('application/octet-stream')) throw new AppError('unsupported_media_type', 'Send the file as the request body with Content-Type application/octet-stream.');
        return imports.upload(actor, query, req);
      },
    }),
    route({
      method: 'post', path: '/imports/rows', tag, status: 201,
      summary: 'Start an import from rows sent as JSON (the Excel pane: the header row first; add more with POST /imports/{id}/rows)',
      body: () => rowsSchema.extend({ target: targetSchema }),
      response: () => jobSchema,
      handler: ({ actor, body }) => imports.addRows(actor, null, body),
    }),
    route({
      method: 'get', path: '/import-fields/:target', tag, summary: 'The fields a column can be imported into, for a target: clients, contacts or products (custom fields included)',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' }, kind: { type: 'string' }, type: { type: ['string', 'null'] }, custom: { type: 'boolean' } }, required: ['key', 'label', 'kind', 'type', 'custom'], additionalProperties: false } }, uploadLimit: { type: 'integer', description: 'The largest file an upload accepts, in bytes (KONTORA_IMPORT_LIMIT), for the wizard to show.' } }, required: ['items', 'uploadLimit'], additionalProperties: false }),
      handler: async ({ actor, params }) => ({ ...(await imports.fields(actor, parseOrThrow(targetSchema, params.target) as Target)), uploadLimit: ctx.config.importLimit }),
    }),
    route({
      method: 'get', path: '/imports/:id', tag, summary: 'An import job: status, progress, counts, mapping', response: () => jobSchema,
      handler: (call) => imports.get(call.actor, idParam(call)),
    }),
    route({
      method: 'patch', path: '/imports/:id', tag, summary: 'Choose the sheet, header row, mapping (or a saved mapping by name) and duplicate policy before running',
      body: () => optionsSchema,
      response: () => jobSchema,
      handler: (call) => imports.update(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/imports/:id', tag, status: 204, summary: 'Delete an import job and its file (imported records stay; use undo to remove them)',
      handler: async (call) => imports.remove(call.actor, idParam(call)),
    }),
    route({
      method: 'post', path: '/imports/:id/rows', tag, summary: 'Add rows to an import started from rows, before it runs',
      body: () => rowsSchema.omit({ target: true, fileName: true }),
      response: () => jobSchema,
      handler: (call) => imports.addRows(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'get', path: '/imports/:id/preview', tag, summary: 'The first rows as they will be saved, with problems per field and the duplicate each would meet',
      query: () => [{ name: 'limit', description: 'Rows, 1–100 (default 20).' }],
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { rowNumber: { type: 'integer' }, values: { type: 'object' }, problems: { type: 'array' }, duplicate: { type: ['object', 'null'] } }, required: ['rowNumber', 'values', 'problems', 'duplicate'], additionalProperties: false } }, mapping: mappingJsonSchema, header: { type: 'array' } }, required: ['items', 'mapping', 'header'], additionalProperties: false }),
      handler: (call) => imports.preview(call.actor, idParam(call), call.query),
    }),
    route({
      method: 'post', path: '/imports/:id/run', tag, status: 202, summary: 'Run the import in the background (optionally setting options first); poll the job for progress',
      body: () => optionsSchema.omit({ version: true }),
      response: () => jobSchema,
      handler: (call) => imports.start(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'post', path: '/imports/:id/cancel', tag, summary: 'Cancel a running import after its current chunk (what was imported stays until undone)',
      response: () => jobSchema,
      handler: (call) => imports.cancel(call.actor, idParam(call)),
    }),
    route({
      method: 'post', path: '/imports/:id/resume', tag, status: 202, summary: 'Resume an interrupted or cancelled import after its last committed row',
      response: () => jobSchema,
      handler: (call) => imports.resume(call.actor, idParam(call)),
    }),
    route({
      method: 'post', path: '/imports/:id/undo', tag, summary: 'Undo the whole import: remove created records, restore updated ones, unless changed since (those are listed)',
      response: () => ({ type: 'object', properties: { removed: { type: 'integer' }, restored: { type: 'integer' }, refused: { type: 'array', items: { type: 'object' } }, job: jobSchema }, required: ['removed', 'restored', 'refused', 'job'], additionalProperties: false }),
      handler: (call) => imports.undo(call.actor, idParam(call)),
    }),
    route({
      method: 'get', path: '/imports/:id/rows', tag, summary: 'Rows of an import by outcome (failed rows with their reasons, rows held for review, …)',
      query: () => [{ name: 'outcome', description: 'created, updated, skipped, failed or held.' }, { name: 'limit', description: '1–500 (default 100).' }, { name: 'offset', description: 'Rows to skip.' }],
      response: () => listSchema({ type: 'object', properties: { rowNumber: { type: 'integer' }, outcome: { type: 'string' }, entity: { type: ['string', 'null'] }, recordId: { type: ['integer', 'null'] }, cells: { type: ['array', 'null'] }, problems: { type: 'array' }, undo: { type: ['string', 'null'] } }, required: ['rowNumber', 'outcome', 'entity', 'recordId', 'cells', 'problems', 'undo'], additionalProperties: false }),
      handler: (call) => imports.rows(call.actor, idParam(call), call.query),
    }),
    route({
      method: 'post', path: '/imports/:id/review', tag, summary: 'Decide on rows held for review: skip, create anyway or update the existing record',
      body: () => reviewSchema,
      response: () => jobSchema,
      handler: (call) => imports.review(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'get', path: '/imports/:id/report', tag, produces: XLSX, summary: 'The error report: rows not imported, as in the file, with the reason per row (.xlsx)',
      handler: async (call) => imports.report(call.actor, idParam(call), call.res),
    }),
    route({
      method: 'get', path: '/import-mappings', tag, summary: 'Saved column mappings',
      query: () => [{ name: 'target', description: 'Only mappings for clients, contacts or products.' }],
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: savedMapping } }, required: ['items'], additionalProperties: false }),
      handler: ({ query }) => listMappings(ctx, query.target === undefined ? undefined : parseOrThrow(targetSchema, query.target) as Target),
    }),
    route({
      method: 'post', path: '/import-mappings', tag, status: 201, summary: 'Save a column mapping under a name (replaces one of the same name)',
      body: () => saveMappingSchema(mappingSchema, targetSchema),
      response: () => savedMapping,
      handler: ({ actor, body }) => {
        const input = parseOrThrow(saveMappingSchema(mappingSchema, targetSchema), body);
        assertImport(actor, input.target);
        return saveMapping(ctx, actor, input);
      },
    }),
    route({
      method: 'delete', path: '/import-mappings/:id', tag, status: 204, summary: 'Delete a saved mapping',
      handler: async (call) => {
        const id = idParam(call);
        const row = (await ctx.db('import_mappings').where({ id }).first('target')) as { target: Target } | undefined;
        if (!row) throw notFound('Saved mapping');
        assertImport(call.actor, row.target);
        await deleteMapping(ctx, id);
      },
    }),
  ];
}
