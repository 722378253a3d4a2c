import type { AppContext } from '../context.js';
import { channelJson, tagsJson } from '../channels/json.js';
import { idParam, route, type Route } from '../http/route.js';
import { balanceJson, clientBalances } from '../payments/balance.js';
import { crudRoutes } from '../records/routes.js';
import { today } from '../context.js';
import { recentDocumentsJson } from './documents.js';
import { clientService } from './service.js';

const contactSummary = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, name: { type: 'string' }, jobTitle: { type: ['string', 'null'] }, isPrimary: { type: 'boolean' },
      phones: { type: 'array' }, emails: { type: 'array' },
    },
    required: ['id', 'name', 'jobTitle', 'isPrimary', 'phones', 'emails'],
    additionalProperties: false,
  },
};

export function clientRoutes(ctx: AppContext): Route[] {
  const clients = clientService(ctx);
  return [
    ...crudRoutes(clients, {
      extra: () => ({
        ...channelJson(), tags: tagsJson(),
        managerName: { type: ['string', 'null'] }, categoryName: { type: ['string', 'null'] },
      }),
      detailExtra: () => ({ contacts: contactSummary, balance: balanceJson, recentDocuments: recentDocumentsJson }),
    }),
    route({
      method: 'get', path: '/clients/:id/balance', tag: 'Clients',
      summary: 'What the client owes per currency: receivable, overdue, unallocated credit and balance',
      response: () => ({ type: 'object', properties: { items: balanceJson }, required: ['items'], additionalProperties: false }),
      async handler(call) {
        const client = await clients.get(call.actor, idParam(call));
        const balances = await clientBalances(ctx.db, [client.id], today(ctx));
        return { items: balances.get(client.id) ?? [] };
      },
    }),
  ];
}
