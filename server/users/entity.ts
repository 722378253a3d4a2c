import { roles, scopes } from '../access/rights.js';
import type { EntityDef } from '../records/entity.js';

export const userEntity: EntityDef = {
  name: 'user',
  table: 'users',
  path: 'users',
  label: 'User',
  labelPlural: 'Users',
  resource: 'users',
  defaultSort: 'name',
  fields: [
    { key: 'login', label: 'Login', type: 'text', required: true, options: { maxLength: 100 } },
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 200 } },
    { key: 'email', label: 'E-mail', type: 'email' },
    { key: 'role', label: 'Role', type: 'one_of', required: true, options: { choices: roles.map((r) => ({ key: r, label: r[0]!.toUpperCase() + r.slice(1) })) } },
    {
      key: 'scope', label: 'Sees', type: 'one_of', required: true,
      options: { choices: [{ key: scopes[0], label: 'Own clients' }, { key: scopes[1], label: 'All clients' }] },
    },
    { key: 'active', label: 'Active', type: 'boolean' },
  ],
};
