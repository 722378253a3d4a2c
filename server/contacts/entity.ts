import type { EntityDef } from '../records/entity.js';

export const contactEntity: EntityDef = {
  name: 'contact',
  table: 'contacts',
  path: 'contacts',
  label: 'Contact',
  labelPlural: 'Contacts',
  resource: 'contacts',
  defaultSort: 'name',
  fields: [
    { key: 'clientId', label: 'Client', type: 'link', options: { entity: 'client' } },
    { key: 'name', label: 'Name', type: 'text', options: { maxLength: 500 } },
    { key: 'firstName', label: 'First name', type: 'text', options: { maxLength: 200 } },
    { key: 'middleName', label: 'Middle name', type: 'text', options: { maxLength: 200 } },
    { key: 'lastName', label: 'Last name', type: 'text', options: { maxLength: 200 } },
    { key: 'jobTitle', label: 'Position', type: 'text', options: { maxLength: 200 } },
    { key: 'department', label: 'Department', type: 'text', options: { maxLength: 200 } },
    { key: 'isPrimary', label: 'Primary contact', type: 'boolean' },
    { key: 'phones', label: 'Phones', type: 'phones', column: null },
    { key: 'emails', label: 'E-mails', type: 'emails', column: null },
    { key: 'messengers', label: 'Messengers', type: 'messengers', column: null },
    { key: 'birthday', label: 'Birthday', type: 'date' },
    { key: 'address', label: 'Address', type: 'text', options: { maxLength: 1000 } },
    // Outlook's categories arrive here through contact sync.
    { key: 'tags', label: 'Tags', type: 'tags', column: null },
    // A client's contacts follow the client's manager; a standalone contact has its own.
    { key: 'managerId', label: 'Manager', type: 'link', options: { entity: 'user' } },
    { key: 'notes', label: 'Notes', type: 'long_text' },
  ],
  // contacts.manager_id always equals the client's manager for a client's
  // contact (kept so by the contact and client write paths), so scope is one
  // indexed comparison.
  ownScope: (qb, actor) => qb.where('contacts.manager_id', actor.id),
  filters: {
    tag: {
      description: 'Contacts with this tag.',
      ops: ['eq'],
      apply(qb, _op, value, { conn }) {
        qb.whereIn('contacts.id', conn('contact_tags').select('contact_tags.contact_id').where('contact_tags.tag', value));
      },
    },
  },
};
