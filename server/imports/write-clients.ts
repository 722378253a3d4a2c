import { seesAll, type Actor } from '../access/rights.js';
import { diff } from '../audit/log.js';
import { emailKey, phoneKey } from '../channels/normalize.js';
import { personName } from '../clients/service.js';
import type { Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { customTextColumns, customTexts } from '../fields/search-texts.js';
import type { RecordService } from '../records/service.js';
import { encodeValues, type Row } from '../records/rows.js';
import { clientDocument, contactDocument, type ChannelValue } from '../search/documents.js';
import { entryRow } from '../search/entries.js';
import { insertValues } from './bulk-insert.js';

/**
 * New clients of an import, written a chunk at a time: one INSERT
 * statement each (bulk-insert.ts) for the clients, their phones and e-mails, tags, search
 * entries and audit entries, instead of some twenty statements per client
 * on the single-record path. It derives the same columns as the client
 * service's prepare hook (clients/service.ts: name from the name parts,
 * name_key, tax id without spaces, manager, status) and builds the search
 * entries with the same functions as the live index (search/documents.ts),
 * so an imported client is indistinguishable from one created by hand.
 */

export interface NewClient {
  values: Record<string, unknown>;
}

/** Columns derived like clients/service.ts prepare; a problem when the client cannot be saved. */
export function deriveClient(values: Record<string, unknown>, actor: Actor): { extra: Row } | { problem: ErrorDetail } {
  let name = typeof values.name === 'string' ? values.name.trim() : '';
  if (values.kind === 'individual' && !name) name = personName(values);
  if (!name) {
    return { problem: { field: 'name', code: 'required', message: values.kind === 'individual' ? 'Give the client\'s name or first and last name.' : 'Give the client\'s name.' } };
  }
  const managerId = (values.managerId ?? actor.id) as number;
  if (!seesAll(actor) && managerId !== actor.id) {
    return { problem: { field: 'managerId', code: 'forbidden', message: 'You can only create clients of your own; ask an administrator to import for other managers.' } };
  }
  const extra: Row = { name, name_key: nameKey(name), manager_id: managerId, status: values.status ?? 'active' };
  if (typeof values.taxId === 'string') extra.tax_id = values.taxId.replace(/\s+/g, '') || null;
  return { extra };
}

/** Columns a client's row gets from deriveClient, not from encodeValues. */
const CLIENT_DERIVED = new Set(['name', 'name_key', 'manager_id', 'status', 'tax_id']);
const CONTACT_DERIVED = new Set(['name', 'name_key', 'client_id', 'manager_id', 'is_primary']);

/**
 * Rows as objects (for the search documents) and as value arrays in one
 * column order (for the insert): a multi-row insert needs the same columns
 * in every row, a missing one is null.
 */
function tableRows(rows: Row[]): { columns: string[]; values: unknown[][] } {
  const seen = new Set<string>();
  for (const r of rows) for (const c in r) seen.add(c);
  const columns = [...seen];
  return { columns, values: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}

const CHANNEL_COLUMNS = ['owner_entity', 'owner_id', 'kind', 'type', 'value', 'normalized', 'position'];
const ENTRY_COLUMNS = ['entity', 'record_id', 'owner_id', 'owner_key', 'title', 'subtitle', 'name_terms', 'terms'];
const AUDIT_COLUMNS = ['at', 'user_id', 'entity', 'record_id', 'action', 'changes'];

function entryValues(doc: Parameters<typeof entryRow>[0]): unknown[] {
  const e = entryRow(doc);
  return [e.entity, e.record_id, e.owner_id, e.owner_key, e.title, e.subtitle, e.name_terms, e.terms];
}

/** Inserts the clients (values already validated and derived); returns their ids in order. */
export async function insertClients(trx: Tx, service: RecordService, actor: Actor, items: { values: Record<string, unknown>; extra: Row }[], at: string): Promise<number[]> {
  if (!items.length) return [];
  const fields = service.fields;
  const rows = items.map(({ values, extra }) => Object.assign(encodeValues(fields, values, undefined, CLIENT_DERIVED), extra, { version: 1, created_at: at, updated_at: at }) as Row);
  const table = tableRows(rows);
  const ids = await insertValues(trx, 'clients', table.columns, table.values, true);
  const channels: unknown[][] = [];
  const tags: unknown[][] = [];
  const entries: unknown[][] = [];
  const audits: unknown[][] = [];
  const custom = await customTextColumns(trx, 'client');
  for (let i = 0; i < items.length; i++) {
    const { values } = items[i]!;
    const id = ids[i]!;
    const own: ChannelValue[] = [];
    const emails = values.emails as { type: string; address: string }[] | undefined;
    if (emails) {
      for (let position = 0; position < emails.length; position++) {
        const e = emails[position]!;
        channels.push(['client', id, 'email', e.type, e.address, emailKey(e.address), position]);
        own.push({ kind: 'email', value: e.address });
      }
    }
    const messengers = values.messengers as { type: string; handle: string }[] | undefined;
    if (messengers) {
      for (let position = 0; position < messengers.length; position++) {
        const m = messengers[position]!;
        channels.push(['client', id, 'messenger', m.type, m.handle, m.handle.trim().toLowerCase().replace(/^@/, ''), position]);
        own.push({ kind: 'messenger', value: m.handle });
      }
    }
    const phones = values.phones as { type: string; number: string }[] | undefined;
    if (phones) {
      for (let position = 0; position < phones.length; position++) {
        const p = phones[position]!;
        channels.push(['client', id, 'phone', p.type, p.number, phoneKey(p.number), position]);
        own.push({ kind: 'phone', value: p.number });
      }
    }
    const tagList = values.tags ? [...new Map((values.tags as string[]).map((t) => [t.toLowerCase(), t])).values()] : [];
    for (const tag of tagList) tags.push([id, tag]);
    const row = rows[i]!;
    row.id = id;
    const doc = clientDocument(row as Record<string, string | number | null>, own, tagList);
    if (custom.length) doc.texts.push(...customTexts(row, custom));
    entries.push(entryValues(doc));
    audits.push([at, actor.id, 'client', id, 'create', JSON.stringify(diff(null, { ...values, name: row.name }))]);
  }
  await insertValues(trx, 'channels', CHANNEL_COLUMNS, channels);
  await insertValues(trx, 'client_tags', ['client_id', 'tag'], tags);
  await insertValues(trx, 'search_entries', ENTRY_COLUMNS, entries);
  await insertValues(trx, 'audit_log', AUDIT_COLUMNS, audits);
  return ids;
}

/**
 * The contact persons given in the rows of new clients, written in bulk
 * like the clients: each the client's primary contact, managed by the
 * client's manager (as contacts/service.ts keeps it), with its phones,
 * e-mails, search entry and audit entry.
 */
export async function insertContacts(trx: Tx, service: RecordService, actor: Actor, items: { clientId: number; clientName: string; managerId: number; values: Record<string, unknown> }[], at: string): Promise<void> {
  if (!items.length) return;
  const fields = service.fields;
  const rows = items.map(({ clientId, managerId, values }) => {
    const name = (typeof values.name === 'string' && values.name.trim()) || personName(values);
    const extra: Row = { name, name_key: nameKey(name), client_id: clientId, manager_id: managerId, is_primary: true };
    return Object.assign(encodeValues(fields, values, undefined, CONTACT_DERIVED), extra, { version: 1, created_at: at, updated_at: at }) as Row;
  });
  const table = tableRows(rows);
  const ids = await insertValues(trx, 'contacts', table.columns, table.values, true);
  const channels: unknown[][] = [];
  const entries: unknown[][] = [];
  const audits: unknown[][] = [];
  const custom = await customTextColumns(trx, 'contact');
  for (let i = 0; i < items.length; i++) {
    const { values, clientName, managerId } = items[i]!;
    const id = ids[i]!;
    const own: ChannelValue[] = [];
    const emails = values.emails as { type: string; address: string }[] | undefined;
    if (emails) {
      for (let position = 0; position < emails.length; position++) {
        const e = emails[position]!;
        channels.push(['contact', id, 'email', e.type, e.address, emailKey(e.address), position]);
        own.push({ kind: 'email', value: e.address });
      }
    }
    const phones = values.phones as { type: string; number: string }[] | undefined;
    if (phones) {
      for (let position = 0; position < phones.length; position++) {
        const p = phones[position]!;
        channels.push(['contact', id, 'phone', p.type, p.number, phoneKey(p.number), position]);
        own.push({ kind: 'phone', value: p.number });
      }
    }
    const row = rows[i]!;
    row.id = id;
    const doc = contactDocument({ ...row, client_name: clientName, client_manager_id: managerId } as Record<string, string | number | null>, own);
    if (custom.length) doc.texts.push(...customTexts(row, custom));
    entries.push(entryValues(doc));
    audits.push([at, actor.id, 'contact', id, 'create', JSON.stringify(diff(null, { ...values, name: row.name, clientId: row.client_id }))]);
  }
  await insertValues(trx, 'channels', CHANNEL_COLUMNS, channels);
  await insertValues(trx, 'search_entries', ENTRY_COLUMNS, entries);
  await insertValues(trx, 'audit_log', AUDIT_COLUMNS, audits);
}
