import { personName } from '../clients/service.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { checkInput } from '../fields/validation.js';
import type { RecordService } from '../records/service.js';
import { booleanValue, decimalText, fieldValue, isNoDate, splitList, type DateOrder } from './convert.js';
import { emailTypeOf, phoneTypeOf, type ImportField, type Target } from './fields.js';
import type { Mapping } from './suggest.js';
import { cellText, type Cell } from './read/table.js';

/**
 * One data row → the body the API would receive for it, plus the names it
 * refers to (category, manager, client) that are resolved to ids in a batch.
 * The body is then checked with the very schema POST /clients (or
 * /contacts, /products) uses, so an import accepts exactly what the API does.
 */

export interface Draft {
  rowNumber: number;
  cells: Cell[];
  values: Record<string, unknown>;
  refs: { category?: string; manager?: string; client?: string };
  /** The contact person given in a client's row. */
  contact?: Record<string, unknown>;
  prices: { priceTypeId: number; amount: string }[];
  /** Keys set by default, not from the file (an update leaves them alone). */
  defaulted: string[];
}

const KIND_WORDS: Record<string, string> = {
  company: 'legal', organization: 'legal', organisation: 'legal', business: 'legal', 'legal entity': 'legal', юрлицо: 'legal', 'юр лицо': 'legal', юридическое: 'legal', 'юридическое лицо': 'legal', ооо: 'legal', ип: 'legal',
  person: 'individual', private: 'individual', 'private person': 'individual', физлицо: 'individual', 'физ лицо': 'individual', физическое: 'individual', 'физическое лицо': 'individual',
  goods: 'good', product: 'good', товар: 'good', товары: 'good', услуга: 'service', услуги: 'service', работа: 'service',
};

export function buildDraft(target: Target, byKey: Map<string, ImportField>, mapping: Mapping, rowNumber: number, cells: Cell[]): Draft {
  const draft: Draft = { rowNumber, cells, values: {}, refs: {}, prices: [], defaulted: [] };
  const phones: { type: string; number: string }[] = [];
  const emails: { type: string; address: string }[] = [];
  const tags: string[] = [];
  const contact: Record<string, unknown> = {};
  const order: DateOrder = mapping.dateOrder ?? 'dmy';
  for (const column of mapping.columns) {
    const cell = cells[column.column] ?? null;
    const text = cellText(cell);
    const f = byKey.get(column.field);
    if (!f || text === '') continue;
    switch (f.kind) {
      case 'field':
        if (f.field!.type === 'date' && isNoDate(text)) break;
        draft.values[f.key] = fieldValue(f.field!, cell, order, KIND_WORDS);
        break;
      case 'phones': {
        const label = column.labelColumn !== undefined ? phoneTypeOf(cellText(cells[column.labelColumn] ?? null)) : undefined;
        for (const number of splitList(typeof cell === 'number' ? String(cell) : text)) phones.push({ type: label ?? column.type ?? 'work', number });
        break;
      }
      case 'emails': {
        const label = column.labelColumn !== undefined ? emailTypeOf(cellText(cells[column.labelColumn] ?? null)) : undefined;
        for (const address of splitList(text, true)) emails.push({ type: label ?? column.type ?? 'work', address });
        break;
      }
      case 'tags':
        tags.push(...splitList(text));
        break;
      case 'category':
      case 'manager':
      case 'client':
        draft.refs[f.kind] = text;
        break;
      case 'contact':
        if (f.key === 'contactPhone') contact.phones = splitList(text).map((number) => ({ type: phoneTypeOf(column.header ?? '') ?? 'work', number }));
        else if (f.key === 'contactEmail') contact.emails = splitList(text, true).map((address) => ({ type: 'work', address }));
        else contact[f.key.slice('contact'.length, 'contact'.length + 1).toLowerCase() + f.key.slice('contact'.length + 1)] = text;
        break;
      case 'price':
        draft.prices.push({ priceTypeId: f.priceTypeId!, amount: decimalText(cell) });
        break;
    }
  }
  if (phones.length) draft.values.phones = dedupe(phones, (p) => p.number.replace(/\D/g, ''));
  if (emails.length) draft.values.emails = dedupe(emails, (e) => e.address.toLowerCase());
  if (tags.length) draft.values.tags = [...new Set(tags)];
  if (draft.prices.length) draft.values.prices = draft.prices;
  if (target === 'clients') {
    if (draft.values.kind === undefined) {
      // Without a kind column: a person when only name parts are given.
      const person = !draft.values.name && !draft.values.legalName && !draft.values.taxId && (draft.values.firstName || draft.values.lastName);
      draft.values.kind = person ? 'individual' : 'legal';
      draft.defaulted.push('kind');
    }
    if (!draft.values.name && draft.values.legalName) draft.values.name = draft.values.legalName;
    if (Object.keys(contact).length) draft.contact = contact;
  }
  if (target === 'products' && draft.values.kind === undefined) {
    draft.values.kind = 'good';
    draft.defaulted.push('kind');
  }
  if (draft.values.isPrimary !== undefined) draft.values.isPrimary = booleanValue(draft.values.isPrimary as Cell);
  return draft;
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The name a record of this row will have (for messages and the duplicate check). */
export function draftName(values: Record<string, unknown>): string {
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  return name || personName(values);
}

/** Checks a body with the API's create schema; the parsed values, or the problems naming each field. */
export function validate(service: RecordService, body: Record<string, unknown>): { values?: Record<string, unknown>; problems: ErrorDetail[] } {
  const checked = checkInput(service.schemas().create, body);
  return checked.problems ? { problems: checked.problems } : { values: checked.value, problems: [] };
}
