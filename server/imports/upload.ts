import fs from 'node:fs';
import type { Request } from 'express';
import { AppError } from '../errors/app-error.js';

/**
 * Streams a request body to a file. Past the limit nothing more is
 * written (the partial file is removed) and the rest of the body is read
 * and dropped, so the client still gets a clear 413 answer rather than a
 * reset connection, and an oversized upload never fills the disk or memory.
 */
export async function saveUpload(req: Request, file: string, limit: number): Promise<number> {
  const tooLarge = () => new AppError('payload_too_large', `The file is larger than the ${sizeText(limit)} an import accepts (KONTORA_IMPORT_LIMIT).`);
  if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') {
    req.resume();
    throw new AppError('unsupported_media_type', 'Send the file without a content encoding.');
  }
  const out = fs.createWriteStream(file);
  let size = 0;
  let over = Number(req.headers['content-length'] ?? 0) > limit;
  try {
    await new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      req.on('error', reject);
      req.on('aborted', () => reject(new Error('aborted')));
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) over = true;
        if (over) return;
        if (!out.write(chunk)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      });
      req.on('end', () => out.end(() => resolve()));
    });
  } catch {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw new AppError('validation_failed', 'The upload was interrupted before the whole file arrived.', { details: [{ code: 'incomplete', message: 'Send the file again.' }] });
  }
  if (over) {
    fs.rmSync(file, { force: true });
    throw tooLarge();
  }
  if (!size) {
    fs.rmSync(file, { force: true });
    throw new AppError('import_empty', 'The upload is empty: send the file as the request body.');
  }
  return size;
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
