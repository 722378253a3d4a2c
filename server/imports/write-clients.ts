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
import { insertRows } from './bulk-insert.js';

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

/** Inserts the clients (values already validated and derived); returns their ids in order. */
export async function insertClients(trx: Tx, service: RecordService, actor: Actor, items: { values: Record<string, unknown>; extra: Row }[], at: string): Promise<number[]> {
  if (!items.length) return [];
  const fields = service.fields;
  const rows = items.map(({ values, extra }) => ({ ...encodeValues(fields, values, undefined, new Set(Object.keys(extra))), ...extra, version: 1, created_at: at, updated_at: at }));
  // Multi-row inserts need the same columns in every row.
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const full = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c as keyof typeof r] ?? null])));
  const ids = await insertRows(trx, 'clients', full, true);
  const channels: Row[] = [];
  const tags: Row[] = [];
  const entries: Row[] = [];
  const audits: Row[] = [];
  const custom = await customTextColumns(trx, 'client');
  items.forEach(({ values }, i) => {
    const id = ids[i]!;
    const own: ChannelValue[] = [];
    ((values.emails as { type: string; address: string }[] | undefined) ?? []).forEach((e, position) => {
      channels.push({ owner_entity: 'client', owner_id: id, kind: 'email', type: e.type, value: e.address, normalized: emailKey(e.address), position });
      own.push({ kind: 'email', value: e.address });
    });
    ((values.messengers as { type: string; handle: string }[] | undefined) ?? []).forEach((m, position) => {
      channels.push({ owner_entity: 'client', owner_id: id, kind: 'messenger', type: m.type, value: m.handle, normalized: m.handle.trim().toLowerCase().replace(/^@/, ''), position });
      own.push({ kind: 'messenger', value: m.handle });
    });
    ((values.phones as { type: string; number: string }[] | undefined) ?? []).forEach((p, position) => {
      channels.push({ owner_entity: 'client', owner_id: id, kind: 'phone', type: p.type, value: p.number, normalized: phoneKey(p.number), position });
      own.push({ kind: 'phone', value: p.number });
    });
    const tagList = [...new Map(((values.tags as string[] | undefined) ?? []).map((t) => [t.toLowerCase(), t])).values()];
    for (const tag of tagList) tags.push({ client_id: id, tag });
    const row = { ...full[i], id } as Record<string, string | number | null>;
    const doc = clientDocument(row, own, tagList);
    doc.texts.push(...customTexts(row, custom));
    entries.push(entryRow(doc) as unknown as Row);
    audits.push({ at, user_id: actor.id, entity: 'client', record_id: id, action: 'create', changes: JSON.stringify(diff(null, { ...values, name: row.name })) });
  });
  await insertRows(trx, 'channels', channels);
  await insertRows(trx, 'client_tags', tags);
  await insertRows(trx, 'search_entries', entries);
  await insertRows(trx, 'audit_log', audits);
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
    return { ...encodeValues(fields, values, undefined, new Set(Object.keys(extra))), ...extra, version: 1, created_at: at, updated_at: at };
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const full = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c as keyof typeof r] ?? null])));
  const ids = await insertRows(trx, 'contacts', full, true);
  const channels: Row[] = [];
  const entries: Row[] = [];
  const audits: Row[] = [];
  const custom = await customTextColumns(trx, 'contact');
  items.forEach(({ values, clientName, managerId }, i) => {
    const id = ids[i]!;
    const own: ChannelValue[] = [];
    ((values.emails as { type: string; address: string }[] | undefined) ?? []).forEach((e, position) => {
      channels.push({ owner_entity: 'contact', owner_id: id, kind: 'email', type: e.type, value: e.address, normalized: emailKey(e.address), position });
      own.push({ kind: 'email', value: e.address });
    });
    ((values.phones as { type: string; number: string }[] | undefined) ?? []).forEach((p, position) => {
      channels.push({ owner_entity: 'contact', owner_id: id, kind: 'phone', type: p.type, value: p.number, normalized: phoneKey(p.number), position });
      own.push({ kind: 'phone', value: p.number });
    });
    const row = { ...full[i], id, client_name: clientName, client_manager_id: managerId } as Record<string, string | number | null>;
    const doc = contactDocument(row, own);
    doc.texts.push(...customTexts(row, custom));
    entries.push(entryRow(doc) as unknown as Row);
    audits.push({ at, user_id: actor.id, entity: 'contact', record_id: id, action: 'create', changes: JSON.stringify(diff(null, { ...values, name: row.name, clientId: row.client_id })) });
  });
  await insertRows(trx, 'channels', channels);
  await insertRows(trx, 'search_entries', entries);
  await insertRows(trx, 'audit_log', audits);
}
