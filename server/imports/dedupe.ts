import { emailKey, phoneKey } from '../channels/normalize.js';
import type { Conn } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import type { Target } from './fields.js';
import { draftName } from './map.js';

/**
 * The duplicate check of an import, done for a chunk of rows at once (a
 * handful of indexed IN queries instead of several queries per row), with
 * the same rules as the duplicate check of a single record
 * (server/duplicates/): the same tax id, the same e-mail or phone once
 * normalised (channels/normalize.ts), or the same name once legal forms and
 * punctuation are set aside (duplicates/names.ts). A name alone counts only
 * for a row that has no tax id, e-mail or phone to go by: two people called
 * Ivan Petrov with different phones are two people. Products match by SKU,
 * or by name when the row has no SKU.
 *
 * Rows that repeat an earlier row of the same chunk are found here too
 * (`sameAs`); the runner ends the chunk before them, so they meet the
 * record the earlier row created in the database.
 */

export interface MatchKeys {
  taxId?: string;
  emails: string[];
  phones: string[];
  name?: string;
  sku?: string;
}

export interface Match {
  id: number;
  reason: 'tax_id' | 'email' | 'phone' | 'same_name' | 'sku';
  value: string;
}

export function matchKeys(target: Target, values: Record<string, unknown>): MatchKeys {
  const emails = ((values.emails as { address: string }[] | undefined) ?? []).map((e) => emailKey(e.address)).filter((k) => k.length >= 3);
  const phones = ((values.phones as { number: string }[] | undefined) ?? []).map((p) => phoneKey(p.number)).filter((k) => k.length >= 6);
  const taxId = typeof values.taxId === 'string' ? values.taxId.replace(/\s+/g, '') || undefined : undefined;
  const sku = typeof values.sku === 'string' && values.sku.trim() ? values.sku.trim() : undefined;
  const display = draftName(values);
  const name = target === 'products' ? display.toLowerCase() || undefined : nameKey(display) || undefined;
  return { taxId, emails, phones, name, sku };
}

function strong(target: Target, k: MatchKeys): boolean {
  return target === 'products' ? !!k.sku : !!(k.taxId || k.emails.length || k.phones.length);
}

/** Index of an earlier row in the list that this row repeats, per row (or -1). */
export function sameAsEarlier(target: Target, keys: MatchKeys[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((k, i) => {
    const own = target === 'products'
      ? [k.sku ? `s:${k.sku}` : `n:${k.name ?? ''}`]
      : [k.taxId ? `t:${k.taxId}` : '', ...k.emails.map((e) => `e:${e}`), ...k.phones.map((p) => `p:${p}`), !strong(target, k) && k.name ? `n:${k.name}` : ''].filter(Boolean);
    let earlier = -1;
    for (const key of own) {
      const at = seen.get(key);
      if (at !== undefined) {
        earlier = at;
        break;
      }
    }
    for (const key of own) if (!seen.has(key)) seen.set(key, i);
    return earlier;
  });
}

const IN_LIMIT = 900;

/** The oldest record (lowest id) per key. */
function keepFirst(map: Map<string, number>, key: string, id: number): void {
  const had = map.get(key);
  if (had === undefined || id < had) map.set(key, id);
}

async function inChunks<T>(values: string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += IN_LIMIT) out.push(...(await run(unique.slice(i, i + IN_LIMIT))));
  return out;
}

/** The existing record each row duplicates (the strongest reason first), or undefined. */
export async function findExisting(conn: Conn, target: Target, keys: MatchKeys[]): Promise<(Match | undefined)[]> {
  const out: (Match | undefined)[] = keys.map(() => undefined);
  const setFirst = (i: number, m: Match) => {
    if (!out[i]) out[i] = m;
  };
  if (target === 'products') {
    const skus = await inChunks(keys.flatMap((k) => (k.sku ? [k.sku] : [])), (part) => conn('products').whereIn('sku', part).select('id', 'sku') as Promise<{ id: number; sku: string }[]>);
    const bySku = new Map(skus.map((r) => [r.sku, Number(r.id)]));
    const names = await inChunks(keys.flatMap((k) => (!k.sku && k.name ? [k.name] : [])), (part) =>
      conn('products').whereIn(conn.raw('lower(name)') as unknown as string, part).orderBy('id').select('id', conn.raw('lower(name) as lname')) as Promise<{ id: number; lname: string }[]>);
    const byName = new Map<string, number>();
    for (const r of names) if (!byName.has(r.lname)) byName.set(r.lname, Number(r.id));
    keys.forEach((k, i) => {
      if (k.sku && bySku.has(k.sku)) setFirst(i, { id: bySku.get(k.sku)!, reason: 'sku', value: k.sku });
      else if (!k.sku && k.name && byName.has(k.name)) setFirst(i, { id: byName.get(k.name)!, reason: 'same_name', value: k.name });
    });
    return out;
  }
  const entity = target === 'clients' ? 'client' : 'contact';
  const table = target === 'clients' ? 'clients' : 'contacts';
  const byTax = new Map<string, number>();
  if (target === 'clients') {
    const rows = await inChunks(keys.flatMap((k) => (k.taxId ? [k.taxId] : [])), (part) => conn('clients').whereIn('tax_id', part).select('id', 'tax_id') as Promise<{ id: number; tax_id: string }[]>);
    for (const r of rows) keepFirst(byTax, r.tax_id, Number(r.id));
  }
  const channel = async (kind: 'email' | 'phone', values: string[]) => {
    // No ORDER BY and no owner_entity condition: either leads SQLite to walk
    // the (owner_entity, owner_id) index over every channel instead of
    // probing (kind, normalized) for each value;
    // and the owner is checked here, so only the (kind, normalized) index fits.
    const rows = await inChunks(values, (part) => conn('channels').where({ kind }).whereIn('normalized', part).select('owner_entity', 'owner_id', 'normalized') as Promise<{ owner_entity: string; owner_id: number; normalized: string }[]>);
    const map = new Map<string, number>();
    for (const r of rows) if (r.owner_entity === entity) keepFirst(map, r.normalized, Number(r.owner_id));
    return map;
  };
  const byEmail = await channel('email', keys.flatMap((k) => k.emails));
  const byPhone = await channel('phone', keys.flatMap((k) => k.phones));
  const nameOnly = keys.flatMap((k) => (!strong(target, k) && k.name ? [k.name] : []));
  const names = await inChunks(nameOnly, (part) => conn(table).whereIn('name_key', part).select('id', 'name_key') as Promise<{ id: number; name_key: string }[]>);
  const byName = new Map<string, number>();
  for (const r of names) keepFirst(byName, r.name_key, Number(r.id));
  keys.forEach((k, i) => {
    if (k.taxId && byTax.has(k.taxId)) setFirst(i, { id: byTax.get(k.taxId)!, reason: 'tax_id', value: k.taxId });
    for (const e of k.emails) if (byEmail.has(e)) setFirst(i, { id: byEmail.get(e)!, reason: 'email', value: e });
    for (const p of k.phones) if (byPhone.has(p)) setFirst(i, { id: byPhone.get(p)!, reason: 'phone', value: p });
    if (!strong(target, k) && k.name && byName.has(k.name)) setFirst(i, { id: byName.get(k.name)!, reason: 'same_name', value: k.name });
  });
  return out;
}
