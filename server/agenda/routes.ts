import type { AppContext } from '../context.js';
import { route, type Route } from '../http/route.js';
import { reminderJsonSchema } from '../reminders/store.js';
import { MAX_RANGE_DAYS, calendarRange } from './calendar.js';
import { todayFor } from './service.js';

const text = { type: 'string' };
const textOrNull = { type: ['string', 'null'] };
const idOrNull = { type: ['integer', 'null'] };
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

export const eventItemJson = object({
  id: { type: 'integer' }, type: text, subject: text, status: { enum: ['planned', 'done'] }, startsAt: text, endsAt: textOrNull,
  clientId: { type: 'integer' }, clientName: textOrNull, contactId: idOrNull, contactName: textOrNull,
});
export const taskItemJson = object({
  id: { type: 'integer' }, title: text, priority: text, status: text, dueAt: textOrNull, clientId: idOrNull, clientName: textOrNull,
});
const invoiceItemJson = object({ id: { type: 'integer' }, number: text, clientId: { type: 'integer' }, clientName: text, dueDate: text, currency: text, remaining: text });
const contractItemJson = object({ id: { type: 'integer' }, number: text, clientId: { type: 'integer' }, clientName: text, endDate: text, autoRenew: { type: 'boolean' } });
const list = (items: unknown) => ({ type: 'array', items });

export function agendaRoutes(_ctx: AppContext): Route[] {
  const userIdParam = { name: 'userId', description: 'Another user\'s agenda (administrators and users who see all clients).', schema: { type: 'integer', minimum: 1 } };
  return [
    route({
      method: 'get', path: '/agenda/today', tag: 'Agenda',
      summary: 'Today for a user: planned calls and meetings, tasks due, overdue tasks, events and invoices, contracts in their notice period, unread reminders',
      query: () => [userIdParam],
      response: () => object({
        date: text, userId: { type: 'integer' }, events: list(eventItemJson), tasks: list(taskItemJson),
        overdue: object({ events: list(eventItemJson), tasks: list(taskItemJson), invoices: list(invoiceItemJson) }),
        contractsEnding: list(contractItemJson), reminders: list(reminderJsonSchema),
      }),
      handler: ({ ctx, actor, query }) => todayFor(ctx, actor, query),
    }),
    route({
      method: 'get', path: '/calendar', tag: 'Agenda', summary: `A user's events and tasks between two dates (this week by default; at most ${MAX_RANGE_DAYS} days)`,
      query: () => [
        { name: 'from', description: 'First day, YYYY-MM-DD (default: this Monday).', schema: { type: 'string', format: 'date' } },
        { name: 'to', description: 'Last day, YYYY-MM-DD (default: six days after from).', schema: { type: 'string', format: 'date' } },
        userIdParam,
      ],
      response: () => object({ from: text, to: text, userId: { type: 'integer' }, events: list(eventItemJson), tasks: list(taskItemJson) }),
      handler: ({ ctx, actor, query }) => calendarRange(ctx, actor, query),
    }),
  ];
}
