import type { AppContext } from '../context.js';
import { channelJson, tagsJson } from '../channels/json.js';
import type { Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { imageRoutes } from '../files/routes.js';
import { contactService } from './service.js';

export function contactRoutes(ctx: AppContext): Route[] {
  const contacts = contactService(ctx);
  return [
    ...crudRoutes(contacts, {
      extra: () => ({ ...channelJson(), tags: tagsJson(), clientName: { type: ['string', 'null'] } }),
    }),
    ...imageRoutes(contacts, { purposes: ['photo'] }),
  ];
}
