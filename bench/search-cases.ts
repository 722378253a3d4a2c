import type { Db } from '../server/db/connect.js';
import { seeded } from './stats.js';

/**
 * The quick-search query mix, made from real rows of the filled database:
 * what a user would type to find a client they know, and the same thing as
 * text fragments for the LIKE '%…%' baseline. Fragments keep the stored
 * letter case, because SQLite's LIKE folds case for ASCII letters only.
 */
export interface SearchCase {
  kind: string;
  /** What the user types into quick search. */
  q: string;
  /** Fragments that must all occur in some column of the client (baseline). */
  like: string[];
  /** The client the query was made from. */
  targetId: number;
}

const LEGAL_FORMS = new Set(['ООО', 'АО', 'ПАО', 'ЗАО', 'ИП', 'Ltd', 'LLC', 'Inc', 'PLC', 'Limited', 'Group', 'GmbH', 'LLP']);
const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !LEGAL_FORMS.has(w));

interface ClientSample {
  id: number;
  kind: string;
  name: string;
  first_name: string | null;
  last_name: string | null;
  tax_id: string | null;
  city: string | null;
}

/** A phone as another person would type it: another format than the one stored. */
function retype(value: string, variant: number): { q: string; digits: string } {
  const digits = value.replace(/\D/g, '');
  const national = digits.length > 10 ? digits.slice(-10) : digits;
  const local = national.slice(-7);
  switch (variant % 4) {
    case 0: return { q: (digits.startsWith('7') || digits.startsWith('8') ? '8' : '0') + national, digits: national };
    case 1: return { q: `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, digits: national };
    case 2: return { q: `${local.slice(0, 3)}-${local.slice(3, 5)}-${local.slice(5)}`, digits: local };
    default: return { q: `+${digits.length > 10 ? digits.slice(0, digits.length - 10) : '7'} (${national.slice(0, 3)}) ${national.slice(3)}`, digits: national };
  }
}

export async function searchCases(db: Db, options: { count: number; seed: number; managerId?: number; maxId: number }): Promise<SearchCase[]> {
  const random = seeded(options.seed);
  const cases: SearchCase[] = [];
  const ids = new Set<number>();
  // Random clients: by id over the whole base, or among the manager's own.
  const samples: ClientSample[] = [];
  const columns = ['id', 'kind', 'name', 'first_name', 'last_name', 'tax_id', 'city'];
  if (options.managerId === undefined) {
    while (ids.size < options.count) ids.add(1 + Math.floor(random() * options.maxId));
    samples.push(...((await db('clients').whereIn('id', [...ids]).select(columns)) as ClientSample[]));
  } else {
    const own = (await db('clients').where('manager_id', options.managerId).pluck('id')) as number[];
    while (ids.size < Math.min(options.count, own.length)) ids.add(Number(own[Math.floor(random() * own.length)]));
    samples.push(...((await db('clients').whereIn('id', [...ids]).select(columns)) as ClientSample[]));
  }
  const channels = (await db('channels').where('owner_entity', 'client').whereIn('owner_id', samples.map((s) => s.id)).select('owner_id', 'kind', 'value')) as { owner_id: number; kind: string; value: string }[];

  samples.forEach((c, i) => {
    const mine = channels.filter((ch) => Number(ch.owner_id) === Number(c.id));
    const words = c.kind === 'individual' && c.last_name && c.first_name && !c.name.startsWith('ИП') ? [c.last_name, c.first_name] : wordsOf(c.name);
    const add = (kind: string, q: string, like: string[]) => cases.push({ kind, q, like, targetId: Number(c.id) });
    add('name', words.join(' ').toLowerCase(), words);
    const prefixes = words.slice(0, 2).map((w, j) => w.slice(0, j === 0 ? 4 : 3)).filter((w) => w.length >= 2);
    if (prefixes.length) add('name-prefix', prefixes.join(' ').toLowerCase(), prefixes);
    const email = mine.find((ch) => ch.kind === 'email')?.value;
    if (email) {
      add('email', email, [email]);
      const local = email.split('@')[0]!;
      if (local.length >= 3) add('email-local', local, [local]);
    }
    const phone = mine.find((ch) => ch.kind === 'phone')?.value;
    if (phone) {
      const typed = retype(phone, i);
      add('phone', typed.q, [typed.digits]);
    }
    if (c.tax_id) add('tax-id', i % 2 ? c.tax_id : c.tax_id.slice(0, 7), [i % 2 ? c.tax_id : c.tax_id.slice(0, 7)]);
    if (c.city && words[0]) add('city+name', `${c.city} ${words[0]}`.toLowerCase(), [c.city, words[0]]);
  });
  return cases;
}
