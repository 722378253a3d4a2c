import type { Knex } from 'knex';
import type { Actor } from '../access/rights.js';
import type { EntityDef } from '../records/entity.js';

export const eventStatuses = ['planned', 'done'] as const;
export const directions = ['incoming', 'outgoing'] as const;

/**
 * A call, meeting, e-mail, letter or note with a client. Its type is one of
 * the admin-configured event types (event-types.ts) and its result one of
 * that type's results, both checked by the service against the table, so
 * they are plain text fields here.
 */
export const eventEntity: EntityDef = {
  name: 'event',
  table: 'events',
  path: 'events',
  label: 'Event',
  labelPlural: 'Events',
  resource: 'events',
  defaultSort: '-startsAt',
  fields: [
    { key: 'type', label: 'Type', type: 'text', required: true, options: { maxLength: 40 } },
    { key: 'status', label: 'Status', type: 'one_of', options: { choices: [{ key: 'planned', label: 'Planned' }, { key: 'done', label: 'Done' }] } },
    { key: 'subject', label: 'Subject', type: 'text', required: true, options: { maxLength: 500 } },
    { key: 'clientId', label: 'Client', type: 'link', required: true, options: { entity: 'client' } },
    { key: 'contactId', label: 'Contact', type: 'link', options: { entity: 'contact' } },
    { key: 'contractId', label: 'Contract', type: 'link', options: { entity: 'contract' } },
    { key: 'invoiceId', label: 'Invoice', type: 'link', options: { entity: 'invoice' } },
    { key: 'ownerId', label: 'Responsible', type: 'link', options: { entity: 'user' } },
    { key: 'startsAt', label: 'Starts', type: 'datetime', required: true },
    { key: 'endsAt', label: 'Ends', type: 'datetime' },
    { key: 'direction', label: 'Direction', type: 'one_of', options: { choices: [{ key: 'incoming', label: 'Incoming' }, { key: 'outgoing', label: 'Outgoing' }] } },
    { key: 'description', label: 'Description', type: 'long_text' },
    { key: 'result', label: 'Result', type: 'text', options: { maxLength: 40 } },
    { key: 'resultNotes', label: 'Result notes', type: 'long_text' },
    { key: 'remindBeforeMinutes', label: 'Remind, minutes before', type: 'number' },
    { key: 'remindByEmail', label: 'Also remind by e-mail', type: 'boolean' },
  ],
  // Events of the clients a user manages, and events they hold themselves.
  ownScope: (qb: Knex.QueryBuilder, actor: Actor) =>
    qb.where((w) => w.where('events.owner_id', actor.id).orWhereIn('events.client_id', (sub: Knex.QueryBuilder) => sub.select('id').from('clients').where('manager_id', actor.id))),
};
