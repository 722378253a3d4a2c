import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { assertCan } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { clientService } from '../clients/service.js';
import { nowIso, type AppContext } from '../context.js';
import { isPostgres } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import { declaredType } from '../files/sniff.js';
import { idParam, route, type Call, type Route } from '../http/route.js';

/**
 * A client's attachments: any files kept with the client (a message's
 * attachments logged from Outlook, a scan, a price list), in the `files`
 * table under purpose "attachment", several per client. Reading needs the
 * right to read the client, adding and removing the right to edit it; an
 * "own"-scope user gets 404 for another manager's client, as for the
 * client itself.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const PURPOSE = 'attachment';
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

const attachmentJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, name: { type: 'string' }, mime: { type: 'string' }, size: { type: 'integer', description: 'Bytes.' },
    sha256: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'name', 'mime', 'size', 'sha256', 'createdAt'], additionalProperties: false,
};

interface Row { id: number; name: string; mime: string; size: number; sha256: string; created_at: unknown; content?: Buffer | Uint8Array }
const toJson = (r: Row) => ({ id: Number(r.id), name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, createdAt: toIso(r.created_at)! });

const rawBody = express.raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES });

function readBody(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') reject(new AppError('payload_too_large', `An attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`));
      else if (type === 'encoding.unsupported') reject(new AppError('unsupported_media_type', 'Send the file without a content encoding.'));
      else reject(err);
    });
  });
}

/** A file name fit for a header and a download: no path, no control characters. */
function fileName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const clean = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || null;
}

function uploadQuery(query: Record<string, unknown>): { name: string; mime: string } {
  const unknown = Object.keys(query).filter((k) => k !== 'name' && k !== 'type');
  const details = unknown.map((k) => ({ field: k.slice(0, 40), code: 'unknown_filter', message: 'Use name and type.' }));
  const name = fileName(query.name);
  if (!name) details.push({ field: 'name', code: 'required', message: 'Give the file name, e.g. ?name=price-list.xlsx.' });
  const type = query.type === undefined ? 'application/octet-stream' : typeof query.type === 'string' ? query.type.trim().toLowerCase() : '';
  if (!MIME.test(type)) details.push({ field: 'type', code: 'invalid_value', message: 'Give a media type such as application/pdf.' });
  if (details.length) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details });
  return { name: name!, mime: type };
}

const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function clientAttachmentRoutes(ctx: AppContext): Route[] {
  const clients = clientService(ctx);
  const files = (clientId: number) => ctx.db('files').where({ owner_entity: 'client', owner_id: clientId, purpose: PURPOSE });
  const fileId = (call: Call) => idParam(call, 'fileId');

  return [
    route({
      method: 'get', path: '/clients/:id/attachments', tag: 'Clients', summary: 'The files kept with a client, newest first',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: attachmentJson } }, required: ['items'], additionalProperties: false }),
      async handler(call) {
        const id = idParam(call);
        await clients.assertVisible(call.actor, id);
        const rows = (await files(id).orderBy('id', 'desc').select('id', 'name', 'mime', 'size', 'sha256', 'created_at')) as Row[];
        return { items: rows.map(toJson) };
      },
    }),
    route({
      method: 'post', path: '/clients/:id/attachments', tag: 'Clients', status: 201, bodyMedia: ['application/octet-stream'],
      summary: `Keep a file with a client: the raw bytes as application/octet-stream, at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      query: () => [
        { name: 'name', required: true, description: 'The file name.', schema: { type: 'string', maxLength: 200 } },
        { name: 'type', description: 'The file\'s media type (default application/octet-stream).', schema: { type: 'string' } },
      ],
      response: () => attachmentJson,
      async handler(call) {
        assertCan(call.actor, 'clients', 'edit');
        const id = idParam(call);
        const { name, mime } = uploadQuery(call.query);
        await clients.assertVisible(call.actor, id);
        if (declaredType(call.req.headers['content-type']) !== 'application/octet-stream') {
          throw new AppError('unsupported_media_type', 'Send the file as the request body with Content-Type application/octet-stream.');
        }
        const content = await readBody(call.req, call.res);
        if (!content.length) throw new AppError('validation_failed', 'The file is empty.', { details: [{ code: 'required', message: 'Send the file as the request body.' }] });
        const at = nowIso(ctx);
        const sha256 = crypto.createHash('sha256').update(content).digest('hex');
        return ctx.db.transaction(async (trx) => {
          // The client may have been deleted since the check; lock it so the file does not outlive it.
          const lock = trx('clients').where({ id });
          if (isPostgres(trx)) lock.forUpdate();
          if (!(await lock.first('id'))) throw notFound('Client');
          const [inserted] = (await trx('files').insert({
            created_at: at, owner_entity: 'client', owner_id: id, purpose: PURPOSE, name, mime, size: content.length, sha256, content,
          }).returning('id')) as ({ id: number } | number)[];
          const file = { id: typeof inserted === 'object' ? Number(inserted.id) : Number(inserted), name, mime, size: content.length, sha256, createdAt: at };
          await audit(trx, { actor: call.actor, entity: 'client', recordId: id, action: 'update', before: { attachment: null }, after: { attachment: { name, size: content.length } }, at });
          return file;
        });
      },
    }),
    route({
      method: 'get', path: '/clients/:id/attachments/:fileId', tag: 'Clients', produces: '*/*', summary: 'Download a file kept with a client',
      async handler(call) {
        const id = idParam(call);
        const file = fileId(call);
        await clients.assertVisible(call.actor, id);
        const row = (await files(id).where({ id: file }).first('id', 'name', 'mime', 'size', 'sha256', 'created_at', 'content')) as Row | undefined;
        if (!row) throw notFound('Attachment');
        const content = Buffer.from(row.content ?? []);
        call.res.setHeader('Cache-Control', 'private, no-cache');
        call.res.setHeader('ETag', `"${row.sha256}"`);
        call.res.setHeader('Content-Type', row.mime);
        call.res.setHeader('Content-Length', String(content.length));
        // Always a download: a stored HTML or SVG file must not run as a page of the app.
        call.res.setHeader('Content-Disposition', disposition(row.name));
        call.res.status(200).end(content);
      },
    }),
    route({
      method: 'delete', path: '/clients/:id/attachments/:fileId', tag: 'Clients', status: 204, summary: 'Remove a file kept with a client',
      async handler(call) {
        assertCan(call.actor, 'clients', 'edit');
        const id = idParam(call);
        const file = fileId(call);
        await clients.assertVisible(call.actor, id);
        await ctx.db.transaction(async (trx) => {
          const row = (await trx('files').where({ owner_entity: 'client', owner_id: id, purpose: PURPOSE, id: file }).first('name', 'size')) as { name: string; size: number } | undefined;
          if (!row) throw notFound('Attachment');
          await trx('files').where({ id: file }).delete();
          await audit(trx, { actor: call.actor, entity: 'client', recordId: id, action: 'update', before: { attachment: { name: row.name, size: Number(row.size) } }, after: { attachment: null }, at: nowIso(ctx) });
        });
      },
    }),
  ];
}
