import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { reassign, reassignBody } from './service.js';

export function reassignRoutes(_ctx: AppContext): Route[] {
  const count = { type: 'integer' };
  return [
    route({
      method: 'post', path: '/users/:id/reassign', tag: 'Users',
      summary: 'Move all of a user\'s clients, contacts, open tasks, planned events and coming reminders to another user (administrators)',
      body: () => reassignBody,
      response: () => ({
        type: 'object', properties: { clients: count, contacts: count, tasks: count, events: count, reminders: count },
        required: ['clients', 'contacts', 'tasks', 'events', 'reminders'], additionalProperties: false,
      }),
      handler: (call) => reassign(call.ctx, call.actor, idParam(call), call.body),
    }),
  ];
}
