import { errorCodes, type ErrorCode } from './codes.js';

/** One problem with one part of a request, e.g. one invalid field. */
export interface ErrorDetail {
  /** Dotted path of the field at fault (`emails.0.address`), when there is one. */
  field?: string;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * The one error type of Kontora. Anything a user can cause is thrown as an
 * AppError with a stable code; anything else becomes `internal`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  /** Extra top-level payload, e.g. the current record on a version conflict. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.details = options.details;
    this.extra = options.extra;
  }

  toJSON(): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
        ...(this.extra ?? {}),
      },
    };
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found.`);

/**
 * One invalid field. A missing reference and a taken unique value keep
 * their own top-level codes; anything else is validation_failed.
 */
export const fieldError = (field: string, code: string, message: string): AppError =>
  new AppError(code === 'reference_invalid' || code === 'already_exists' ? code : 'validation_failed', message, { details: [{ field, code, message }] });

export const validationError = (details: ErrorDetail[], message = 'Some fields are invalid.'): AppError =>
  new AppError('validation_failed', message, { details });
