import type { AppContext } from '../context.js';
import { assertCan } from '../access/rights.js';
import { fieldTree } from '../documents/field-tree.js';
import { formatters } from '../documents/formatters.js';
import { recordTypes } from '../documents/relations.js';
import { idParam, route, type Route } from '../http/route.js';
import { attachmentDisposition } from '../documents/routes.js';
import { checkQuery, TemplateService, updateBody } from './service.js';
import { DOCX_MIME, parseQuery, readDocx } from './upload.js';
import { z } from 'zod';

const fieldsQuery = z.strictObject({ type: z.enum(recordTypes).optional() });

const versionJson = {
  type: 'object',
  properties: { number: { type: 'integer' }, size: { type: 'integer' }, sha256: { type: 'string' }, comment: { type: ['string', 'null'] }, createdBy: { type: ['integer', 'null'] }, createdAt: { type: 'string', format: 'date-time' } },
  required: ['number', 'size', 'sha256', 'comment', 'createdBy', 'createdAt'],
  additionalProperties: false,
};

const templateProps = {
  id: { type: 'integer' }, name: { type: 'string' }, title: { type: 'string' }, recordType: { enum: [...recordTypes] }, locale: { enum: ['en', 'ru'] },
  isDefault: { type: 'boolean' }, shipped: { type: 'boolean' }, currentVersion: { type: 'integer' }, version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
};
const templateJson = { type: 'object', properties: templateProps, required: Object.keys(templateProps), additionalProperties: false };
const templateDetailJson = {
  type: 'object', properties: { ...templateProps, versions: { type: 'array', items: versionJson } },
  required: [...Object.keys(templateProps), 'versions'], additionalProperties: false,
};

const fieldNodeJson: Record<string, unknown> = {
  type: 'object',
  properties: { key: { type: 'string' }, label: { type: 'string' }, type: { type: 'string' }, custom: { type: 'boolean' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
  required: ['key', 'label', 'type'],
  additionalProperties: false,
};

const uploadQuery = [
  { name: 'name', description: 'Unique name: lower-case letters, digits, dashes.', required: true },
  { name: 'recordType', description: `What it prints: ${recordTypes.join(', ')}.`, required: true, schema: { enum: [...recordTypes] } },
  { name: 'title', description: 'Shown in menus (default: the name).' },
  { name: 'locale', description: 'Language of dates, yes/no and amounts in words: en (default) or ru.', schema: { enum: ['en', 'ru'] } },
  { name: 'isDefault', description: 'true to make it the default of its record type.', schema: { enum: ['true', 'false'] } },
  { name: 'comment', description: 'What changed, kept with the version.' },
];

export function templateRoutes(ctx: AppContext): Route[] {
  const templates = new TemplateService(ctx);
  return [
    route({
      method: 'get', path: '/templates', tag: 'Templates', summary: 'List the print templates (default first per record type)',
      query: () => [{ name: 'recordType', description: 'Only templates for this record type.', schema: { enum: [...recordTypes] } }],
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: templateJson }, total: { type: 'integer' } }, required: ['items', 'total'], additionalProperties: false }),
      async handler({ actor, query }) {
        const items = await templates.list(actor, query);
        return { items, total: items.length };
      },
    }),
    route({
      method: 'get', path: '/templates/fields', tag: 'Templates', summary: 'Every merge field a template of a record type may use, as a tree, and the formatters',
      query: () => [{ name: 'type', description: `Record type: ${recordTypes.join(', ')}; without it, the trees of all of them (under "types").`, schema: { enum: [...recordTypes] } }],
      response: () => ({
        type: 'object',
        $defs: { node: fieldNodeJson, tree: { type: 'array', items: { $ref: '#/$defs/node' } } },
        properties: {
          recordType: { enum: [...recordTypes] },
          fields: { $ref: '#/$defs/tree' },
          types: { type: 'object', properties: Object.fromEntries(recordTypes.map((r) => [r, { $ref: '#/$defs/tree' }])), required: [...recordTypes], additionalProperties: false },
          formatters: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' }, example: { type: 'string' } }, required: ['name', 'description', 'example'], additionalProperties: false } },
        },
        required: ['formatters'],
        additionalProperties: false,
      }),
      async handler({ actor, query }) {
        assertCan(actor, 'templates', 'read');
        const { type } = parseQuery(fieldsQuery, query);
        const list = Object.entries(formatters).map(([name, f]) => ({ name, description: f.description, example: f.example }));
        if (!type) return { types: Object.fromEntries(recordTypes.map((r) => [r, fieldTree(ctx.fields, r)])), formatters: list };
        return { recordType: type, fields: fieldTree(ctx.fields, type), formatters: list };
      },
    }),
    route({
      method: 'post', path: '/templates/check', tag: 'Templates', bodyMedia: [DOCX_MIME, 'application/octet-stream'],
      summary: 'Check a .docx template without saving it: 200 when it is fine, 422 template_invalid listing every broken tag',
      query: () => [{ name: 'recordType', description: 'The record type it is for.', required: true, schema: { enum: [...recordTypes] } }],
      response: () => ({ type: 'object', properties: { ok: { const: true }, tags: { type: 'integer' } }, required: ['ok', 'tags'], additionalProperties: false }),
      async handler({ actor, query, req, res }) {
        assertCan(actor, 'templates', 'read');
        const { recordType } = parseQuery(checkQuery, query);
        const { tags } = await templates.check(recordType, await readDocx(req, res));
        return { ok: true, tags };
      },
    }),
    route({
      method: 'post', path: '/templates', tag: 'Templates', status: 201, bodyMedia: [DOCX_MIME, 'application/octet-stream'],
      summary: 'Upload a new template (the .docx as the body); checked first, and refused with every broken tag listed',
      query: () => uploadQuery, response: () => templateDetailJson,
      handler: async ({ actor, query, req, res }) => templates.create(actor, query, await readDocx(req, res)),
    }),
    route({
      method: 'get', path: '/templates/:id', tag: 'Templates', summary: 'A template with its version history', response: () => templateDetailJson,
      handler: (call) => templates.get(call.actor, idParam(call)),
    }),
    route({
      method: 'patch', path: '/templates/:id', tag: 'Templates', summary: 'Change a template\'s title or language, or make it the default of its record type',
      body: () => updateBody, response: () => templateDetailJson,
      handler: (call) => templates.update(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/templates/:id', tag: 'Templates', status: 204, summary: 'Delete a template and its versions (issued documents stay in the archive)',
      handler: (call) => templates.remove(call.actor, idParam(call)),
    }),
    route({
      method: 'post', path: '/templates/:id/versions', tag: 'Templates', status: 201, bodyMedia: [DOCX_MIME, 'application/octet-stream'],
      summary: 'Upload a new version of a template (it becomes current; earlier ones are kept)',
      query: () => [{ name: 'comment', description: 'What changed.' }], response: () => templateDetailJson,
      handler: async (call) => templates.addVersion(call.actor, idParam(call), call.query, await readDocx(call.req, call.res)),
    }),
    route({
      method: 'get', path: '/templates/:id/content', tag: 'Templates', produces: DOCX_MIME, summary: 'Download a template\'s .docx (the current version, or ?version=N)',
      query: () => [{ name: 'version', description: 'A version number (default: current).', schema: { type: 'integer', minimum: 1 } }],
      async handler(call) {
        const { template, number, content } = await templates.download(call.actor, idParam(call), call.query);
        call.res.setHeader('Content-Type', DOCX_MIME);
        call.res.setHeader('Content-Disposition', attachmentDisposition(`${template.name}-v${number}.docx`));
        call.res.setHeader('X-Template-Version', String(number));
        call.res.status(200).end(content);
      },
    }),
  ];
}
