import { seesAll, type Actor } from '../access/rights.js';
import { diff, type Changes } from '../audit/log.js';
import { emailKey, phoneKey } from '../channels/normalize.js';
import { personName } from '../clients/service.js';
import type { Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { customTexts } from '../fields/search-texts.js';
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
 *
 * Everything but the new ids is built ahead (buildClient), before the
 * chunk's transaction: while one chunk is being written by the database's
 * thread, the next one's rows are built on the JavaScript thread, and the
 * transaction itself only runs statements and fills in the ids.
 */

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
/** Where the owner's or record's id goes in a channel row and in an entry row. */
const CHANNEL_OWNER = 1;
const ENTRY_RECORD = 1;

/** A contact person built ahead: its client's id (and its own) come at insert. */
export interface NewContact {
  row: Row;
  channels: unknown[][];
  entry: unknown[];
  changes: Changes;
}

/** A client built ahead: its rows for every table, without its id. */
export interface NewClient {
  row: Row;
  channels: unknown[][];
  tags: string[];
  entry: unknown[];
  changes: string;
  person?: NewContact;
}

/** The texts of custom text fields that go into search entries, per entity (fields/search-texts.ts). */
export interface CustomTexts { client: string[]; contact: string[] }

function entryValues(doc: Parameters<typeof entryRow>[0]): unknown[] {
  const e = entryRow(doc);
  return [e.entity, e.record_id, e.owner_id, e.owner_key, e.title, e.subtitle, e.name_terms, e.terms];
}

/** Channel rows (owner id left empty) and their values for the search document. */
function channelRows(owner: 'client' | 'contact', values: Record<string, unknown>, messengers: boolean): { rows: unknown[][]; own: ChannelValue[] } {
  const rows: unknown[][] = [];
  const own: ChannelValue[] = [];
  const emails = values.emails as { type: string; address: string }[] | undefined;
  if (emails) {
    for (let position = 0; position < emails.length; position++) {
      const e = emails[position]!;
      rows.push([owner, 0, 'email', e.type, e.address, emailKey(e.address), position]);
      own.push({ kind: 'email', value: e.address });
    }
  }
  const handles = messengers ? (values.messengers as { type: string; handle: string }[] | undefined) : undefined;
  if (handles) {
    for (let position = 0; position < handles.length; position++) {
      const m = handles[position]!;
      rows.push([owner, 0, 'messenger', m.type, m.handle, m.handle.trim().toLowerCase().replace(/^@/, ''), position]);
      own.push({ kind: 'messenger', value: m.handle });
    }
  }
  const phones = values.phones as { type: string; number: string }[] | undefined;
  if (phones) {
    for (let position = 0; position < phones.length; position++) {
      const p = phones[position]!;
      rows.push([owner, 0, 'phone', p.type, p.number, phoneKey(p.number), position]);
      own.push({ kind: 'phone', value: p.number });
    }
  }
  return { rows, own };
}

/** A client's rows (values already validated, columns derived by deriveClient), and its contact person's. */
export function buildClient(clients: RecordService, contacts: RecordService | undefined, item: { values: Record<string, unknown>; extra: Row; contact?: Record<string, unknown> }, custom: CustomTexts, at: string): NewClient {
  const { values, extra } = item;
  const row = Object.assign(encodeValues(clients.fields, values, undefined, CLIENT_DERIVED), extra, { version: 1, created_at: at, updated_at: at }) as Row;
  const { rows: channels, own } = channelRows('client', values, true);
  const tags = values.tags ? [...new Map((values.tags as string[]).map((t) => [t.toLowerCase(), t])).values()] : [];
  const doc = clientDocument(row as Record<string, string | number | null>, own, tags);
  if (custom.client.length) doc.texts.push(...customTexts(row, custom.client));
  const built: NewClient = { row, channels, tags, entry: entryValues(doc), changes: JSON.stringify(diff(null, { ...values, name: row.name })) };
  if (item.contact && contacts) built.person = buildContact(contacts, item.contact, String(row.name), Number(row.manager_id), custom, at);
  return built;
}

/**
 * The contact person given in a new client's row: the client's primary
 * contact, managed by the client's manager (as contacts/service.ts keeps it).
 */
function buildContact(contacts: RecordService, values: Record<string, unknown>, clientName: string, managerId: number, custom: CustomTexts, at: string): NewContact {
  const name = (typeof values.name === 'string' && values.name.trim()) || personName(values);
  const extra: Row = { name, name_key: nameKey(name), client_id: 0, manager_id: managerId, is_primary: true };
  const row = Object.assign(encodeValues(contacts.fields, values, undefined, CONTACT_DERIVED), extra, { version: 1, created_at: at, updated_at: at }) as Row;
  const { rows: channels, own } = channelRows('contact', values, false);
  const doc = contactDocument({ ...row, client_name: clientName, client_manager_id: managerId } as Record<string, string | number | null>, own);
  if (custom.contact.length) doc.texts.push(...customTexts(row, custom.contact));
  // clientId set at insert; its key is already in place, so the audit entry lists it where a live create does.
  return { row, channels, entry: entryValues(doc), changes: diff(null, { ...values, name, clientId: 0 }) };
}

/** Fills a record's id into the rows built for it. */
function own(id: number, channels: unknown[][], entry: unknown[]): void {
  for (const c of channels) c[CHANNEL_OWNER] = id;
  entry[ENTRY_RECORD] = id;
}

/** Inserts clients built ahead, with their phones, e-mails, tags, search and audit entries and contact persons; returns their ids in order. */
export async function insertClients(trx: Tx, actor: Actor, items: NewClient[]): Promise<number[]> {
  if (!items.length) return [];
  const table = tableRows(items.map((c) => c.row));
  const ids = await insertValues(trx, 'clients', table.columns, table.values, true);
  const channels: unknown[][] = [];
  const tags: unknown[][] = [];
  const entries: unknown[][] = [];
  const audits: unknown[][] = [];
  const persons: { clientId: number; person: NewContact }[] = [];
  for (let i = 0; i < items.length; i++) {
    const c = items[i]!;
    const id = ids[i]!;
    own(id, c.channels, c.entry);
    channels.push(...c.channels);
    for (const tag of c.tags) tags.push([id, tag]);
    entries.push(c.entry);
    audits.push([c.row.created_at, actor.id, 'client', id, 'create', c.changes]);
    if (c.person) persons.push({ clientId: id, person: c.person });
  }
  await insertValues(trx, 'channels', CHANNEL_COLUMNS, channels);
  await insertValues(trx, 'client_tags', ['client_id', 'tag'], tags);
  await insertValues(trx, 'search_entries', ENTRY_COLUMNS, entries);
  await insertValues(trx, 'audit_log', AUDIT_COLUMNS, audits);
  await insertContacts(trx, actor, persons);
  return ids;
}

/** The contact persons of new clients, with their phones, e-mails, search and audit entries. */
async function insertContacts(trx: Tx, actor: Actor, items: { clientId: number; person: NewContact }[]): Promise<void> {
  if (!items.length) return;
  for (const { clientId, person } of items) person.row.client_id = clientId;
  const table = tableRows(items.map((c) => c.person.row));
  const ids = await insertValues(trx, 'contacts', table.columns, table.values, true);
  const channels: unknown[][] = [];
  const entries: unknown[][] = [];
  const audits: unknown[][] = [];
  for (let i = 0; i < items.length; i++) {
    const { clientId, person } = items[i]!;
    const id = ids[i]!;
    own(id, person.channels, person.entry);
    channels.push(...person.channels);
    entries.push(person.entry);
    person.changes.clientId = { old: null, new: clientId };
    audits.push([person.row.created_at, actor.id, 'contact', id, 'create', JSON.stringify(person.changes)]);
  }
  await insertValues(trx, 'channels', CHANNEL_COLUMNS, channels);
  await insertValues(trx, 'search_entries', ENTRY_COLUMNS, entries);
  await insertValues(trx, 'audit_log', AUDIT_COLUMNS, audits);
}
