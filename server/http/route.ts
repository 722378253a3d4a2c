import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { MAX_INT } from '../fields/validation.js';
import type { JsonSchema } from '../fields/json-schema.js';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface Call {
  req: Request;
  res: Response;
  ctx: AppContext;
  /** The signed-in user; routes marked public get null. */
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface QueryParamDoc {
  name: string;
  description: string;
  schema?: JsonSchema;
  required?: boolean;
}

/**
 * One API endpoint: how it is called, what it answers and how it is
 * documented. The Express router and the OpenAPI document are both built
 * from the same list, and a test checks that they agree.
 */
export interface Route {
  method: Method;
  /** Express path under /api/v1, e.g. "/clients/:id". */
  path: string;
  summary: string;
  tag: string;
  /** No sign-in needed (login, health). */
  public?: boolean;
  /** Success status; 204 when the handler returns nothing. */
  status?: number;
  /** Request body schema (zod), possibly from current field metadata. */
  body?: (ctx: AppContext) => z.ZodType;
  /** Body media types other than JSON, e.g. image uploads. */
  bodyMedia?: string[];
  query?: (ctx: AppContext) => QueryParamDoc[];
  /** JSON Schema of the success response body. */
  response?: (ctx: AppContext) => JsonSchema;
  /** Media type of a non-JSON success response (files). */
  produces?: string;
  handler: (call: Call) => Promise<unknown>;
}

export function route(spec: Route): Route {
  return spec;
}

/**
 * A record id given as text (a path or query parameter): a whole number
 * from 1 to MAX_INT, the range of the integer id columns, or null.
 */
export function parseRecordId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= MAX_INT ? id : null;
}

/** The numeric id in a path parameter, or invalid_id. */
export function idParam(call: Pick<Call, 'params'>, name = 'id'): number {
  const raw = call.params[name] ?? '';
  const id = parseRecordId(raw);
  if (id === null) {
    throw new AppError('invalid_id', `"${raw.slice(0, 30)}" is not a record id.`, { details: [{ field: name, code: 'invalid_id', message: 'Use a positive whole number.' }] });
  }
  return id;
}

/** Standard list response schema around an item schema. */
export function listSchema(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      totalExact: { type: 'boolean', description: 'false when more records match than were counted: total is then a lower bound ("1,000+").' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  };
}
