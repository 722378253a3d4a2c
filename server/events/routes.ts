import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { crudRoutes, type CrudOptions } from '../records/routes.js';
import { eventService } from './service.js';
import { EventTypeService, createTypeBody, eventTypeJson, updateTypeBody } from './types.js';

const nameOrNull = { type: ['string', 'null'] };

export function eventRoutes(ctx: AppContext): Route[] {
  const events = eventService(ctx);
  const types = new EventTypeService(ctx);
  const options: CrudOptions = { extra: () => ({ clientName: nameOrNull, contactName: nameOrNull, ownerName: nameOrNull }) };
  return [
    route({
      method: 'get', path: '/event-types', tag: 'Events', summary: 'Event types (call, meeting, …) and the results each allows',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: eventTypeJson } }, required: ['items'], additionalProperties: false }),
      handler: async ({ actor }) => ({ items: await types.list(actor) }),
    }),
    route({
      method: 'post', path: '/event-types', tag: 'Events', status: 201, summary: 'Add an event type with its results (administrators)',
      body: () => createTypeBody, response: () => eventTypeJson,
      handler: ({ actor, body }) => types.create(actor, body),
    }),
    route({
      method: 'patch', path: '/event-types/:id', tag: 'Events', summary: 'Rename, reorder or archive an event type, or change its results (administrators)',
      body: () => updateTypeBody, response: () => eventTypeJson,
      handler: (call) => types.update(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/event-types/:id', tag: 'Events', status: 204, summary: 'Delete an event type no event uses (administrators)',
      handler: async (call) => {
        await types.remove(call.actor, idParam(call));
      },
    }),
    ...crudRoutes(events, options),
  ];
}
