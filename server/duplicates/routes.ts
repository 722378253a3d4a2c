import { z } from 'zod';
import { assertCan } from '../access/rights.js';
import { parseOrThrow } from '../fields/validation.js';
import { route, type Route } from '../http/route.js';
import { findDuplicates } from './find.js';

const text = z.string().trim().max(500).nullable().optional();
const draftBody = z.strictObject({
  name: text,
  legalName: text,
  firstName: text,
  lastName: text,
  taxId: z.string().trim().max(40).nullable().optional(),
  emails: z.array(z.union([z.string().max(320), z.strictObject({ address: z.string().max(320), type: z.string().optional() })])).max(20).optional(),
  phones: z.array(z.union([z.string().max(40), z.strictObject({ number: z.string().max(40), type: z.string().optional() })])).max(20).optional(),
  /** When editing: the record itself is not its own duplicate. */
  excludeId: z.number().int().positive().optional(),
});

const candidateJson = {
  type: 'object',
  properties: {
    entity: { enum: ['client', 'contact'] },
    id: { type: 'integer', description: 'Present only when you may open the record.' },
    name: { type: 'string' },
    managerId: { type: 'integer' },
    managerName: { type: 'string' },
    clientName: { type: 'string' },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { enum: ['tax_id', 'email', 'phone', 'same_name', 'similar_name'] }, value: { type: 'string' } },
        required: ['code', 'value'], additionalProperties: false,
      },
    },
    score: { type: 'integer', minimum: 0, maximum: 100 },
    accessible: { type: 'boolean' },
  },
  required: ['entity', 'name', 'managerId', 'managerName', 'reasons', 'score', 'accessible'],
  additionalProperties: false,
};

/**
 * POST /clients/duplicates and /contacts/duplicates: likely duplicates of a
 * draft, across all managers. Used before creating a record by hand, by
 * import and from Outlook.
 */
export function duplicateRoutes(): Route[] {
  return (['clients', 'contacts'] as const).map((resource) =>
    route({
      method: 'post', path: `/${resource}/duplicates`, tag: resource === 'clients' ? 'Clients' : 'Contacts',
      summary: `Likely duplicates of a draft ${resource === 'clients' ? 'client' : 'contact'} (same tax id, e-mail, phone or similar name), across all managers`,
      body: () => draftBody,
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: candidateJson } }, required: ['items'], additionalProperties: false }),
      async handler({ ctx, actor, body }) {
        assertCan(actor, resource, 'create');
        const draft = parseOrThrow(draftBody, body);
        const items = await findDuplicates(ctx.db, actor, {
          ...draft,
          emails: draft.emails?.map((e) => (typeof e === 'string' ? e : e.address)),
          phones: draft.phones?.map((p) => (typeof p === 'string' ? p : p.number)),
        }, { excludeEntity: resource === 'clients' ? 'client' : 'contact', ...(draft.excludeId ? { excludeId: draft.excludeId } : {}) });
        return { items };
      },
    }),
  );
}
