import readline from 'node:readline';
import { AppError } from '../../errors/app-error.js';
import { MAX_CELL_CHARS, type Cell, type TextOptions } from './table.js';
import { decodeStream } from './text.js';

/**
 * vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350), read as a table with one row
 * per card and the columns below, so cards go through the same mapping,
 * validation and duplicate check as a spreadsheet. Handles line folding,
 * escaped characters (\n \, \; \\), grouped properties (item1.TEL),
 * TYPE parameters in every spelling (TYPE=work,voice; TYPE=work;TYPE=cell;
 * bare 2.1 WORK), tel: URIs, quoted-printable values and several cards
 * per file.
 */
export const VCARD_HEADERS = [
  'Full name', 'Last name', 'First name', 'Middle name', 'Organization', 'Department', 'Job title',
  'Work phone', 'Mobile phone', 'Home phone', 'Fax', 'Other phone',
  'E-mail', 'E-mail 2', 'E-mail 3', 'Address', 'City', 'Country', 'Website', 'Birthday', 'Notes', 'Categories',
] as const;

type Header = (typeof VCARD_HEADERS)[number];

export interface VProperty {
  name: string;
  params: Record<string, string[]>;
  value: string;
}

/** Splits on a separator not preceded by a backslash. */
function splitUnescaped(value: string, sep: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

export function unescapeValue(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i) & 0xff);
  }
  const buffer = Buffer.from(bytes);
  return /1251/.test(charset ?? '') ? new TextDecoder('windows-1251').decode(buffer) : buffer.toString('utf8');
}

/** One content line (already unfolded) → property, or null for a line that is not one. */
export function parseProperty(line: string): VProperty | null {
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 1) return null;
  const [rawName, ...rawParams] = line.slice(0, colon).split(';');
  const name = rawName!.replace(/^[^.]*\./, '').toUpperCase();
  const params: Record<string, string[]> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    const key = (eq < 0 ? 'TYPE' : p.slice(0, eq)).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').trim().toLowerCase()).filter(Boolean);
    params[key] = [...(params[key] ?? []), ...values];
  }
  let value = line.slice(colon + 1);
  if (params.ENCODING?.includes('quoted-printable')) value = decodeQuotedPrintable(value, params.CHARSET?.[0]);
  return { name, params, value };
}

const PHONE_SLOT: [string, Header][] = [['fax', 'Fax'], ['cell', 'Mobile phone'], ['mobile', 'Mobile phone'], ['home', 'Home phone'], ['work', 'Work phone']];

/** A card's properties → one row in VCARD_HEADERS order. */
export function cardRow(props: VProperty[]): Cell[] {
  const row = new Map<Header, string>();
  const put = (h: Header, v: string) => {
    const value = v.trim();
    if (!value) return;
    const had = row.get(h);
    if (!had) row.set(h, value);
    else if (h === 'Other phone' || h === 'Notes') row.set(h, `${had}; ${value}`);
  };
  const emails: string[] = [];
  for (const p of props) {
    const types = p.params.TYPE ?? [];
    switch (p.name) {
      case 'FN': put('Full name', unescapeValue(p.value)); break;
      case 'N': {
        const [last = '', first = '', middle = ''] = splitUnescaped(p.value, ';').map(unescapeValue);
        put('Last name', last); put('First name', first); put('Middle name', middle.split(',')[0] ?? '');
        break;
      }
      case 'ORG': {
        const [org = '', dept = ''] = splitUnescaped(p.value, ';').map(unescapeValue);
        put('Organization', org); put('Department', dept);
        break;
      }
      case 'TITLE': put('Job title', unescapeValue(p.value)); break;
      case 'TEL': {
        const number = unescapeValue(p.value).replace(/^tel:/i, '');
        const slot = PHONE_SLOT.find(([t]) => types.includes(t))?.[1] ?? 'Other phone';
        if (row.has(slot) && slot !== 'Other phone') put('Other phone', number);
        else put(slot, number);
        break;
      }
      case 'EMAIL': emails.push(unescapeValue(p.value).replace(/^mailto:/i, '').trim()); break;
      case 'ADR': {
        // PO box; extended; street; locality; region; postal code; country
        const parts = splitUnescaped(p.value, ';').map(unescapeValue).map((s) => s.replace(/\n/g, ', ').trim());
        const [box = '', ext = '', street = '', city = '', region = '', code = '', country = ''] = parts;
        put('Address', [street, ext, box, city, region, code, country].filter(Boolean).join(', '));
        put('City', city); put('Country', country);
        break;
      }
      case 'URL': put('Website', unescapeValue(p.value)); break;
      case 'BDAY': put('Birthday', normaliseBirthday(unescapeValue(p.value))); break;
      case 'NOTE': put('Notes', unescapeValue(p.value)); break;
      // Comma-separated; the importer splits the cell into tags again.
      case 'CATEGORIES': put('Categories', splitUnescaped(p.value, ',').map(unescapeValue).map((t) => t.replace(/[;\n]/g, ' ').trim()).filter(Boolean).join(', ')); break;
      default: break;
    }
  }
  emails.filter(Boolean).slice(0, 3).forEach((e, i) => put((['E-mail', 'E-mail 2', 'E-mail 3'] as const)[i]!, e));
  return VCARD_HEADERS.map((h) => row.get(h) ?? null);
}

/** vCard dates: 19800523, 1980-05-23, --0523 (no year: kept as text, refused by validation with a clear message). */
function normaliseBirthday(value: string): string {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return value.slice(0, 10);
}

/**
 * Yields [cardNumber, row] per card, with the header row first as row 1
 * (so a card's row number is its position + 1, as in a spreadsheet).
 */
export async function* vcardRows(file: string, encoding: TextOptions['encoding']): AsyncGenerator<[number, Cell[]]> {
  const lines = readline.createInterface({ input: decodeStream(file, encoding), crlfDelay: Infinity });
  const yielded: [number, Cell[]][] = [];
  yield [1, [...VCARD_HEADERS]];
  let card: VProperty[] | null = null;
  let pending: string | null = null;
  let count = 0;
  const flush = (): VProperty | null => {
    const line = pending;
    pending = null;
    if (line === null) return null;
    if (line.length > MAX_CELL_CHARS) {
      throw new AppError('import_cell_too_large', `A vCard property of card ${count + 1} holds ${line.length.toLocaleString('en')} characters; at most ${MAX_CELL_CHARS.toLocaleString('en')} are accepted.`, {
        details: [{ code: 'cell_too_large', message: 'Shorten or remove the property.', row: count + 2 }],
      });
    }
    return parseProperty(line);
  };
  let seenCard = false;
  try {
    for await (const raw of lines) {
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && pending !== null) {
        pending += raw.slice(1); // folded line (RFC 6350 3.2)
        if (pending.length > MAX_CELL_CHARS * 4) flush();
        continue;
      }
      // vCard 2.1 quoted-printable soft line break
      if (pending !== null && /ENCODING=QUOTED-PRINTABLE/i.test(pending.split(':')[0] ?? '') && pending.endsWith('=')) {
        pending = pending.slice(0, -1) + raw;
        continue;
      }
      const prop = flush();
      if (prop) handle(prop);
      pending = raw;
      if (yielded.length) yield yielded.shift()!;
    }
    const prop = flush();
    if (prop) handle(prop);
    while (yielded.length) yield yielded.shift()!;
  } finally {
    lines.close();
  }
  if (!seenCard || count === 0) throw new AppError('import_file_corrupt', 'The file has no complete vCard in it (BEGIN:VCARD … END:VCARD).');

  function handle(prop: VProperty): void {
    if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCARD') {
      card = [];
      seenCard = true;
    } else if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (card) {
        count++;
        yielded.push([count + 1, cardRow(card)]);
      }
      card = null;
    } else if (card) card.push(prop);
  }
}
