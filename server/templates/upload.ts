/**
 * Reading an uploaded .docx: the raw file is the request body (the Word
 * pane and curl send it as is), the template's name and other settings
 * travel in the query string.
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { MIME } from '../documents/archive.js';
import { AppError } from '../errors/app-error.js';
import { issuesToDetails } from '../fields/validation.js';

export const DOCX_MIME = MIME.docx;
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

const rawBody = express.raw({ type: () => true, limit: MAX_TEMPLATE_BYTES });

export async function readDocx(req: Request, res: Response): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== DOCX_MIME && type !== 'application/octet-stream') {
    throw new AppError('unsupported_media_type', `Send the .docx file as the request body with Content-Type ${DOCX_MIME}.`);
  }
  const content = await new Promise<Buffer>((resolve, reject) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const kind = (err as { type?: string }).type;
      if (kind === 'entity.too.large') reject(new AppError('payload_too_large', `The file is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB.`));
      else if (kind === 'encoding.unsupported') reject(new AppError('unsupported_media_type', 'Send the file without a content encoding.'));
      else reject(err);
    });
  });
  if (!content.length) throw new AppError('validation_failed', 'The upload is empty.', { details: [{ field: 'file', code: 'required', message: 'Send the .docx file as the request body.' }] });
  return content;
}

/** Query parameters checked by a schema; problems answer invalid_query naming each. */
export function parseQuery<T>(schema: z.ZodType<T>, query: Record<string, unknown>): T {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const details = issuesToDetails(result.error.issues).map((d) => (d.code === 'unknown_field' ? { ...d, code: 'unknown_filter' } : d));
  throw new AppError('invalid_query', 'Some query parameters are invalid.', { details });
}
