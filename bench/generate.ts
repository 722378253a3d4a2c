import { phoneKey, emailKey } from '../server/channels/normalize.js';
import { nameKey } from '../server/duplicates/names.js';
import * as N from './names.js';
import { translit } from './names.js';
import { seeded as rng } from '../server/demo/random.js';

/**
 * Deterministic bench data: client n is the same on every run and on both
 * databases (a PRNG seeded by its id), so figures compare across runs.
 */

export type Value = string | number | boolean | null;

export const CLIENT_COLUMNS = [
  'id', 'version', 'created_at', 'updated_at', 'kind', 'name', 'name_key', 'legal_name', 'tax_id', 'registration_number',
  'category_id', 'manager_id', 'status', 'city', 'country', 'first_name', 'middle_name', 'last_name', 'website', 'source',
] as const;
export const CONTACT_COLUMNS = [
  'id', 'version', 'created_at', 'updated_at', 'client_id', 'manager_id', 'name', 'name_key', 'first_name', 'middle_name', 'last_name',
  'job_title', 'is_primary',
] as const;
export const CHANNEL_COLUMNS = ['owner_entity', 'owner_id', 'kind', 'type', 'value', 'normalized', 'position'] as const;
export const TAG_COLUMNS = ['client_id', 'tag'] as const;

export interface Generated {
  clients: Value[][];
  contacts: Value[][];
  channels: Value[][];
  tags: Value[][];
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function weighted(list: [string, number][]): (r: Rand) => string {
  const total = list.reduce((s, [, w]) => s + w, 0);
  return (r) => {
    let x = r() * total;
    for (const [v, w] of list) if ((x -= w) < 0) return v;
    return list[0]![0];
  };
}
const ruCity = weighted(N.RU_CITIES);
const enCity = weighted(N.EN_CITIES);

const START = Date.parse('2021-01-01T00:00:00Z');
const END = Date.parse('2026-11-27T00:00:00Z');

interface Person { first: string; middle: string | null; last: string; ru: boolean; female: boolean }

function person(r: Rand, ru: boolean): Person {
  const female = r() < 0.45;
  if (!ru) return { first: pick(r, N.EN_FIRST), middle: null, last: pick(r, N.EN_LAST), ru, female };
  const father = pick(r, N.RU_FIRST_M);
  // Patronymics from the father's name: Иван → Иванович / Ивановна (good enough for test data).
  const stem = father.replace(/[йь]$/, '').replace(/ий$/, '');
  const middle = father.endsWith('й') || father.endsWith('ь') ? stem + (female ? 'евна' : 'евич') : stem + (female ? 'овна' : 'ович');
  const [m, f] = pick(r, N.RU_LAST);
  return { first: pick(r, female ? N.RU_FIRST_F : N.RU_FIRST_M), middle, last: female ? f : m, ru, female };
}

function brand(r: Rand, ru: boolean): string {
  if (r() < 0.55) {
    // Invented brands, mostly unique across the base.
    const syl = ru ? N.RU_SYLLABLES : N.EN_SYLLABLES;
    const n = 2 + Math.floor(r() * 2);
    return cap(Array.from({ length: n }, () => pick(r, syl)).join(''));
  }
  return pick(r, ru ? N.RU_BRAND_WORDS : N.EN_BRAND_WORDS);
}

/** How a person typed a phone into the CRM: many formats, as in real data. */
function phone(r: Rand, ru: boolean, mobile: boolean): string {
  if (ru) {
    const code = mobile ? '9' + digits(r, 2) : pick(r, ['495', '499', '812', '383', '343', '843', '831']);
    const [a, b, c] = [digits(r, 3), digits(r, 2), digits(r, 2)];
    switch (Math.floor(r() * 4)) {
      case 0: return `+7 (${code}) ${a}-${b}-${c}`;
      case 1: return `8 ${code} ${a} ${b} ${c}`;
      case 2: return `+7${code}${a}${b}${c}`;
      default: return `8 (${code}) ${a}${b}${c}`;
    }
  }
  if (r() < 0.8) {
    const area = mobile ? '7' + digits(r, 3) : pick(r, ['20', '161', '121', '113', '141', '151']);
    const rest = digits(r, 10 - area.length);
    return r() < 0.5 ? `+44 ${area} ${rest.slice(0, 4)} ${rest.slice(4)}` : `0${area} ${rest.slice(0, 4)} ${rest.slice(4)}`;
  }
  return `+1 (${pick(r, ['212', '617', '312', '415'])}) ${digits(r, 3)}-${digits(r, 4)}`;
}

export interface GenerateContext {
  /** Manager user ids, with weights (some managers have far more clients). */
  managers: { id: number; weight: number }[];
  categoryIds: number[];
}

/**
 * Clients fromId..toId with their contacts (ids continue from contactId),
 * phones, e-mails and tags.
 */
export class Generator {
  private nextContactId: number;
  private readonly managerOf: (r: Rand) => number;

  constructor(private readonly ctx: GenerateContext, firstContactId = 1) {
    this.nextContactId = firstContactId;
    const total = ctx.managers.reduce((s, m) => s + m.weight, 0);
    this.managerOf = (r) => {
      let x = r() * total;
      for (const m of ctx.managers) if ((x -= m.weight) < 0) return m.id;
      return ctx.managers[0]!.id;
    };
  }

  get contactsMade(): number {
    return this.nextContactId - 1;
  }

  clients(fromId: number, toId: number): Generated {
    const out: Generated = { clients: [], contacts: [], channels: [], tags: [] };
    for (let id = fromId; id <= toId; id++) this.client(id, out);
    return out;
  }

  private client(id: number, out: Generated): void {
    const r = rng(Math.imul(id, 2654435761) ^ 0x5bd1e995);
    const ru = r() < 0.6;
    const legal = r() < 0.65;
    const at = new Date(START + Math.floor(r() * (END - START))).toISOString();
    const managerId = this.managerOf(r);
    const city = ru ? ruCity(r) : enCity(r);
    const country = ru ? 'Россия' : city === 'New York' || city === 'Boston' || city === 'Chicago' ? 'USA' : 'United Kingdom';
    const categoryId = r() < 0.7 ? pick(r, this.ctx.categoryIds) : null;
    const status = r() < 0.7 ? 'active' : r() < 0.66 ? 'prospect' : 'former';
    let name: string;
    let legalName: string | null = null;
    let taxId: string | null = null;
    let regNo: string | null = null;
    let p: Person | null = null;
    let domain: string | null = null;
    if (legal) {
      const b = brand(r, ru);
      const trade = r() < 0.75 ? pick(r, ru ? N.RU_TRADES : N.EN_TRADES) : null;
      if (ru) {
        const form = pick(r, N.RU_FORMS);
        const core = trade ? (r() < 0.5 ? `${b}-${trade}` : `${b}${trade.toLowerCase()}`) : b;
        name = `${form} «${core}»`;
        legalName = `${N.RU_FORM_NAMES[form]} «${core}»`;
        taxId = String(1 + Math.floor(r() * 9)) + digits(r, 9);
        regNo = '1' + digits(r, 12);
        domain = translit(core) + (r() < 0.8 ? '.ru' : '.com');
      } else {
        const form = pick(r, N.EN_FORMS);
        const core = trade ? `${b} ${trade}` : b;
        name = `${core} ${form}`;
        legalName = name;
        taxId = r() < 0.7 ? 'GB' + digits(r, 9) : digits(r, 2) + '-' + digits(r, 7);
        taxId = taxId.replace(/\s+/g, '');
        regNo = digits(r, 8);
        domain = core.toLowerCase().replace(/[^a-z0-9]+/g, '') + pick(r, ['.co.uk', '.com', '.co.uk', '.net']);
      }
    } else {
      p = person(r, ru);
      name = [p.first, p.middle, p.last].filter(Boolean).join(' ');
      if (ru && r() < 0.3) {
        // Sole traders: a person with a tax id.
        name = `ИП ${p.last} ${p.first} ${p.middle}`;
        taxId = String(1 + Math.floor(r() * 9)) + digits(r, 11);
      }
    }
    out.clients.push([
      id, 1, at, at, legal ? 'legal' : 'individual', name, nameKey(name), legalName, taxId, regNo,
      categoryId, managerId, status, city, country, p?.first ?? null, p?.middle ?? null, p?.last ?? null,
      domain && r() < 0.6 ? `https://www.${domain}` : null, pick(r, [null, 'website', 'referral', 'exhibition', 'cold call', 'tender']),
    ]);

    let pos = 0;
    if (r() < (legal ? 0.8 : 0.9)) {
      const value = phone(r, ru, !legal);
      out.channels.push(['client', id, 'phone', legal ? 'work' : 'mobile', value, phoneKey(value), pos++]);
      if (r() < 0.15) {
        const other = phone(r, ru, true);
        out.channels.push(['client', id, 'phone', 'mobile', other, phoneKey(other), pos++]);
      }
    }
    if (r() < (legal ? 0.75 : 0.5)) {
      const address = legal && domain
        ? `${pick(r, ['info', 'office', 'sales', 'hello', 'zakaz', 'buh'])}@${domain}`
        : `${translit(p?.first ?? 'client')}.${translit(p?.last ?? String(id))}${r() < 0.4 ? digits(r, 2) : ''}@${pick(r, ru ? N.EMAIL_DOMAINS_RU : N.EMAIL_DOMAINS_EN)}`;
      out.channels.push(['client', id, 'email', 'work', address, emailKey(address), 0]);
    }
    if (r() < 0.4) {
      const tags = new Set([pick(r, N.TAGS)]);
      if (r() < 0.3) tags.add(pick(r, N.TAGS));
      for (const tag of tags) out.tags.push([id, tag]);
    }

    // About one contact per client: most have one, some none, some two.
    const x = r();
    const contacts = x < 0.1 ? 0 : x < 0.9 ? 1 : 2;
    for (let i = 0; i < contacts; i++) {
      const cid = this.nextContactId++;
      const cp = person(r, ru);
      const cname = [cp.first, cp.middle, cp.last].filter(Boolean).join(' ');
      out.contacts.push([
        cid, 1, at, at, id, managerId, cname, nameKey(cname), cp.first, cp.middle, cp.last, pick(r, ru ? N.RU_JOBS : N.EN_JOBS), i === 0,
      ]);
      let cpos = 0;
      if (r() < 0.8) {
        const value = phone(r, ru, true);
        out.channels.push(['contact', cid, 'phone', 'mobile', value, phoneKey(value), cpos++]);
      }
      if (r() < 0.7) {
        const address = domain
          ? `${translit(cp.first)}.${translit(cp.last)}@${domain}`
          : `${translit(cp.first)}${digits(r, 3)}@${pick(r, ru ? N.EMAIL_DOMAINS_RU : N.EMAIL_DOMAINS_EN)}`;
        out.channels.push(['contact', cid, 'email', 'work', address, emailKey(address), 0]);
      }
    }
  }
}

