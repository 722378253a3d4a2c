import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error.js';

/**
 * PostgreSQL text cannot hold U+0000, and no field of Kontora needs it, so a
 * request carrying one is refused here, naming where, instead of failing in
 * the database driver (a 500 on PostgreSQL, stored silently on SQLite).
 */
export function refuseNul(req: Request, _res: Response, next: NextFunction): void {
  const inQuery = nulAt(req.query, '');
  if (inQuery !== null) return next(new AppError('invalid_query', `The query parameter "${inQuery}" contains a NUL character.`, { details: [{ field: inQuery, code: 'invalid_character', message: 'Remove the NUL (\\u0000) character.' }] }));
  const inBody = nulAt(req.body, '');
  if (inBody !== null) return next(new AppError('validation_failed', 'Text in the request contains a NUL character.', { details: [{ ...(inBody ? { field: inBody } : {}), code: 'invalid_character', message: 'Remove the NUL (\\u0000) character.' }] }));
  next();
}

/** The path of the first key or string holding U+0000, or null. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulAt(item, at);
    if (found !== null) return found;
  }
  return null;
}
