import type { Conn, Tx } from '../db/connect.js';
import type { ApiRecord } from '../records/rows.js';
import { emailKey, messengerKey, phoneKey } from './normalize.js';
import type { Email, Messenger, Phone } from './schema.js';

export type ChannelOwner = 'client' | 'contact';

interface ChannelRow {
  owner_id: number;
  kind: 'phone' | 'email' | 'messenger';
  type: string;
  value: string;
  position: number;
}

/** Replaces the lists that are present in `values` (absent ones stay). */
export async function saveChannels(
  trx: Tx,
  owner: ChannelOwner,
  ownerId: number,
  values: { phones?: Phone[] | null; emails?: Email[] | null; messengers?: Messenger[] | null },
): Promise<void> {
  const lists: [ChannelRow['kind'], { type: string; value: string; normalized: string }[] | undefined][] = [
    ['phone', values.phones === undefined ? undefined : (values.phones ?? []).map((p) => ({ type: p.type, value: p.number, normalized: phoneKey(p.number) }))],
    ['email', values.emails === undefined ? undefined : (values.emails ?? []).map((e) => ({ type: e.type, value: e.address, normalized: emailKey(e.address) }))],
    ['messenger', values.messengers === undefined ? undefined : (values.messengers ?? []).map((m) => ({ type: m.type, value: m.handle, normalized: messengerKey(m.handle) }))],
  ];
  for (const [kind, items] of lists) {
    if (items === undefined) continue;
    await trx('channels').where({ owner_entity: owner, owner_id: ownerId, kind }).delete();
    if (items.length) {
      await trx('channels').insert(items.map((item, position) => ({ owner_entity: owner, owner_id: ownerId, kind, ...item, position })));
    }
  }
}

/** Adds phones, emails and messengers to records. */
export async function loadChannels(conn: Conn, owner: ChannelOwner, records: ApiRecord[]): Promise<void> {
  const rows = (await conn('channels')
    .where({ owner_entity: owner })
    .whereIn('owner_id', records.map((r) => r.id))
    .orderBy(['owner_id', 'kind', 'position'])
    .select('owner_id', 'kind', 'type', 'value', 'position')) as ChannelRow[];
  const byOwner = new Map<number, ChannelRow[]>();
  for (const row of rows) {
    const list = byOwner.get(Number(row.owner_id)) ?? [];
    list.push(row);
    byOwner.set(Number(row.owner_id), list);
  }
  for (const record of records) {
    const own = byOwner.get(record.id) ?? [];
    record.phones = own.filter((r) => r.kind === 'phone').map((r) => ({ type: r.type, number: r.value }));
    record.emails = own.filter((r) => r.kind === 'email').map((r) => ({ type: r.type, address: r.value }));
    record.messengers = own.filter((r) => r.kind === 'messenger').map((r) => ({ type: r.type, handle: r.value }));
  }
}

export async function deleteChannels(trx: Tx, owner: ChannelOwner, ownerId: number): Promise<void> {
  await trx('channels').where({ owner_entity: owner, owner_id: ownerId }).delete();
}
