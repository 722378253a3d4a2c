import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { declaredType, extensions, imageTypes, sniffImage, type ImageType } from './sniff.js';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const LABELS: Record<ImageType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP' };

// The API router leaves image and octet-stream bodies unread for this.
const rawBody = express.raw({ type: () => true, limit: MAX_IMAGE_BYTES });

function readBody(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') reject(new AppError('payload_too_large', `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`));
      else if (type === 'encoding.unsupported') reject(new AppError('unsupported_media_type', 'Send the image without a content encoding.'));
      else reject(err);
    });
  });
}

export interface Upload {
  mime: ImageType;
  content: Buffer;
  sha256: string;
}

/** Refuses anything but a raster image before the body is read. */
export function assertImageRequest(req: Request): void {
  const declared = declaredType(req.headers['content-type']);
  if (declared !== 'application/octet-stream' && !(imageTypes as readonly string[]).includes(declared)) {
    throw new AppError('unsupported_media_type', `Send the image as the request body with Content-Type ${imageTypes.join(', ')}.`);
  }
}

/**
 * The uploaded image, checked by its content: a file that is no PNG, JPEG,
 * GIF or WebP, or is another type than its Content-Type says, is refused.
 */
export async function readImage(req: Request, res: Response): Promise<Upload> {
  const declared = declaredType(req.headers['content-type']);
  const content = await readBody(req, res);
  if (!content.length) {
    throw new AppError('validation_failed', 'The upload is empty.', { details: [{ code: 'required', message: 'Send the image as the request body.' }] });
  }
  const mime = sniffImage(content);
  if (!mime) throw new AppError('unsupported_media_type', 'The file is not a PNG, JPEG, GIF or WebP image.');
  if (declared !== 'application/octet-stream' && declared !== mime) {
    throw new AppError('unsupported_media_type', `The file is a ${LABELS[mime]} image but was sent as ${declared}.`);
  }
  return { mime, content, sha256: crypto.createHash('sha256').update(content).digest('hex') };
}

/** A file name fit for a header and a download: no path, no control characters. */
export function uploadName(raw: unknown, purpose: string, mime: ImageType): string {
  const fallback = `${purpose}.${extensions[mime]}`;
  if (typeof raw !== 'string') return fallback;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || fallback;
}

/** Content-Disposition for showing a stored file in place, under its name. */
export function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Whether an If-None-Match header names this content's ETag. */
export function etagMatches(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '').replace(/"/g, '') === sha256;
  });
}
