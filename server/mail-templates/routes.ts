import express from 'express';
import { z } from 'zod';
import { assertCan } from '../access/rights.js';
import { auditListJson } from '../audit/routes.js';
import { auditEntries } from '../audit/routes.js';
import type { AppContext } from '../context.js';
import { formatters } from '../documents/formatters.js';
import { AppError } from '../errors/app-error.js';
import { idParam, route, type Route } from '../http/route.js';
import { parseQuery } from '../templates/upload.js';
import { mailFieldTree } from './fields.js';
import { checkBody, createBody, generatedBody, MailTemplateService, MAX_ATTACHMENT_BYTES, previewBody, testSendBody, updateBody } from './service.js';

const attachmentJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, kind: { enum: ['file', 'price_list', 'document'] }, fileName: { type: 'string' },
    documentTemplateId: { type: ['integer', 'null'] }, format: { enum: ['pdf', 'docx', null] }, size: { type: ['integer', 'null'] }, mime: { type: ['string', 'null'] },
  },
  required: ['id', 'kind', 'fileName', 'documentTemplateId', 'format', 'size', 'mime'],
  additionalProperties: false,
};
const templateProps = {
  id: { type: 'integer' }, name: { type: 'string' }, subject: { type: 'string' }, html: { type: 'string' }, text: { type: ['string', 'null'] },
  locale: { enum: ['en', 'ru'] }, shipped: { type: 'boolean' }, version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  attachments: { type: 'array', items: attachmentJson },
};
const templateJson = { type: 'object', properties: templateProps, required: Object.keys(templateProps), additionalProperties: false };
const summaryProps = {
  id: { type: 'integer' }, name: { type: 'string' }, subject: { type: 'string' }, locale: { enum: ['en', 'ru'] }, shipped: { type: 'boolean' },
  version: { type: 'integer' }, attachments: { type: 'integer' }, updatedAt: { type: 'string', format: 'date-time' },
};
const summaryJson = { type: 'object', properties: summaryProps, required: Object.keys(summaryProps), additionalProperties: false };
const fieldNodeJson: Record<string, unknown> = {
  type: 'object',
  properties: { key: { type: 'string' }, label: { type: 'string' }, type: { type: 'string' }, custom: { type: 'boolean' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
  required: ['key', 'label', 'type'],
  additionalProperties: false,
};

const uploadQuery = z.strictObject({ fileName: z.string().trim().min(1, { error: 'Give the file name.' }).max(200) });
const rawBody = express.raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES });
/** The type recipients' mail programs see, from the file name (the API takes uploads as octet-stream). */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet', csv: 'text/csv', txt: 'text/plain', rtf: 'application/rtf', zip: 'application/zip',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', ics: 'text/calendar', vcf: 'text/vcard',
};
const mimeOf = (fileName: string, sent: string) => BY_EXTENSION[/\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '']
  ?? (/^image\/[a-z0-9.+-]{1,60}$/.test(sent) ? sent : 'application/octet-stream');

export function mailTemplateRoutes(ctx: AppContext): Route[] {
  const templates = new MailTemplateService(ctx);
  return [
    route({
      method: 'get', path: '/mail-templates', tag: 'Mail templates', summary: 'List the e-mail templates for mail merge',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: summaryJson }, total: { type: 'integer' } }, required: ['items', 'total'], additionalProperties: false }),
      async handler({ actor }) {
        const items = await templates.list(actor);
        return { items, total: items.length };
      },
    }),
    route({
      method: 'get', path: '/mail-templates/fields', tag: 'Mail templates', summary: 'Every merge field an e-mail may use, as a tree, and the formatters (the same as in Word templates)',
      response: () => ({
        type: 'object',
        $defs: { node: fieldNodeJson },
        properties: {
          fields: { type: 'array', items: { $ref: '#/$defs/node' } },
          formatters: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' }, example: { type: 'string' } }, required: ['name', 'description', 'example'], additionalProperties: false } },
        },
        required: ['fields', 'formatters'], additionalProperties: false,
      }),
      async handler({ actor }) {
        assertCan(actor, 'mail', 'read');
        // Images are for Word: an e-mail cannot print {%…}.
        const list = Object.entries(formatters).filter(([n]) => n !== 'size').map(([n, f]) => ({ name: n, description: f.description, example: f.example }));
        return { fields: mailFieldTree(ctx.fields), formatters: list };
      },
    }),
    route({
      method: 'post', path: '/mail-templates/check', tag: 'Mail templates',
      summary: 'Check a subject, HTML body and plain text without saving: 200 when fine, 422 template_invalid listing every problem',
      body: () => checkBody, response: () => ({ type: 'object', properties: { ok: { const: true } }, required: ['ok'], additionalProperties: false }),
      handler: async ({ actor, body }) => templates.check(actor, body),
    }),
    route({
      method: 'post', path: '/mail-templates', tag: 'Mail templates', status: 201, summary: 'Create an e-mail template; one with broken tags is refused with every problem listed',
      body: () => createBody, response: () => templateJson,
      handler: ({ actor, body }) => templates.create(actor, body),
    }),
    route({
      method: 'get', path: '/mail-templates/:id', tag: 'Mail templates', summary: 'An e-mail template with its attachments', response: () => templateJson,
      handler: (call) => templates.get(call.actor, idParam(call)),
    }),
    route({
      method: 'patch', path: '/mail-templates/:id', tag: 'Mail templates', summary: 'Change an e-mail template (send the version you read)',
      body: () => updateBody, response: () => templateJson,
      handler: (call) => templates.update(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/mail-templates/:id', tag: 'Mail templates', status: 204, summary: 'Delete an e-mail template and its attachments',
      handler: (call) => templates.remove(call.actor, idParam(call)),
    }),
    route({
      method: 'get', path: '/mail-templates/:id/audit', tag: 'Mail templates', summary: 'Who changed the e-mail template and when', response: auditListJson,
      async handler(call) {
        const template = await templates.get(call.actor, idParam(call));
        assertCan(call.actor, 'audit', 'read');
        return { items: await auditEntries(ctx.db, 'mail_template', template.id) };
      },
    }),
    route({
      method: 'post', path: '/mail-templates/:id/attachments/upload', tag: 'Mail templates', status: 201, bodyMedia: ['application/octet-stream'],
      summary: 'Attach a file: the file as an application/octet-stream body, ?fileName=… (its type follows the extension)',
      query: () => [{ name: 'fileName', description: 'The name the recipient sees.', required: true }], response: () => templateJson,
      async handler(call) {
        const templateId = idParam(call);
        const { fileName } = parseQuery(uploadQuery, call.query);
        const type = (call.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const content = await new Promise<Buffer>((resolve, reject) => {
          rawBody(call.req, call.res, (err?: unknown) => {
            if (!err) return resolve(Buffer.isBuffer(call.req.body) ? call.req.body : Buffer.alloc(0));
            const kind = (err as { type?: string }).type;
            if (kind === 'entity.too.large') reject(new AppError('payload_too_large', `An attachment may be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB at most.`));
            else if (kind === 'encoding.unsupported') reject(new AppError('unsupported_media_type', 'Send the file without a content encoding.'));
            else reject(err);
          });
        });
        if (!content.length) throw new AppError('validation_failed', 'The upload is empty.', { details: [{ field: 'file', code: 'required', message: 'Send the file as the request body.' }] });
        return templates.upload(call.actor, templateId, fileName, mimeOf(fileName, type), content);
      },
    }),
    route({
      method: 'post', path: '/mail-templates/:id/attachments', tag: 'Mail templates', status: 201,
      summary: 'Attach a file made for each message: the price list (.xlsx of active products) or a Word form for the recipient\'s client (.docx, or PDF where LibreOffice is installed)',
      body: () => generatedBody, response: () => templateJson,
      handler: (call) => templates.addGenerated(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/mail-templates/:id/attachments/:attachmentId', tag: 'Mail templates', status: 204, summary: 'Remove an attachment',
      handler: (call) => templates.removeAttachment(call.actor, idParam(call), idParam(call, 'attachmentId')),
    }),
    route({
      method: 'post', path: '/mail-templates/:id/preview', tag: 'Mail templates', summary: 'The message one client or contact would get: subject, HTML, text and attachment names',
      body: () => previewBody,
      response: () => ({
        type: 'object',
        properties: {
          to: { type: 'string' }, subject: { type: 'string' }, html: { type: 'string' }, text: { type: 'string' },
          attachments: { type: 'array', items: { type: 'object', properties: { filename: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' } }, required: ['filename', 'contentType', 'size'], additionalProperties: false } },
        },
        required: ['to', 'subject', 'html', 'text', 'attachments'], additionalProperties: false,
      }),
      handler: (call) => templates.preview(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'post', path: '/mail-templates/:id/test-send', tag: 'Mail templates',
      summary: 'Send the message merged for a client or contact to a given address, subject marked [Test] (SMTP, or the outbox folder without a mail server)',
      body: () => testSendBody,
      response: () => ({
        type: 'object',
        properties: { messageId: { type: 'string' }, to: { type: 'string' }, subject: { type: 'string' }, via: { enum: ['smtp', 'outbox', 'graph'] }, attachments: { type: 'array', items: { type: 'string' } } },
        required: ['messageId', 'to', 'subject', 'via', 'attachments'], additionalProperties: false,
      }),
      handler: (call) => templates.testSend(call.actor, idParam(call), call.body),
    }),
  ];
}
