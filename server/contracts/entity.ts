import type { Knex } from 'knex';
import { addDays } from '../dates.js';
import { isPostgres, type Conn } from '../db/connect.js';
import type { EntityDef } from '../records/entity.js';
import type { BuiltinField } from '../fields/types.js';

export const vatModes = [
  { key: 'exclusive', label: 'VAT on top of prices' },
  { key: 'inclusive', label: 'Prices include VAT' },
  { key: 'none', label: 'No VAT' },
];

/** Currency, VAT mode, lines and totals: shared by contracts and invoices. */
export const lineFields: BuiltinField[] = [
  { key: 'currency', label: 'Currency', type: 'text', options: { maxLength: 3 } },
  { key: 'vatMode', label: 'VAT', type: 'one_of', options: { choices: vatModes } },
  { key: 'lines', label: 'Lines', type: 'lines', column: null },
  { key: 'netTotal', label: 'Total without VAT', type: 'money', readOnly: true, options: { currencyField: 'currency' } },
  { key: 'vatTotal', label: 'VAT', type: 'money', readOnly: true, options: { currencyField: 'currency' } },
  { key: 'total', label: 'Total', type: 'money', readOnly: true, options: { currencyField: 'currency' } },
];

/** Documents of clients an own-scope user manages. */
export function ownClientDocuments(table: string) {
  return (qb: Knex.QueryBuilder, actor: { id: number }) =>
    qb.whereIn(`${table}.client_id`, (sub: Knex.QueryBuilder) => sub.select('id').from('clients').where('manager_id', actor.id));
}

export const contractStates = ['draft', 'active', 'expiring', 'expired', 'terminated'] as const;
export type ContractState = (typeof contractStates)[number];

/** A date column minus a number of days, in each database's SQL. */
function minusDays(conn: Conn, dateColumn: string, daysColumn: string): string {
  return isPostgres(conn) ? `(${dateColumn} - ${daysColumn} * interval '1 day')::date` : `date(${dateColumn}, '-' || ${daysColumn} || ' days')`;
}

/** SQL for "the contract is in this state today", matching contractState(). */
function stateCondition(qb: Knex.QueryBuilder, state: string, conn: Conn, today: string): void {
  const noticeStart = minusDays(conn, 'contracts.end_date', 'contracts.notice_days');
  switch (state) {
    case 'draft':
    case 'terminated':
      qb.where('contracts.status', state);
      return;
    case 'expired':
      qb.where('contracts.status', 'active').andWhere('contracts.end_date', '<', today);
      return;
    case 'expiring':
      qb.where('contracts.status', 'active').andWhere('contracts.end_date', '>=', today).andWhereRaw(`${noticeStart} <= ?`, [today]);
      return;
    default:
      qb.where('contracts.status', 'active').andWhere((w) => w.whereNull('contracts.end_date').orWhereRaw(`${noticeStart} > ?`, [today]));
  }
}

export function contractState(record: Record<string, unknown>, today: string): ContractState {
  if (record.status === 'draft' || record.status === 'terminated') return record.status;
  if (typeof record.endDate !== 'string') return 'active';
  if (record.endDate < today) return 'expired';
  return addDays(record.endDate, -Number(record.noticeDays ?? 0)) <= today ? 'expiring' : 'active';
}

export const contractEntity: EntityDef = {
  name: 'contract',
  table: 'contracts',
  path: 'contracts',
  label: 'Contract',
  labelPlural: 'Contracts',
  resource: 'contracts',
  defaultSort: '-date',
  fields: [
    { key: 'number', label: 'Number', type: 'text', options: { maxLength: 60 } },
    { key: 'date', label: 'Date', type: 'date' },
    { key: 'companyId', label: 'Our company', type: 'link', options: { entity: 'company' } },
    { key: 'clientId', label: 'Client', type: 'link', required: true, options: { entity: 'client' } },
    { key: 'signatoryId', label: 'Client signatory', type: 'link', options: { entity: 'contact' } },
    { key: 'signatoryName', label: 'Signatory name', type: 'text', options: { maxLength: 300 } },
    { key: 'subject', label: 'Subject', type: 'text', required: true, options: { maxLength: 1000 } },
    { key: 'startDate', label: 'Start date', type: 'date' },
    { key: 'endDate', label: 'End date', type: 'date' },
    { key: 'autoRenew', label: 'Renews automatically', type: 'boolean' },
    { key: 'noticeDays', label: 'Notice period, days', type: 'number' },
    { key: 'status', label: 'Status', type: 'one_of', options: { choices: [{ key: 'draft', label: 'Draft' }, { key: 'active', label: 'Active' }, { key: 'terminated', label: 'Terminated' }] } },
    {
      key: 'state', label: 'State', type: 'one_of', readOnly: true, column: null,
      options: { choices: contractStates.map((s) => ({ key: s, label: s[0]!.toUpperCase() + s.slice(1) })) },
    },
    ...lineFields,
    { key: 'renewedFromId', label: 'Renews contract', type: 'link', readOnly: true, options: { entity: 'contract' } },
    { key: 'notes', label: 'Notes', type: 'long_text' },
  ],
  ownScope: ownClientDocuments('contracts'),
  filters: {
    state: {
      description: `Contracts in a state today: ${contractStates.join(', ')}.`,
      ops: ['eq'],
      values: [...contractStates],
      apply(qb, _op, value, { conn, today }) {
        stateCondition(qb, value, conn, today);
      },
    },
  },
};
