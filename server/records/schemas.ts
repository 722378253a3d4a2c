import { z } from 'zod';
import type { FieldDef } from '../fields/types.js';
import { fieldSchema } from '../fields/validation.js';

/** Structured fields (phones, lines, …) bring their own schemas. */
export type StructuredSchemas = Record<string, { create: z.ZodType; update: z.ZodType }>;

export interface EntitySchemas {
  create: z.ZodType<Record<string, unknown>>;
  update: z.ZodType<Record<string, unknown> & { version: number }>;
  /** The same bodies without preprocessing, for the OpenAPI document. */
  createBody: z.ZodType;
  updateBody: z.ZodType;
}

/** System fields a client may echo back from a read; they are ignored. */
const ECHOED = ['id', 'createdAt', 'updatedAt'];

/**
 * The one schema per resource, derived from field metadata: built-in and
 * custom fields alike, unknown fields refused, read-only fields refused.
 */
export function entitySchemas(fields: FieldDef[], structured: StructuredSchemas = {}): EntitySchemas {
  const createShape: Record<string, z.ZodType> = {};
  const updateShape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    if (field.archived || field.readOnly) continue;
    const own = structured[field.key];
    if (own) {
      createShape[field.key] = own.create;
      updateShape[field.key] = own.update;
    } else if (field.column !== null) {
      createShape[field.key] = fieldSchema(field, 'create');
      updateShape[field.key] = fieldSchema(field, 'update');
    }
  }
  const strip = (input: unknown) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    // Copied only when there is something to drop: delete turns an object
    // into a slow dictionary for every check after it.
    if (!ECHOED.some((key) => key in input)) return input;
    const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    for (const key of ECHOED) delete copy[key];
    return copy;
  };
  // Write-only inputs that are not fields (a user's password, say).
  for (const [key, own] of Object.entries(structured)) {
    if (createShape[key] || fields.some((f) => f.key === key)) continue;
    createShape[key] = own.create;
    updateShape[key] = own.update;
  }
  // Calculated fields are named in the error instead of "unknown field".
  for (const field of fields) {
    if (!field.readOnly || ECHOED.includes(field.key) || field.key === 'version') continue;
    const refuse = z
      .unknown()
      .optional()
      .refine((v) => v === undefined, { message: 'This field is calculated and cannot be set.', params: { code: 'read_only' } });
    createShape[field.key] = refuse;
    updateShape[field.key] = refuse;
  }
  const createBody = z.strictObject(createShape);
  const updateBody = z.strictObject({
    ...updateShape,
    version: z.number({ error: 'Send the version you read, to protect against lost updates.' }).int().positive(),
  });
  const create = z.preprocess(
    strip,
    z.strictObject({ ...createShape, version: z.unknown().optional() }).transform(({ version: _v, ...rest }) => rest),
  );
  const update = z.preprocess(strip, updateBody);
  return { create, update, createBody, updateBody } as unknown as EntitySchemas;
}
