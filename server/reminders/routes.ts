import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { schedulerOf } from './scheduler.js';
import { ReminderService, reminderStates, snoozeBody } from './service.js';
import { reminderJsonSchema } from './store.js';

export function reminderRoutes(ctx: AppContext): Route[] {
  const reminders = new ReminderService(ctx);
  return [
    route({
      method: 'get', path: '/reminders', tag: 'Reminders', summary: 'Your reminders: unread (fired, not dismissed; the default), upcoming or dismissed',
      query: () => [{ name: 'state', description: `One of ${reminderStates.join(', ')}.`, schema: { enum: [...reminderStates] } }],
      response: () => ({
        type: 'object', properties: { items: { type: 'array', items: reminderJsonSchema }, unread: { type: 'integer' } },
        required: ['items', 'unread'], additionalProperties: false,
      }),
      handler: ({ actor, query }) => reminders.list(actor, query),
    }),
    route({
      method: 'get', path: '/reminders/stream', tag: 'Reminders', produces: 'text/event-stream',
      summary: 'Live stream (server-sent events) of your reminders: on connect every unread one, then each as it fires ("reminder"), and "dismissed"/"snoozed" with the id when another window acts on one',
      async handler({ actor, res }) {
        res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
        res.flushHeaders();
        res.write('retry: 5000\n\n');
        const scheduler = schedulerOf(ctx);
        const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
        scheduler.hub.add(actor.id, res);
        await scheduler.pushToStreams();
        res.write(`event: ready\ndata: ${JSON.stringify({ unread: await reminders.unreadCount(actor) })}\n\n`);
        await closed;
      },
    }),
    route({
      method: 'post', path: '/reminders/:id/dismiss', tag: 'Reminders', summary: 'Dismiss one of your reminders',
      response: () => reminderJsonSchema,
      handler: (call) => reminders.dismiss(call.actor, idParam(call)),
    }),
    route({
      method: 'post', path: '/reminders/dismiss-all', tag: 'Reminders', summary: 'Dismiss all your unread reminders',
      response: () => ({ type: 'object', properties: { dismissed: { type: 'integer' } }, required: ['dismissed'], additionalProperties: false }),
      handler: ({ actor }) => reminders.dismissAll(actor),
    }),
    route({
      method: 'post', path: '/reminders/:id/snooze', tag: 'Reminders', summary: 'Snooze a fired reminder for some minutes or until a time; it fires again then',
      body: () => snoozeBody, response: () => reminderJsonSchema,
      handler: (call) => reminders.snooze(call.actor, idParam(call), call.body),
    }),
  ];
}
