import type { AppContext } from '../context.js';
import { idParam, parseRecordId, route, type Route } from '../http/route.js';
import { parseQuery } from '../templates/upload.js';
import { z } from 'zod';
import { MIME, documentJson, type IssuedDocument } from './archive.js';
import { recordTypes } from './relations.js';
import { DocumentService, batchBody, generateBody } from './service.js';
import type { Response } from 'express';

/** Content-Disposition for a download under its name (ASCII fallback and UTF-8). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sendDocument(res: Response, document: IssuedDocument, content: Buffer, status: number): void {
  res.setHeader('Content-Type', MIME[document.format]);
  res.setHeader('Content-Disposition', attachmentDisposition(document.fileName));
  res.setHeader('X-Document-Id', String(document.id));
  res.setHeader('ETag', `"${document.sha256}"`);
  res.status(status).end(content);
}

const listQuery = z.strictObject({
  recordType: z.enum(recordTypes).optional(),
  recordId: z.string().refine((v) => parseRecordId(v) !== null, { error: 'Use the numeric id of the record.' }).optional(),
}).refine((q) => (q.recordType === undefined) === (q.recordId === undefined), { error: 'Give recordType and recordId together, or neither (your recent documents).', path: ['recordId'] });

export function documentRoutes(ctx: AppContext): Route[] {
  const documents = new DocumentService(ctx);
  return [
    route({
      method: 'post', path: '/documents', tag: 'Documents', status: 201, produces: `${MIME.docx} or ${MIME.pdf}`,
      summary: 'Issue a document: fill a template with a record; answers the .docx (or PDF) and keeps it in the record\'s archive (X-Document-Id)',
      body: () => generateBody,
      async handler({ actor, body, res }) {
        const { document, content } = await documents.generate(actor, body);
        sendDocument(res, document, content, 201);
      },
    }),
    route({
      method: 'post', path: '/documents/batch', tag: 'Documents', produces: 'application/zip or .docx',
      summary: 'Issue documents for many records (by ids or by list filters): a zip with one file each, or one merged document',
      body: () => batchBody,
      async handler({ actor, body, res }) {
        const batch = await documents.batch(actor, body);
        res.setHeader('Content-Type', batch.mime);
        res.setHeader('Content-Disposition', attachmentDisposition(batch.fileName));
        res.setHeader('X-Document-Count', String(batch.count));
        res.status(200).end(batch.content);
      },
    }),
    route({
      method: 'get', path: '/documents', tag: 'Documents', summary: 'The documents issued for a record, newest first; without a record, the last 50 you issued',
      query: () => [
        { name: 'recordType', description: `${recordTypes.join(', ')}`, schema: { enum: [...recordTypes] } },
        { name: 'recordId', description: 'The record\'s id.', schema: { type: 'integer', minimum: 1 } },
      ],
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: documentJson }, total: { type: 'integer' } }, required: ['items', 'total'], additionalProperties: false }),
      async handler({ actor, query }) {
        const q = parseQuery(listQuery, query);
        const items = q.recordType && q.recordId ? await documents.list(actor, q.recordType, parseRecordId(q.recordId)!) : await documents.recent(actor);
        return { items, total: items.length };
      },
    }),
    route({
      method: 'get', path: '/documents/:id', tag: 'Documents', summary: 'An archived document with the data it was filled with',
      response: () => ({ ...documentJson, properties: { ...documentJson.properties, data: { type: 'object' } }, required: [...documentJson.required, 'data'] }),
      async handler(call) {
        const { document, data } = await documents.content(call.actor, idParam(call));
        return { ...document, data };
      },
    }),
    route({
      method: 'get', path: '/documents/:id/content', tag: 'Documents', produces: `${MIME.docx} or ${MIME.pdf}`,
      summary: 'Download an archived document: the same bytes as when it was issued',
      async handler(call) {
        const { document, content } = await documents.content(call.actor, idParam(call));
        sendDocument(call.res, document, content, 200);
      },
    }),
  ];
}
