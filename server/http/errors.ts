import crypto from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';

interface BodyParserError {
  type?: string;
  code?: string;
  status?: number;
  expected?: number;
  limit?: number;
}

/** Maps what body-parser throws to our error codes. */
function fromBodyParser(err: BodyParserError): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('payload_too_large', `The request body is larger than ${err.limit ?? 'the allowed'} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Send the body encoded as UTF-8.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('malformed_json', 'The request body could not be read completely.');
    default:
      // A body that is not what its Content-Encoding says (zlib's Z_DATA_ERROR…).
      if (err.status === 400 && err.code?.startsWith('Z_')) {
        return new AppError('validation_failed', 'The request body could not be decompressed.', {
          details: [{ code: 'invalid_encoding', message: 'The body is not valid data for its Content-Encoding (gzip, deflate or br).' }],
        });
      }
      return undefined;
  }
}

/**
 * The last middleware: every error becomes `{error:{code,message,details}}`.
 * Anything that is not an AppError is logged with a reference and answered
 * as `internal` without internals, so no stack trace ever reaches a client.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let error = err instanceof AppError ? err : fromBodyParser(err as BodyParserError);
    if (!error) {
      const reference = crypto.randomBytes(6).toString('hex');
      log.error('request failed', { reference, method: req.method, path: req.path, error: err });
      error = new AppError('internal', `Something went wrong on the server (reference ${reference}).`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error.code === 'rate_limited' && typeof error.extra?.retryAfter === 'number') {
      res.setHeader('Retry-After', String(error.extra.retryAfter));
    }
    res.status(error.status).json(error.toJSON());
  };
}
