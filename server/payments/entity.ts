import type { EntityDef } from '../records/entity.js';
import { ownClientDocuments } from '../contracts/entity.js';

export const paymentMethods = [
  { key: 'bank_transfer', label: 'Bank transfer' },
  { key: 'cash', label: 'Cash' },
  { key: 'card', label: 'Card' },
  { key: 'other', label: 'Other' },
];

export const paymentEntity: EntityDef = {
  name: 'payment',
  table: 'payments',
  path: 'payments',
  label: 'Payment',
  labelPlural: 'Payments',
  resource: 'payments',
  defaultSort: '-date',
  fields: [
    { key: 'clientId', label: 'Client', type: 'link', required: true, options: { entity: 'client' } },
    { key: 'companyId', label: 'Our company', type: 'link', options: { entity: 'company' } },
    { key: 'date', label: 'Date', type: 'date' },
    { key: 'amount', label: 'Amount', type: 'money', required: true, options: { currencyField: 'currency' } },
    { key: 'currency', label: 'Currency', type: 'text', options: { maxLength: 3 } },
    { key: 'method', label: 'Method', type: 'one_of', options: { choices: paymentMethods } },
    { key: 'reference', label: 'Reference', type: 'text', options: { maxLength: 200 } },
    { key: 'notes', label: 'Notes', type: 'long_text' },
    { key: 'allocated', label: 'Allocated', type: 'money', readOnly: true, options: { currencyField: 'currency' } },
    { key: 'unallocated', label: 'Unallocated (credit)', type: 'money', readOnly: true, column: null, options: { currencyField: 'currency' } },
  ],
  ownScope: ownClientDocuments('payments'),
  filters: {
    hasCredit: {
      description: 'Payments with an unallocated remainder (true) or fully allocated (false).',
      ops: ['eq'],
      values: ['true', 'false'],
      apply: (qb, _op, value) => (value === 'true' ? qb.whereRaw('payments.allocated < payments.amount') : qb.whereRaw('payments.allocated >= payments.amount')),
    },
  },
};
