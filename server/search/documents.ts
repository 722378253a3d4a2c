import type { Tx } from '../db/connect.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import { customTextColumns, customTexts } from '../fields/search-texts.js';
import { putEntry, removeEntry, type SearchDocument } from './entries.js';

/**
 * How each kind of record appears in quick search: its title and subtitle
 * in the results, and the words that find it. Read straight from the
 * tables, so any write path can keep the index in step in its transaction.
 * The *Document functions build the entry from rows already read; the live
 * path (index*) and the batch rebuild (rebuild.ts) share them. The values of
 * custom text fields follow the other texts; a caller indexing many records
 * at once may pass their columns (fields/search-texts.ts), read once.
 */

type Row = Record<string, string | number | null>;
export interface ChannelValue { kind: string; value: string }

async function channelsOf(trx: Tx, owner: 'client' | 'contact', id: number) {
  return (await trx('channels').where({ owner_entity: owner, owner_id: id }).orderBy(['kind', 'position']).select('kind', 'value')) as ChannelValue[];
}

/** Columns of clients the client document reads. */
export const CLIENT_COLUMNS = ['id', 'name', 'legal_name', 'first_name', 'last_name', 'middle_name', 'tax_id', 'registration_number', 'city', 'website', 'manager_id'];

/** A client's entry; channels in (kind, position) order. */
export function clientDocument(c: Row, channels: ChannelValue[], tags: string[]): SearchDocument {
  const emails = channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value);
  return {
    entity: 'client',
    recordId: Number(c.id),
    ownerId: Number(c.manager_id),
    title: String(c.name),
    subtitle: [c.tax_id ? `Tax ID ${c.tax_id}` : null, c.city, emails[0]].filter(Boolean).join(' · '),
    names: [c.name as string, c.legal_name as string, c.first_name as string, c.last_name as string, c.middle_name as string],
    texts: [c.tax_id as string, c.registration_number as string, c.city as string, c.website as string, ...emails, ...channels.filter((ch) => ch.kind === 'messenger').map((ch) => ch.value), ...tags],
    phones: channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
  };
}

export async function indexClient(trx: Tx, id: number, columns?: string[]): Promise<void> {
  // Every column, the custom ones included.
  const c = (await trx('clients').where({ id }).first()) as Row | undefined;
  if (!c) return removeEntry(trx, 'client', id);
  const channels = await channelsOf(trx, 'client', id);
  const tags = ((await trx('client_tags').where({ client_id: id }).select('tag')) as { tag: string }[]).map((t) => t.tag);
  const doc = clientDocument(c, channels, tags);
  doc.texts.push(...customTexts(c, columns ?? (await customTextColumns(trx, 'client'))));
  await putEntry(trx, doc);
}

/** A contact's entry: `c` has the contact's columns plus client_name and client_manager_id. */
export function contactDocument(c: Row, channels: ChannelValue[]): SearchDocument {
  const emails = channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value);
  return {
    entity: 'contact',
    recordId: Number(c.id),
    ownerId: Number(c.client_manager_id ?? c.manager_id),
    title: String(c.name),
    subtitle: [c.client_name, c.job_title, emails[0]].filter(Boolean).join(' · '),
    names: [c.name as string],
    texts: [c.job_title as string, c.department as string, ...emails, ...channels.filter((ch) => ch.kind === 'messenger').map((ch) => ch.value)],
    phones: channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
  };
}

export async function indexContact(trx: Tx, id: number, columns?: string[]): Promise<void> {
  const c = (await trx('contacts')
    .leftJoin('clients', 'clients.id', 'contacts.client_id')
    .where('contacts.id', id)
    .first('contacts.*', 'clients.name as client_name', 'clients.manager_id as client_manager_id')) as Row | undefined;
  if (!c) return removeEntry(trx, 'contact', id);
  const doc = contactDocument(c, await channelsOf(trx, 'contact', id));
  doc.texts.push(...customTexts(c, columns ?? (await customTextColumns(trx, 'contact'))));
  await putEntry(trx, doc);
}

export interface ContractSource { number: string; subject: string; client_name: string; manager_id: number }

export function contractDocument(id: number, c: ContractSource): SearchDocument {
  return {
    entity: 'contract',
    recordId: id,
    ownerId: Number(c.manager_id),
    title: `Contract ${c.number}`,
    subtitle: [c.client_name, c.subject].filter(Boolean).join(' · '),
    names: [c.number],
    texts: [c.number.replace(/[^\p{L}\p{N}]+/gu, ''), c.subject],
  };
}

export async function indexContract(trx: Tx, id: number, columns?: string[]): Promise<void> {
  const custom = columns ?? (await customTextColumns(trx, 'contract'));
  const c = (await trx('contracts')
    .join('clients', 'clients.id', 'contracts.client_id')
    .where('contracts.id', id)
    .first('contracts.number', 'contracts.subject', 'clients.name as client_name', 'clients.manager_id', ...custom.map((col) => `contracts.${col}`))) as
    | (ContractSource & Row)
    | undefined;
  if (!c) return removeEntry(trx, 'contract', id);
  const doc = contractDocument(id, c);
  doc.texts.push(...customTexts(c, custom));
  await putEntry(trx, doc);
}

export interface InvoiceSource { number: string | null; total: number; currency: string; client_name: string; manager_id: number }

/** An invoice's entry, or null for a draft: drafts have no number yet and are found through their client. */
export function invoiceDocument(id: number, i: InvoiceSource): SearchDocument | null {
  if (!i.number) return null;
  return {
    entity: 'invoice',
    recordId: id,
    ownerId: Number(i.manager_id),
    title: `Invoice ${i.number}`,
    subtitle: `${i.client_name} · ${formatDecimal(BigInt(i.total), currencyScale(i.currency))} ${i.currency}`,
    names: [i.number],
    texts: [i.number.replace(/[^\p{L}\p{N}]+/gu, '')],
  };
}

export async function indexInvoice(trx: Tx, id: number, columns?: string[]): Promise<void> {
  const custom = columns ?? (await customTextColumns(trx, 'invoice'));
  const i = (await trx('invoices')
    .join('clients', 'clients.id', 'invoices.client_id')
    .where('invoices.id', id)
    .first('invoices.number', 'invoices.total', 'invoices.currency', 'clients.name as client_name', 'clients.manager_id', ...custom.map((col) => `invoices.${col}`))) as
    | (InvoiceSource & Row)
    | undefined;
  const doc = i ? invoiceDocument(id, i) : null;
  if (!i || !doc) return removeEntry(trx, 'invoice', id);
  doc.texts.push(...customTexts(i, custom));
  await putEntry(trx, doc);
}
