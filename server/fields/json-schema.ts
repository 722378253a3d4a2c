import { z } from 'zod';
import { structuredTypes, type FieldDef } from './types.js';

export type JsonSchema = Record<string, unknown>;

const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';

/** The JSON Schema of a field's value as the API returns it. */
function fieldOutputSchema(field: FieldDef): JsonSchema {
  // Calculated fields may be empty too (a draft has no number yet); only
  // required fields and the system fields never are.
  const never = field.required || ['id', 'version', 'createdAt', 'updatedAt'].includes(field.key);
  const nullable = (schema: JsonSchema): JsonSchema => (never ? schema : { anyOf: [schema, { type: 'null' }] });
  const described = (schema: JsonSchema): JsonSchema => ({ ...schema, title: field.label });
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'phone':
      return described(nullable({ type: 'string' }));
    case 'email':
      return described(nullable({ type: 'string', format: 'email' }));
    case 'url':
      return described(nullable({ type: 'string', format: 'uri' }));
    case 'number':
      return described(nullable((field.options.decimals ?? 0) === 0 ? { type: 'integer' } : { type: 'string', pattern: DECIMAL_PATTERN }));
    case 'money':
      return described(nullable({ type: 'string', pattern: DECIMAL_PATTERN, description: 'Decimal string in the currency of the record.' }));
    case 'date':
      return described(nullable({ type: 'string', format: 'date' }));
    case 'datetime':
      return described(nullable({ type: 'string', format: 'date-time' }));
    case 'boolean':
      return described({ type: 'boolean' });
    case 'one_of':
      return described(nullable({ type: 'string', enum: (field.options.choices ?? []).map((c) => c.key) }));
    case 'many_of':
      return described({ type: 'array', items: { type: 'string', enum: (field.options.choices ?? []).map((c) => c.key) } });
    case 'link':
      return described(nullable({ type: 'integer', description: `Id of a ${field.options.entity ?? 'record'}.` }));
    default:
      return described({});
  }
}

/** JSON Schema of a zod schema, as a request body (input) or a response (output). */
export function zodJson(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/**
 * The JSON Schema of a record as the API returns it. Extra properties
 * (structured fields, expansions) come from the entity; nothing else may
 * appear, which the OpenAPI test checks against real responses.
 */
export function recordSchema(fields: FieldDef[], extra: Record<string, JsonSchema> = {}, optionalExtra: string[] = []): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    if (field.archived) continue;
    if (field.column === null) {
      // Structured fields are described by their entity; calculated plain
      // values (an invoice's state) by their type like any other field.
      const own = extra[field.key] ?? ((structuredTypes as readonly string[]).includes(field.type) ? undefined : fieldOutputSchema(field));
      if (own) {
        properties[field.key] = { ...own, title: field.label };
        required.push(field.key);
      }
      continue;
    }
    properties[field.key] = fieldOutputSchema(field);
    required.push(field.key);
  }
  for (const [key, schema] of Object.entries(extra)) {
    if (properties[key]) continue;
    properties[key] = schema;
    if (!optionalExtra.includes(key)) required.push(key);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}
