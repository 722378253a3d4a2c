import type { Knex } from 'knex';
import type { Actor } from '../access/rights.js';
import type { EntityDef } from '../records/entity.js';

export const taskStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const openStatuses = ['open', 'in_progress'] as const;
export const priorities = ['low', 'normal', 'high'] as const;
export const repeats = ['daily', 'weekly', 'monthly'] as const;

const choices = (keys: readonly string[]) => keys.map((key) => ({ key, label: key[0]!.toUpperCase() + key.slice(1).replace('_', ' ') }));

/**
 * A task for one assignee, optionally due at a time, with a reminder
 * (remindAt, or remindBeforeMinutes before dueAt) and a repetition:
 * completing a repeating task creates its next occurrence.
 */
export const taskEntity: EntityDef = {
  name: 'task',
  table: 'tasks',
  path: 'tasks',
  label: 'Task',
  labelPlural: 'Tasks',
  resource: 'tasks',
  defaultSort: 'dueAt',
  fields: [
    { key: 'title', label: 'Title', type: 'text', required: true, options: { maxLength: 500 } },
    { key: 'description', label: 'Description', type: 'long_text' },
    { key: 'assigneeId', label: 'Assignee', type: 'link', options: { entity: 'user' } },
    { key: 'createdById', label: 'Created by', type: 'link', readOnly: true, options: { entity: 'user' } },
    { key: 'dueAt', label: 'Due', type: 'datetime' },
    { key: 'priority', label: 'Priority', type: 'one_of', options: { choices: choices(priorities) } },
    { key: 'status', label: 'Status', type: 'one_of', options: { choices: choices(taskStatuses) } },
    { key: 'remindAt', label: 'Remind at', type: 'datetime' },
    { key: 'remindBeforeMinutes', label: 'Remind, minutes before due', type: 'number' },
    { key: 'remindByEmail', label: 'Also remind by e-mail', type: 'boolean' },
    { key: 'repeat', label: 'Repeat', type: 'one_of', options: { choices: choices(repeats) } },
    { key: 'clientId', label: 'Client', type: 'link', options: { entity: 'client' } },
    { key: 'contactId', label: 'Contact', type: 'link', options: { entity: 'contact' } },
    { key: 'contractId', label: 'Contract', type: 'link', options: { entity: 'contract' } },
    { key: 'invoiceId', label: 'Invoice', type: 'link', options: { entity: 'invoice' } },
    { key: 'eventId', label: 'Event', type: 'link', options: { entity: 'event' } },
    { key: 'completedAt', label: 'Completed', type: 'datetime', readOnly: true },
    { key: 'repeatedFromId', label: 'Repeats task', type: 'link', readOnly: true, options: { entity: 'task' } },
    { key: 'autoKey', label: 'Created automatically for', type: 'text', readOnly: true, hidden: true, options: { maxLength: 200 } },
  ],
  // Tasks a user is assigned or gave, and tasks about the clients they manage.
  ownScope: (qb: Knex.QueryBuilder, actor: Actor) =>
    qb.where((w) => w.where('tasks.assignee_id', actor.id).orWhere('tasks.created_by_id', actor.id)
      .orWhereIn('tasks.client_id', (sub: Knex.QueryBuilder) => sub.select('id').from('clients').where('manager_id', actor.id))),
};
