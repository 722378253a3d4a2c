/**
 * The merge fields of an e-mail: the recipient's client and contact, the
 * client's manager, our company (the same fields Word templates print,
 * custom fields included), the recipient's address, today's date, and the
 * unsubscribe link the sender provides.
 */
import type { FieldStore } from '../fields/store.js';
import { fieldNodes, type FieldNode } from '../documents/field-tree.js';

export function mailFieldTree(fields: FieldStore): FieldNode[] {
  return [
    { key: 'client', label: 'Client', type: 'object', children: fieldNodes(fields, 'client') },
    { key: 'contact', label: 'Contact (the recipient, or the client\'s primary contact)', type: 'object', children: fieldNodes(fields, 'contact') },
    { key: 'manager', label: 'Manager (of the client)', type: 'object', children: fieldNodes(fields, 'user') },
    { key: 'company', label: 'Our company', type: 'object', children: fieldNodes(fields, 'company') },
    {
      key: 'recipient', label: 'Recipient', type: 'object',
      children: [{ key: 'email', label: 'E-mail address', type: 'email' }, { key: 'name', label: 'Name', type: 'text' }],
    },
    { key: 'today', label: 'Today\'s date', type: 'date' },
    { key: 'unsubscribeUrl', label: 'Unsubscribe address (URL)', type: 'url' },
    { key: 'unsubscribeLink', label: 'Unsubscribe link', type: 'html' },
  ];
}
