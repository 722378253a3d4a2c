import { emailKey, phoneKey } from '../channels/normalize.js';
import type { ApiRecord } from '../records/rows.js';

/**
 * One shape for a contact as both sides see it, so a run can compare each
 * side with what it looked like at the last sync, field by field. Every
 * field is a string, a string list or null; lists keep their order.
 *
 * What does not fit the other side: Graph's contact has no fax number, so
 * Kontora faxes (and messengers) stay in Kontora untouched; Outlook holds
 * at most 3 e-mail addresses and one mobile number, so further ones stay
 * in Kontora as they are.
 */
export interface SyncFields {
  name: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  department: string | null;
  emails: string[];
  businessPhones: string[];
  mobilePhone: string | null;
  homePhones: string[];
  address: string | null;
  birthday: string | null;
  categories: string[];
  notes: string | null;
}

export type SyncField = keyof SyncFields;
export const SYNC_FIELDS: SyncField[] = [
  'name', 'firstName', 'middleName', 'lastName', 'company', 'jobTitle', 'department', 'emails',
  'businessPhones', 'mobilePhone', 'homePhones', 'address', 'birthday', 'categories', 'notes',
];

/** The open extension that keeps the Kontora id on an Outlook contact. */
export const EXTENSION_NAME = 'com.kontora.crm';
export const OUTLOOK_EMAIL_LIMIT = 3;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(text).filter((s): s is string => s !== null) : []);

/** A Kontora contact (as the record service returns it) → the shared shape. */
export function fromKontora(c: ApiRecord): SyncFields {
  const phones = (c.phones as { type: string; number: string }[] | undefined) ?? [];
  const mobiles = phones.filter((p) => p.type === 'mobile').map((p) => p.number);
  return {
    name: text(c.name),
    firstName: text(c.firstName),
    middleName: text(c.middleName),
    lastName: text(c.lastName),
    company: text(c.clientName),
    jobTitle: text(c.jobTitle),
    department: text(c.department),
    emails: ((c.emails as { address: string }[] | undefined) ?? []).map((e) => e.address).slice(0, OUTLOOK_EMAIL_LIMIT),
    // Outlook has one mobile number: a second mobile goes with the business numbers.
    businessPhones: [...phones.filter((p) => p.type === 'work' || p.type === 'other').map((p) => p.number), ...mobiles.slice(1)],
    mobilePhone: mobiles[0] ?? null,
    homePhones: phones.filter((p) => p.type === 'home').map((p) => p.number),
    address: text(c.address),
    birthday: text(c.birthday),
    categories: texts(c.tags),
    notes: text(c.notes),
  };
}

interface GraphAddress { street?: string | null; city?: string | null; state?: string | null; postalCode?: string | null; countryOrRegion?: string | null }

function addressText(a: GraphAddress | null | undefined): string | null {
  if (!a) return null;
  return text([a.street, a.city, a.state, a.postalCode, a.countryOrRegion].map((p) => (p ?? '').trim()).filter(Boolean).join(', '));
}

/** A Graph contact resource → the shared shape. */
export function fromOutlook(o: Record<string, any>): SyncFields {
  return {
    name: text(o.displayName),
    firstName: text(o.givenName),
    middleName: text(o.middleName),
    lastName: text(o.surname),
    company: text(o.companyName),
    jobTitle: text(o.jobTitle),
    department: text(o.department),
    emails: (Array.isArray(o.emailAddresses) ? o.emailAddresses : []).map((e: any) => text(e?.address)).filter((s: string | null): s is string => s !== null),
    businessPhones: texts(o.businessPhones),
    mobilePhone: text(o.mobilePhone),
    homePhones: texts(o.homePhones),
    address: addressText(o.businessAddress) ?? addressText(o.homeAddress) ?? addressText(o.otherAddress),
    birthday: birthdayDate(o.birthday),
    categories: texts(o.categories),
    notes: text(o.personalNotes),
  };
}

/**
 * The date of an Outlook birthday. Outlook keeps it as a date-time: 11:59 UTC (Outlook on the web), or
 * midnight of the writer's time zone in UTC — the evening before for zones east of UTC
 * (1980-05-22T22:00:00Z is 23 May in Berlin). Twelve hours on, every one of these is on the right date.
 */
export function birthdayDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value.slice(0, 10);
  return new Date(at + 12 * 3600_000).toISOString().slice(0, 10);
}

/** The Graph contact body that sets the given fields. */
export function toOutlook(f: Partial<SyncFields>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(f) as SyncField[]) {
    const v = f[key];
    switch (key) {
      case 'name': body.displayName = v ?? ''; break;
      case 'firstName': body.givenName = v; break;
      case 'middleName': body.middleName = v; break;
      case 'lastName': body.surname = v; break;
      case 'company': body.companyName = v; break;
      case 'jobTitle': body.jobTitle = v; break;
      case 'department': body.department = v; break;
      case 'emails': body.emailAddresses = (v as string[]).slice(0, OUTLOOK_EMAIL_LIMIT).map((address) => ({ address, name: address })); break;
      case 'businessPhones': body.businessPhones = v; break;
      case 'mobilePhone': body.mobilePhone = v; break;
      case 'homePhones': body.homePhones = v; break;
      // One line in Kontora; Outlook gets it as the street of the business address.
      case 'address': body.businessAddress = v ? { street: v } : {}; break;
      case 'birthday': body.birthday = v ? `${v as string}T00:00:00Z` : null; break;
      case 'categories': body.categories = v; break;
      case 'notes': body.personalNotes = v; break;
    }
  }
  return body;
}

/**
 * The Kontora contact values that set the given fields, given the contact
 * as it is now (for the parts Outlook cannot hold: faxes, extra e-mails,
 * messengers). Company is left to the caller: it names a client.
 */
export function toKontora(f: Partial<SyncFields>, current: ApiRecord | null): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const curPhones = (current?.phones as { type: string; number: string }[] | undefined) ?? [];
  const curEmails = (current?.emails as { type: string; address: string }[] | undefined) ?? [];
  for (const key of Object.keys(f) as SyncField[]) {
    const v = f[key];
    switch (key) {
      case 'name': if (v) values.name = v; break;
      case 'firstName': case 'middleName': case 'lastName': case 'jobTitle': case 'department': case 'notes': case 'birthday': case 'address':
        values[key] = v ?? null; break;
      case 'categories': values.tags = v; break;
      case 'emails': {
        // Exchange can hold addresses that are no e-mail (X.500 "/o=ExchangeLabs/…" of internal people):
        // Kontora would refuse the whole contact for one, so they stay in Outlook only.
        const given = (v as string[]).filter((e) => /^[^\s@/]+@[^\s@]+\.[^\s@]+$/.test(e));
        const typeOf = new Map(curEmails.map((e) => [emailKey(e.address), e.type]));
        const kept = curEmails.slice(OUTLOOK_EMAIL_LIMIT).filter((e) => !given.some((g) => emailKey(g) === emailKey(e.address)));
        values.emails = [...given.map((address) => ({ type: typeOf.get(emailKey(address)) ?? 'work', address })), ...kept];
        break;
      }
      default: break;
    }
  }
  if ('businessPhones' in f || 'mobilePhone' in f || 'homePhones' in f) {
    const cur = current ? fromKontora(current) : null;
    const business = f.businessPhones ?? cur?.businessPhones ?? [];
    const mobile = 'mobilePhone' in f ? f.mobilePhone : cur?.mobilePhone ?? null;
    const home = f.homePhones ?? cur?.homePhones ?? [];
    const typeOf = new Map(curPhones.map((p) => [phoneKey(p.number), p.type]));
    values.phones = [
      ...business.map((number) => ({ type: typeOf.get(phoneKey(number)) === 'other' ? 'other' : 'work', number })),
      ...(mobile ? [{ type: 'mobile', number: mobile }] : []),
      ...home.map((number) => ({ type: 'home', number })),
      // Graph has no fax: Kontora's stay as they are.
      ...curPhones.filter((p) => p.type === 'fax'),
    ];
  }
  return values;
}

/** Equal as far as sync is concerned (e-mail case and phone punctuation ignored). */
export function sameValue(field: SyncField, a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => {
    if (Array.isArray(v)) return JSON.stringify(v.map((x) => norm(x)));
    if (v === null || v === undefined || v === '') return '';
    const s = String(v);
    if (field === 'emails') return emailKey(s);
    if (field === 'businessPhones' || field === 'homePhones' || field === 'mobilePhone') return phoneKey(s);
    if (field === 'categories') return s.toLowerCase();
    return s.replace(/\r\n/g, '\n');
  };
  return norm(a) === norm(b);
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A value as the conflicts log shows it. */
export function showValue(v: unknown): string | null {
  if (isEmpty(v)) return null;
  return Array.isArray(v) ? v.join(', ') : String(v);
}
