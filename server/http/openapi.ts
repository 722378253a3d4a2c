import type { AppContext } from '../context.js';
import { errorCodes } from '../errors/codes.js';
import { zodJson, type JsonSchema } from '../fields/json-schema.js';
import type { Route } from './route.js';

const errorSchema: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: Object.keys(errorCodes) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
            required: ['code', 'message'],
          },
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document, built from the same route list as the router
 * and from the current field metadata, so custom fields appear in it.
 */
export function openApiDocument(ctx: AppContext, routes: Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = openApiPath(r.path);
    const params = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1], in: 'path', required: true, schema: m[1] === 'id' || m[1]!.endsWith('Id') ? { type: 'integer', minimum: 1 } : { type: 'string' },
    }));
    const query = (r.query?.(ctx) ?? []).map((q) => ({ name: q.name, in: 'query', required: Boolean(q.required), description: q.description, schema: q.schema ?? { type: 'string' } }));
    const status = String(r.status ?? 200);
    const success: Record<string, unknown> =
      status === '204'
        ? { description: 'Done; no content.' }
        : {
            description: 'Success.',
            content: r.produces
              ? { [r.produces]: { schema: { type: 'string', format: 'binary' } } }
              : { 'application/json': { schema: r.response?.(ctx) ?? {} } },
          };
    const operation: Record<string, unknown> = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...params, ...query],
      responses: {
        [status]: success,
        default: { description: 'An error; see docs/errors.md for the codes.', content: { 'application/json': { schema: errorSchema } } },
      },
      ...(r.public ? { security: [] } : {}),
    };
    if (r.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: zodJson(r.body(ctx)) } } };
    } else if (r.bodyMedia) {
      operation.requestBody = { required: true, content: Object.fromEntries(r.bodyMedia.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kontora API',
      version,
      description: 'The REST API of Kontora, a self-hosted CRM. Money travels as decimal strings; every record has id, version, createdAt and updatedAt; a PATCH must carry the version that was read.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /auth/tokens or /auth/login with issueToken.' },
        session: { type: 'apiKey', in: 'cookie', name: 'kontora_session', description: 'Browser session; writes also need the X-CSRF-Token header.' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
