import type { Knex } from 'knex';
import type { EntityDef } from '../records/entity.js';
import { lineFields, ownClientDocuments } from '../contracts/entity.js';

/**
 * An invoice is stored as draft, issued or cancelled; whether it is paid,
 * partly paid or overdue follows from its allocations and due date, so it
 * is derived when read and never goes stale.
 */
export const invoiceStates = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceState = (typeof invoiceStates)[number];

export function invoiceState(r: { status: unknown; paid: bigint; total: bigint; dueDate: unknown }, today: string): InvoiceState {
  if (r.status === 'draft' || r.status === 'cancelled') return r.status;
  if (r.paid >= r.total) return 'paid';
  if (typeof r.dueDate === 'string' && r.dueDate < today) return 'overdue';
  return r.paid > 0n ? 'partially_paid' : 'issued';
}

/** The same rule in SQL, for filtering lists. */
function stateCondition(qb: Knex.QueryBuilder, state: string, today: string): void {
  switch (state) {
    case 'draft':
    case 'cancelled':
      qb.where('invoices.status', state);
      return;
    case 'paid':
      qb.where('invoices.status', 'issued').andWhereRaw('invoices.paid >= invoices.total');
      return;
    case 'overdue':
      qb.where('invoices.status', 'issued').andWhereRaw('invoices.paid < invoices.total').andWhere('invoices.due_date', '<', today);
      return;
    case 'partially_paid':
      qb.where('invoices.status', 'issued').andWhereRaw('invoices.paid < invoices.total').andWhere('invoices.paid', '>', 0).andWhere('invoices.due_date', '>=', today);
      return;
    default: // issued: nothing paid yet and not overdue
      qb.where('invoices.status', 'issued').andWhere('invoices.paid', 0).andWhere('invoices.total', '>', 0).andWhere('invoices.due_date', '>=', today);
  }
}

export const invoiceEntity: EntityDef = {
  name: 'invoice',
  table: 'invoices',
  path: 'invoices',
  label: 'Invoice',
  labelPlural: 'Invoices',
  resource: 'invoices',
  defaultSort: '-date',
  fields: [
    { key: 'number', label: 'Number', type: 'text', readOnly: true },
    { key: 'date', label: 'Date', type: 'date' },
    { key: 'dueDate', label: 'Due date', type: 'date' },
    { key: 'companyId', label: 'Our company', type: 'link', options: { entity: 'company' } },
    // Required, but an invoice under a contract takes the contract's client.
    { key: 'clientId', label: 'Client', type: 'link', options: { entity: 'client' } },
    { key: 'contractId', label: 'Contract', type: 'link', options: { entity: 'contract' } },
    {
      key: 'status', label: 'Status', type: 'one_of', readOnly: true,
      options: { choices: [{ key: 'draft', label: 'Draft' }, { key: 'issued', label: 'Issued' }, { key: 'cancelled', label: 'Cancelled' }] },
    },
    {
      key: 'state', label: 'Payment state', type: 'one_of', readOnly: true, column: null,
      options: { choices: invoiceStates.map((s) => ({ key: s, label: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) })) },
    },
    ...lineFields,
    { key: 'paid', label: 'Paid', type: 'money', readOnly: true, options: { currencyField: 'currency' } },
    { key: 'remaining', label: 'Remaining', type: 'money', readOnly: true, column: null, options: { currencyField: 'currency' } },
    { key: 'issuedAt', label: 'Issued', type: 'datetime', readOnly: true },
    { key: 'cancelledAt', label: 'Cancelled', type: 'datetime', readOnly: true },
    { key: 'notes', label: 'Notes', type: 'long_text' },
  ],
  ownScope: ownClientDocuments('invoices'),
  filters: {
    state: {
      description: `Invoices in a payment state today: ${invoiceStates.join(', ')}.`,
      ops: ['eq'],
      values: [...invoiceStates],
      apply: (qb, _op, value, { today }) => stateCondition(qb, value, today),
    },
  },
  sorts: {
    remaining: { expression: (table) => `(${table}.total - ${table}.paid)` },
  },
};
