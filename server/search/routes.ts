import { can } from '../access/rights.js';
import { AppError } from '../errors/app-error.js';
import { route, type Route } from '../http/route.js';
import type { SearchEntity } from './entries.js';
import { searchIndex } from './query.js';

const RESOURCE: Record<SearchEntity, 'clients' | 'contacts' | 'contracts' | 'invoices'> = {
  client: 'clients', contact: 'contacts', contract: 'contracts', invoice: 'invoices',
};
const ALL = Object.keys(RESOURCE) as SearchEntity[];

const hitJson = {
  type: 'object',
  properties: {
    entity: { enum: ALL }, id: { type: 'integer' }, title: { type: 'string' }, subtitle: { type: 'string' }, score: { type: 'number' },
  },
  required: ['entity', 'id', 'title', 'subtitle', 'score'],
  additionalProperties: false,
};

/** GET /search: quick search over clients, contacts, contracts and invoices. */
export function searchRoutes(): Route[] {
  return [
    route({
      method: 'get', path: '/search', tag: 'Search',
      summary: 'Quick search: names, tax ids, e-mails, phones in any format, contract and invoice numbers, city; ranked, within your scope',
      query: () => [
        { name: 'q', description: 'What the user typed (at least 2 characters).', required: true, schema: { type: 'string', maxLength: 200 } },
        { name: 'types', description: 'Comma-separated: client, contact, contract, invoice (default all).', schema: { type: 'string' } },
        { name: 'limit', description: 'Results, 1–50 (default 20).', schema: { type: 'integer', minimum: 1, maximum: 50 } },
      ],
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: hitJson } }, required: ['items'], additionalProperties: false }),
      async handler({ ctx, actor, query }) {
        const q = typeof query.q === 'string' ? query.q.trim() : '';
        const details = [];
        if (typeof query.q !== 'string') details.push({ field: 'q', code: 'required', message: 'Give the text to search for.' });
        if (q.length > 200) details.push({ field: 'q', code: 'too_long', message: 'At most 200 characters.' });
        const limit = query.limit === undefined ? 20 : Number(query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) details.push({ field: 'limit', code: 'invalid_value', message: 'Use a whole number from 1 to 50.' });
        const types = typeof query.types === 'string' ? query.types.split(',').map((s) => s.trim()) : ALL;
        const unknown = types.filter((t) => !ALL.includes(t as SearchEntity));
        if (unknown.length) details.push({ field: 'types', code: 'invalid_value', message: `Unknown types: ${unknown.join(', ')}.` });
        for (const key of Object.keys(query)) {
          if (!['q', 'types', 'limit'].includes(key)) details.push({ field: key, code: 'unknown_filter', message: `There is no parameter "${key.slice(0, 40)}".` });
        }
        if (details.length) throw new AppError('invalid_query', 'The search request is invalid.', { details });
        // Only the kinds of record the caller may read are searched at all.
        const entities = (types as SearchEntity[]).filter((t) => can(actor, RESOURCE[t], 'read'));
        if (q.length < 2 || !entities.length) return { items: [] };
        return { items: await searchIndex(ctx.db, actor, q, { entities, limit }) };
      },
    }),
  ];
}
