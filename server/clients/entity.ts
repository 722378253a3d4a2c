import type { Knex } from 'knex';
import type { Actor } from '../access/rights.js';
import type { EntityDef } from '../records/entity.js';
import type { BuiltinField } from '../fields/types.js';

export const clientKinds = [
  { key: 'legal', label: 'Legal entity' },
  { key: 'individual', label: 'Individual' },
];
export const clientStatuses = [
  { key: 'prospect', label: 'Prospect' },
  { key: 'active', label: 'Active' },
  { key: 'former', label: 'Former' },
];

/** Requisites of a legal entity, shared with our companies. */
export const requisiteFields: BuiltinField[] = [
  { key: 'legalName', label: 'Full legal name', type: 'text' },
  { key: 'taxId', label: 'Tax ID', type: 'text', options: { maxLength: 40 } },
  { key: 'registrationNumber', label: 'Registration number', type: 'text', options: { maxLength: 40 } },
  { key: 'legalAddress', label: 'Legal address', type: 'text', options: { maxLength: 1000 } },
  { key: 'postalAddress', label: 'Postal address', type: 'text', options: { maxLength: 1000 } },
  { key: 'bankName', label: 'Bank', type: 'text', options: { maxLength: 300 } },
  { key: 'bankCode', label: 'Bank code (BIC/SWIFT)', type: 'text', options: { maxLength: 40 } },
  { key: 'bankAccount', label: 'Bank account', type: 'text', options: { maxLength: 60 } },
  { key: 'correspondentAccount', label: 'Correspondent account', type: 'text', options: { maxLength: 60 } },
  { key: 'directorName', label: 'Director', type: 'text', options: { maxLength: 300 } },
  { key: 'directorTitle', label: 'Director\'s title', type: 'text', options: { maxLength: 200 } },
];

/** Clients a manager with scope "own" may see: the ones they manage. */
export function ownClients(qb: Knex.QueryBuilder, actor: Actor, column = 'clients.manager_id'): void {
  qb.where(column, actor.id);
}

export const clientEntity: EntityDef = {
  name: 'client',
  table: 'clients',
  path: 'clients',
  label: 'Client',
  labelPlural: 'Clients',
  resource: 'clients',
  defaultSort: 'name',
  fields: [
    { key: 'kind', label: 'Kind', type: 'one_of', required: true, options: { choices: clientKinds } },
    { key: 'name', label: 'Name', type: 'text', options: { maxLength: 500 } },
    ...requisiteFields,
    { key: 'firstName', label: 'First name', type: 'text', options: { maxLength: 200 } },
    { key: 'middleName', label: 'Middle name', type: 'text', options: { maxLength: 200 } },
    { key: 'lastName', label: 'Last name', type: 'text', options: { maxLength: 200 } },
    { key: 'birthday', label: 'Birthday', type: 'date' },
    { key: 'registrationAddress', label: 'Registration address', type: 'text', options: { maxLength: 1000 } },
    { key: 'residenceAddress', label: 'Residence address', type: 'text', options: { maxLength: 1000 } },
    { key: 'phones', label: 'Phones', type: 'phones', column: null },
    { key: 'emails', label: 'E-mails', type: 'emails', column: null },
    { key: 'messengers', label: 'Messengers', type: 'messengers', column: null },
    { key: 'website', label: 'Website', type: 'url' },
    { key: 'city', label: 'City', type: 'text', options: { maxLength: 200 } },
    { key: 'country', label: 'Country', type: 'text', options: { maxLength: 100 } },
    { key: 'categoryId', label: 'Category', type: 'link', options: { entity: 'client-category' } },
    { key: 'managerId', label: 'Manager', type: 'link', options: { entity: 'user' } },
    { key: 'status', label: 'Status', type: 'one_of', options: { choices: clientStatuses } },
    { key: 'source', label: 'Source', type: 'text', options: { maxLength: 200 } },
    { key: 'tags', label: 'Tags', type: 'tags', column: null },
    { key: 'notes', label: 'Notes', type: 'long_text' },
  ],
  ownScope: (qb, actor) => ownClients(qb, actor),
  filters: {
    tag: {
      description: 'Clients with this tag.',
      ops: ['eq'],
      apply(qb, _op, value, { conn }) {
        // IN, not a correlated EXISTS: the (tag, client_id) index then yields
        // the tagged clients directly instead of probing every client.
        qb.whereIn('clients.id', conn('client_tags').select('client_tags.client_id').where('client_tags.tag', value));
      },
    },
  },
};
