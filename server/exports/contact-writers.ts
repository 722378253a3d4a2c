import type { Writable } from 'node:stream';
import { looksLikeFormula } from './cells.js';
import type { ApiRecord } from '../records/rows.js';
import type { ExportWriter } from './writers.js';

/**
 * Contacts for address books, without a Microsoft account: the CSV that
 * Outlook itself exports (and imports), and vCard 4.0 (RFC 6350) or 3.0
 * (RFC 2426). Both read back through Kontora's importer to the same
 * contacts (test/contact-sync.test.ts). The columns are fixed by the
 * format, so the list's column choice does not apply.
 */

type Phone = { type: string; number: string };
type Email = { type: string; address: string };

const phonesOf = (c: ApiRecord) => (c.phones as Phone[] | undefined) ?? [];
const emailsOf = (c: ApiRecord) => (c.emails as Email[] | undefined) ?? [];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function write(out: Writable, text: string): Promise<void> {
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve) => out.once('drain', resolve));
}

/** Outlook's own export headers (the subset Kontora has data for), in Outlook's order. */
export const OUTLOOK_CSV_HEADERS = [
  'First Name', 'Middle Name', 'Last Name', 'Company', 'Department', 'Job Title', 'Business Street',
  'Business Fax', 'Business Phone', 'Business Phone 2', 'Home Phone', 'Home Phone 2', 'Mobile Phone', 'Other Phone',
  'Birthday', 'Categories', 'E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address', 'Notes',
] as const;

/** Values for numbered slots; what does not fit goes into the last slot, separated by "; " (the importer splits it again). */
function slots(values: string[], n: number): string[] {
  const out = values.slice(0, n - 1);
  const rest = values.slice(n - 1);
  out.push(rest.join('; '));
  while (out.length < n) out.push('');
  return out;
}

export function outlookCsvRow(c: ApiRecord): string[] {
  const phones = phonesOf(c);
  const of = (type: string) => phones.filter((p) => p.type === type).map((p) => p.number);
  const [business1, business2] = slots(of('work'), 2);
  const [home1, home2] = slots(of('home'), 2);
  const [email1, email2, email3] = slots(emailsOf(c).map((e) => e.address), 3);
  // Outlook has no full-name column: a contact with a name only keeps it as the last name.
  const hasParts = str(c.firstName) || str(c.lastName);
  const row: Record<(typeof OUTLOOK_CSV_HEADERS)[number], string> = {
    'First Name': str(c.firstName), 'Middle Name': str(c.middleName), 'Last Name': hasParts ? str(c.lastName) : str(c.name),
    Company: str(c.clientName), Department: str(c.department), 'Job Title': str(c.jobTitle), 'Business Street': str(c.address),
    'Business Fax': of('fax').join('; '), 'Business Phone': business1!, 'Business Phone 2': business2!, 'Home Phone': home1!, 'Home Phone 2': home2!,
    'Mobile Phone': of('mobile').join('; '), 'Other Phone': of('other').join('; '),
    // ISO dates: the one form no locale misreads (Outlook's own M/D/YYYY is read as D/M in much of the world).
    Birthday: str(c.birthday),
    Categories: ((c.tags as string[] | undefined) ?? []).join(';'),
    'E-mail Address': email1!, 'E-mail 2 Address': email2!, 'E-mail 3 Address': email3!, Notes: str(c.notes),
  };
  return OUTLOOK_CSV_HEADERS.map((h) => row[h]);
}

export function outlookCsvWriter(out: Writable): ExportWriter {
  const quote = (text: string) => {
    // As in the other CSV export, text a spreadsheet would run as a formula gets a leading apostrophe;
    // but not an international phone number (+, digits, spaces, brackets, dashes): it cannot call a
    // function, and an address book would keep the apostrophe as part of the number.
    const safe = looksLikeFormula(text) && !/^\+[\d\s().\-/]*$/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    async begin() {
      // Outlook reads UTF-8 only with a byte-order mark.
      await write(out, '\ufeff' + OUTLOOK_CSV_HEADERS.map((h) => `"${h}"`).join(',') + '\r\n');
    },
    async rows(_columns, records) {
      await write(out, records.map((r) => outlookCsvRow(r).map(quote).join(',') + '\r\n').join(''));
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/** Escapes a vCard text value (RFC 6350 3.4). */
export function vcardEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 3.2). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length ? 74 : 75; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const PHONE_TYPES: Record<string, { v4: string; v3: string }> = {
  work: { v4: 'work,voice', v3: 'WORK,VOICE' },
  mobile: { v4: 'cell', v3: 'CELL' },
  home: { v4: 'home,voice', v3: 'HOME,VOICE' },
  fax: { v4: 'work,fax', v3: 'WORK,FAX' },
  other: { v4: 'voice', v3: 'VOICE' },
};
const EMAIL_TYPES: Record<string, { v4: string; v3: string } | undefined> = {
  work: { v4: 'work', v3: 'INTERNET,WORK' },
  personal: { v4: 'home', v3: 'INTERNET,HOME' },
};

export function vcard(c: ApiRecord, version: '4.0' | '3.0'): string {
  const v4 = version === '4.0';
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${version}`];
  const prop = (name: string, value: string) => lines.push(foldLine(`${name}:${value}`));
  prop('FN', vcardEscape(str(c.name)));
  prop('N', [c.lastName, c.firstName, c.middleName, '', ''].map((p) => vcardEscape(str(p))).join(';'));
  if (str(c.clientName) || str(c.department)) prop('ORG', [vcardEscape(str(c.clientName)), ...(str(c.department) ? [vcardEscape(str(c.department))] : [])].join(';'));
  if (str(c.jobTitle)) prop('TITLE', vcardEscape(str(c.jobTitle)));
  for (const p of phonesOf(c)) {
    const t = PHONE_TYPES[p.type] ?? PHONE_TYPES.other!;
    prop(`TEL;TYPE=${v4 ? t.v4 : t.v3}`, vcardEscape(p.number));
  }
  for (const e of emailsOf(c)) {
    const t = EMAIL_TYPES[e.type];
    prop(t ? `EMAIL;TYPE=${v4 ? t.v4 : t.v3}` : v4 ? 'EMAIL' : 'EMAIL;TYPE=INTERNET', vcardEscape(e.address));
  }
  // One line in Kontora: the street component keeps it whole.
  if (str(c.address)) prop(`ADR;TYPE=${v4 ? 'work' : 'WORK'}`, `;;${vcardEscape(str(c.address))};;;;`);
  if (str(c.birthday)) prop('BDAY', v4 ? str(c.birthday).replace(/-/g, '') : str(c.birthday));
  const tags = (c.tags as string[] | undefined) ?? [];
  if (tags.length) prop('CATEGORIES', tags.map(vcardEscape).join(','));
  if (str(c.notes)) prop('NOTE', vcardEscape(str(c.notes)));
  prop('UID', v4 ? `urn:uuid:${kontoraUuid(c.id)}` : `kontora-contact-${c.id}`);
  prop('REV', v4 ? str(c.updatedAt).replace(/[-:]/g, '').replace(/\.\d+/, '') : str(c.updatedAt));
  lines.push('END:VCARD');
  return lines.join('\r\n') + '\r\n';
}

/** A stable UUID-shaped id for a contact (the same contact exports with the same UID). */
function kontoraUuid(id: number): string {
  const hex = id.toString(16).padStart(12, '0').slice(-12);
  return `6b6f6e74-6f72-4100-8000-${hex}`;
}

export function vcardWriter(out: Writable, version: '4.0' | '3.0'): ExportWriter {
  return {
    contentType: `text/vcard; charset=utf-8${version === '3.0' ? '; version=3.0' : ''}`,
    extension: 'vcf',
    async begin() {},
    async rows(_columns, records) {
      await write(out, records.map((r) => vcard(r, version)).join(''));
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}
