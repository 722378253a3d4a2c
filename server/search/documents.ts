import type { Tx } from '../db/connect.js';
import { formatDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import { putEntry, removeEntry } from './entries.js';

/**
 * How each kind of record appears in quick search: its title and subtitle
 * in the results, and the words that find it. Read straight from the
 * tables, so any write path can keep the index in step in its transaction.
 */

async function channelsOf(trx: Tx, owner: 'client' | 'contact', id: number) {
  return (await trx('channels').where({ owner_entity: owner, owner_id: id }).orderBy(['kind', 'position']).select('kind', 'value')) as { kind: string; value: string }[];
}

export async function indexClient(trx: Tx, id: number): Promise<void> {
  const c = (await trx('clients').where({ id }).first()) as Record<string, string | number | null> | undefined;
  if (!c) return removeEntry(trx, 'client', id);
  const channels = await channelsOf(trx, 'client', id);
  const emails = channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value);
  const tags = ((await trx('client_tags').where({ client_id: id }).select('tag')) as { tag: string }[]).map((t) => t.tag);
  await putEntry(trx, {
    entity: 'client',
    recordId: id,
    ownerId: Number(c.manager_id),
    title: String(c.name),
    subtitle: [c.tax_id ? `Tax ID ${c.tax_id}` : null, c.city, emails[0]].filter(Boolean).join(' · '),
    names: [c.name as string, c.legal_name as string, c.first_name as string, c.last_name as string, c.middle_name as string],
    texts: [c.tax_id as string, c.registration_number as string, c.city as string, c.website as string, ...emails, ...channels.filter((ch) => ch.kind === 'messenger').map((ch) => ch.value), ...tags],
    phones: channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
  });
}

export async function indexContact(trx: Tx, id: number): Promise<void> {
  const c = (await trx('contacts')
    .leftJoin('clients', 'clients.id', 'contacts.client_id')
    .where('contacts.id', id)
    .first('contacts.*', 'clients.name as client_name', 'clients.manager_id as client_manager_id')) as Record<string, string | number | null> | undefined;
  if (!c) return removeEntry(trx, 'contact', id);
  const channels = await channelsOf(trx, 'contact', id);
  const emails = channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value);
  await putEntry(trx, {
    entity: 'contact',
    recordId: id,
    ownerId: Number(c.client_manager_id ?? c.manager_id),
    title: String(c.name),
    subtitle: [c.client_name, c.job_title, emails[0]].filter(Boolean).join(' · '),
    names: [c.name as string],
    texts: [c.job_title as string, c.department as string, ...emails, ...channels.filter((ch) => ch.kind === 'messenger').map((ch) => ch.value)],
    phones: channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
  });
}

export async function indexContract(trx: Tx, id: number): Promise<void> {
  const c = (await trx('contracts')
    .join('clients', 'clients.id', 'contracts.client_id')
    .where('contracts.id', id)
    .first('contracts.number', 'contracts.subject', 'contracts.date', 'clients.name as client_name', 'clients.manager_id')) as
    | { number: string; subject: string; date: string; client_name: string; manager_id: number }
    | undefined;
  if (!c) return removeEntry(trx, 'contract', id);
  await putEntry(trx, {
    entity: 'contract',
    recordId: id,
    ownerId: Number(c.manager_id),
    title: `Contract ${c.number}`,
    subtitle: [c.client_name, c.subject].filter(Boolean).join(' · '),
    names: [c.number],
    texts: [c.number.replace(/[^\p{L}\p{N}]+/gu, ''), c.subject],
  });
}

export async function indexInvoice(trx: Tx, id: number): Promise<void> {
  const i = (await trx('invoices')
    .join('clients', 'clients.id', 'invoices.client_id')
    .where('invoices.id', id)
    .first('invoices.number', 'invoices.total', 'invoices.currency', 'clients.name as client_name', 'clients.manager_id')) as
    | { number: string | null; total: number; currency: string; client_name: string; manager_id: number }
    | undefined;
  // Drafts have no number yet and are found through their client.
  if (!i || !i.number) return removeEntry(trx, 'invoice', id);
  await putEntry(trx, {
    entity: 'invoice',
    recordId: id,
    ownerId: Number(i.manager_id),
    title: `Invoice ${i.number}`,
    subtitle: `${i.client_name} · ${formatDecimal(BigInt(i.total), currencyScale(i.currency))} ${i.currency}`,
    names: [i.number],
    texts: [i.number.replace(/[^\p{L}\p{N}]+/gu, '')],
  });
}
