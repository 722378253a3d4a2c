import { seesAll, type Actor } from '../access/rights.js';
import { emailKey, phoneKey } from '../channels/normalize.js';
import { isPostgres, type Conn } from '../db/connect.js';
import { ftsMatch, tsQuery } from '../search/query.js';
import { nameKey, nameSimilarity, SIMILAR_NAME } from './names.js';

export interface DuplicateDraft {
  name?: string | null;
  legalName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  taxId?: string | null;
  emails?: string[];
  phones?: string[];
}

export type DuplicateReason = 'tax_id' | 'email' | 'phone' | 'same_name' | 'similar_name';

export interface DuplicateCandidate {
  entity: 'client' | 'contact';
  /** Only for records the caller may open. */
  id?: number;
  name: string;
  managerId: number;
  managerName: string;
  /** A contact's client, when the caller may see it. */
  clientName?: string;
  reasons: { code: DuplicateReason; value: string }[];
  score: number;
  accessible: boolean;
}

const WEIGHT: Record<DuplicateReason, number> = { tax_id: 100, email: 80, phone: 60, same_name: 50, similar_name: 30 };
const LIMIT = 20;

type Key = `${'client' | 'contact'}:${number}`;

/**
 * Records that are probably the same client or person as a draft: same tax
 * id, same e-mail or phone (normalised), same or similar name. It looks
 * across all managers, because the point is to stop a manager adding a
 * client who is already someone else's; what it shows of records outside
 * the caller's scope is their name and manager only.
 */
export async function findDuplicates(
  conn: Conn,
  actor: Actor,
  draft: DuplicateDraft,
  options: { excludeEntity?: 'client' | 'contact'; excludeId?: number } = {},
): Promise<DuplicateCandidate[]> {
  const hits = new Map<Key, { code: DuplicateReason; value: string }[]>();
  const add = (entity: 'client' | 'contact', id: number, code: DuplicateReason, value: string) => {
    if (entity === options.excludeEntity && id === options.excludeId) return;
    const key: Key = `${entity}:${Number(id)}`;
    const reasons = hits.get(key) ?? [];
    if (!reasons.some((r) => r.code === code && r.value === value)) reasons.push({ code, value });
    hits.set(key, reasons);
  };

  const taxId = draft.taxId?.replace(/\s+/g, '');
  if (taxId) {
    const rows = (await conn('clients').where({ tax_id: taxId }).limit(LIMIT).select('id')) as { id: number }[];
    for (const r of rows) add('client', r.id, 'tax_id', taxId);
  }
  const channelKeys = [
    ...(draft.emails ?? []).filter(Boolean).map((e) => ({ kind: 'email', key: emailKey(e), value: e, code: 'email' as const })),
    ...(draft.phones ?? []).filter(Boolean).map((p) => ({ kind: 'phone', key: phoneKey(p), value: p, code: 'phone' as const })),
  ].filter((c) => c.key.length >= 3);
  for (const channel of channelKeys) {
    const rows = (await conn('channels').where({ kind: channel.kind, normalized: channel.key }).limit(LIMIT).select('owner_entity', 'owner_id')) as {
      owner_entity: 'client' | 'contact';
      owner_id: number;
    }[];
    for (const r of rows) add(r.owner_entity, r.owner_id, channel.code, channel.value);
  }

  const names = [draft.name, draft.legalName, [draft.firstName, draft.lastName].filter(Boolean).join(' ')]
    .map((n) => (n ? nameKey(n) : ''))
    .filter((k) => k.length >= 2);
  for (const key of new Set(names)) {
    for (const [entity, table] of [['client', 'clients'], ['contact', 'contacts']] as const) {
      const rows = (await conn(table).where({ name_key: key }).limit(LIMIT).select('id')) as { id: number }[];
      for (const r of rows) add(entity, r.id, 'same_name', key);
    }
    for (const c of await similarNames(conn, key)) {
      if (nameSimilarity(key, c.nameKey) >= SIMILAR_NAME && c.nameKey !== key) add(c.entity, c.id, 'similar_name', c.name);
    }
  }
  return describe(conn, actor, hits);
}

/** Candidates sharing any word of the name, best first, from the search index. */
async function similarNames(conn: Conn, key: string): Promise<{ entity: 'client' | 'contact'; id: number; name: string; nameKey: string }[]> {
  const terms = [...new Set(key.split(' ').filter((w) => w.length >= 2))].slice(0, 6);
  if (!terms.length) return [];
  const parsed = { groups: [terms] }; // any of the words
  let rows: { entity: 'client' | 'contact'; record_id: number }[];
  if (isPostgres(conn)) {
    rows = await conn('search_entries')
      .select('entity', 'record_id')
      .whereIn('entity', ['client', 'contact'])
      .whereRaw(`tsv @@ to_tsquery('simple', ?)`, [tsQuery(parsed).replace(/:\*/g, '')])
      .orderByRaw(`ts_rank(tsv, to_tsquery('simple', ?)) DESC`, [tsQuery(parsed).replace(/:\*/g, '')])
      .limit(50);
  } else {
    const match = ftsMatch(parsed, null).replace(/\*/g, '').replace('{name_terms terms}', 'name_terms');
    rows = await conn
      .select('e.entity', 'e.record_id')
      .from('search_fts')
      .join('search_entries as e', 'e.id', 'search_fts.rowid')
      .whereRaw('search_fts MATCH ?', [match])
      .whereIn('e.entity', ['client', 'contact'])
      .orderByRaw('bm25(search_fts, 10.0, 1.0, 0.0)')
      .limit(50);
  }
  const out: { entity: 'client' | 'contact'; id: number; name: string; nameKey: string }[] = [];
  for (const [entity, table] of [['client', 'clients'], ['contact', 'contacts']] as const) {
    const ids = rows.filter((r) => r.entity === entity).map((r) => Number(r.record_id));
    if (!ids.length) continue;
    const found = (await conn(table).whereIn('id', ids).select('id', 'name', 'name_key')) as { id: number; name: string; name_key: string }[];
    out.push(...found.map((f) => ({ entity, id: Number(f.id), name: f.name, nameKey: f.name_key })));
  }
  return out;
}

async function describe(conn: Conn, actor: Actor, hits: Map<Key, { code: DuplicateReason; value: string }[]>): Promise<DuplicateCandidate[]> {
  const ids = (entity: string) => [...hits.keys()].filter((k) => k.startsWith(entity + ':')).map((k) => Number(k.split(':')[1]));
  const clients = (await conn('clients').whereIn('clients.id', ids('client')).join('users', 'users.id', 'clients.manager_id')
    .select('clients.id', 'clients.name', 'clients.manager_id', 'users.name as manager_name')) as { id: number; name: string; manager_id: number; manager_name: string }[];
  const contacts = (await conn('contacts').whereIn('contacts.id', ids('contact'))
    .leftJoin('clients', 'clients.id', 'contacts.client_id')
    .join('users', 'users.id', conn.raw('coalesce(clients.manager_id, contacts.manager_id)'))
    .select('contacts.id', 'contacts.name', 'clients.name as client_name', 'users.id as manager_id', 'users.name as manager_name')) as {
    id: number; name: string; client_name: string | null; manager_id: number; manager_name: string;
  }[];
  const all = seesAll(actor);
  const out: DuplicateCandidate[] = [];
  for (const c of clients) {
    const reasons = hits.get(`client:${Number(c.id)}`) ?? [];
    const accessible = all || Number(c.manager_id) === actor.id;
    out.push({
      entity: 'client', ...(accessible ? { id: Number(c.id) } : {}), name: c.name, managerId: Number(c.manager_id), managerName: c.manager_name,
      reasons, score: Math.min(100, reasons.reduce((s, r) => s + WEIGHT[r.code], 0)), accessible,
    });
  }
  for (const c of contacts) {
    const reasons = hits.get(`contact:${Number(c.id)}`) ?? [];
    const accessible = all || Number(c.manager_id) === actor.id;
    out.push({
      entity: 'contact', ...(accessible ? { id: Number(c.id) } : {}), name: c.name, managerId: Number(c.manager_id), managerName: c.manager_name,
      ...(accessible && c.client_name ? { clientName: c.client_name } : {}),
      reasons, score: Math.min(100, reasons.reduce((s, r) => s + WEIGHT[r.code], 0)), accessible,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, LIMIT);
}
