import { emailString, phoneString } from '../fields/validation.js';
import { normalise, dateOrderOf, type DateOrder } from './convert.js';
import { emailTypeOf, phoneTypeOf, type ImportField, type Target } from './fields.js';
import { cellText, isEmptyRow, type Cell } from './read/table.js';

/** How one column is imported. */
export interface ColumnMap {
  /** 0-based column index in the sheet. */
  column: number;
  /** The header text, so a saved mapping finds its column in another file. */
  header?: string;
  /** An ImportField key. */
  field: string;
  /** For phones and e-mails: the type given to them. */
  type?: string;
  /** For phones and e-mails: a column holding each row's type (Google's "Phone 1 - Label"). */
  labelColumn?: number;
}

export interface Mapping {
  sheet?: string;
  /** 1-based row number of the header row; data starts below it. */
  headerRow: number;
  columns: ColumnMap[];
  dateOrder?: DateOrder;
}

/**
 * The header row: among the first 20 rows, the first with at least two
 * cells where every non-empty cell is text that does not look like data
 * (no e-mail, no long number), and that has as many filled cells as the
 * widest of those rows (a title line above a table has fewer).
 */
export function detectHeaderRow(rows: [number, Cell[]][]): number {
  const candidates = rows.slice(0, 20).filter(([, cells]) => !isEmptyRow(cells));
  if (!candidates.length) return 1;
  const filled = (cells: Cell[]) => cells.filter((c) => cellText(c) !== '').length;
  const widest = Math.max(...candidates.map(([, c]) => filled(c)));
  for (const [n, cells] of candidates) {
    const texts = cells.filter((c) => cellText(c) !== '');
    const headerLike = texts.every((c) => typeof c === 'string' && !c.includes('@') && !/\d{5,}/.test(c) && c.length <= 100);
    if (texts.length >= Math.min(2, widest) && filled(cells) >= widest * 0.6 && headerLike) return n;
  }
  return candidates[0]![0];
}

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: string) => schema.safeParse(v).success;

/** What a column's values look like: e-mails, phones or tax ids (7 in 10 of the filled cells). */
export function contentKind(values: Cell[]): 'emails' | 'phones' | 'taxId' | undefined {
  // Dates (date cells, 2019-04-15, 15.04.2019) are not phones however many digits they have.
  if (values.some((v) => v instanceof Date)) return undefined;
  const texts = values.map(cellText).filter(Boolean).filter((s) => !/^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/.test(s)).slice(0, 50);
  if (texts.length < 2) return undefined;
  const share = (test: (s: string) => boolean) => texts.filter(test).length / texts.length;
  if (share((s) => ok(emailString, s)) >= 0.7) return 'emails';
  // Tax ids: 9–12 bare digits (INN, EIN, UNP) or a VAT number with its country code.
  if (share((s) => /^\d{9,12}$/.test(s) || /^[A-Z]{2}[0-9A-Z]{8,12}$/.test(s)) >= 0.7 && share((s) => /^[78]\d{10}$/.test(s)) < 0.3) return 'taxId';
  if (share((s) => ok(phoneString, s) && s.replace(/\D/g, '').length >= 7 && /[\s()+\-]/.test(s)) >= 0.7) return 'phones';
  return undefined;
}

const MULTI = new Set(['phones', 'emails', 'tags', 'price']);

/**
 * A mapping suggested from the header texts (synonyms in English and
 * Russian, Outlook's and Google's export headers, custom field labels) and,
 * for columns whose header says nothing, from their content.
 */
export function suggestMapping(target: Target, fields: ImportField[], header: Cell[], sample: Cell[][], headerRow: number): Mapping {
  const used = new Set<string>();
  const columns: ColumnMap[] = [];
  const headers = header.map((h) => normalise(cellText(h)));
  // A contact's "Company" is their client, not their name.
  const ordered = target === 'contacts' ? [...fields.filter((f) => f.kind === 'client'), ...fields.filter((f) => f.kind !== 'client')] : fields;
  const take = (column: number, field: ImportField, extra: Partial<ColumnMap> = {}) => {
    if (used.has(field.key) && !MULTI.has(field.kind)) return false;
    used.add(field.key);
    columns.push({ column, header: cellText(header[column] ?? null), field: field.key, ...extra });
    return true;
  };
  const byKey = new Map(fields.map((f) => [f.key, f]));
  headers.forEach((h, column) => {
    if (!h) return;
    // Google Contacts: "Phone 1 - Value" with its type in "Phone 1 - Label".
    const google = /^(phone|e mail|email|website) (\d+) value$/.exec(h);
    if (google) {
      const kind = google[1] === 'phone' ? 'phones' : google[1] === 'website' ? 'website' : 'emails';
      const label = headers.findIndex((x) => x === `${google[1]} ${google[2]} label` || x === `${google[1]} ${google[2]} type`);
      const f = byKey.get(kind);
      if (f) take(column, f, label >= 0 && kind !== 'website' ? { labelColumn: label } : {});
      return;
    }
    const field = ordered.find((f) => f.synonyms.includes(h) && (!used.has(f.key) || MULTI.has(f.kind)));
    if (!field) return;
    const extra: Partial<ColumnMap> = {};
    if (field.kind === 'phones') extra.type = phoneTypeOf(h) ?? 'work';
    if (field.kind === 'emails') extra.type = emailTypeOf(h) ?? 'work';
    take(column, field, extra);
  });
  // Columns without a known header: judged by what they hold.
  const width = Math.max(header.length, ...sample.map((r) => r.length));
  for (let column = 0; column < width; column++) {
    if (columns.some((c) => c.column === column)) continue;
    const kind = contentKind(sample.map((r) => r[column] ?? null));
    const field = kind && byKey.get(kind);
    if (field) take(column, field, kind === 'phones' ? { type: phoneTypeOf(headers[column] ?? '') ?? 'work' } : kind === 'emails' ? { type: 'work' } : {});
  }
  const dateColumns = columns.filter((c) => byKey.get(c.field)?.field?.type === 'date').map((c) => c.column);
  const dateOrder = dateOrderOf(sample.flatMap((r) => dateColumns.map((c) => r[c] ?? null)));
  return { headerRow, columns: columns.sort((a, b) => a.column - b.column), dateOrder };
}

/**
 * A saved mapping applied to a file: each column is found again by its
 * header text (the columns may be in another order), else kept by position.
 */
export function rebaseMapping(saved: Mapping, header: Cell[]): Mapping {
  const headers = header.map((h) => normalise(cellText(h)));
  const find = (c: ColumnMap) => {
    if (c.header === undefined) return c.column;
    const at = headers.indexOf(normalise(c.header));
    return at >= 0 ? at : -1;
  };
  const columns = saved.columns
    .map((c) => ({ ...c, column: find(c), ...(c.labelColumn !== undefined ? { labelColumn: c.labelColumn } : {}) }))
    .filter((c) => c.column >= 0);
  return { ...saved, columns };
}
