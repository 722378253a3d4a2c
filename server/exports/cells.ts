import type { FieldDef } from '../fields/types.js';
import type { ApiRecord } from '../records/rows.js';

/**
 * A record's value in an export cell, typed: numbers and money as numbers
 * (money keeps its exact decimal text for CSV and HTML), dates as dates,
 * yes/no as booleans, lists (phones, e-mails, tags, choices) joined, links
 * as the linked record's name.
 */
export type ExportCell = { kind: 'text'; value: string } | { kind: 'number'; value: number; text: string; decimals: number }
  | { kind: 'date'; value: Date; text: string } | { kind: 'boolean'; value: boolean } | { kind: 'empty' };

export interface Column {
  key: string;
  label: string;
  field: FieldDef;
}

const EMPTY: ExportCell = { kind: 'empty' };

function linkName(record: ApiRecord, key: string): unknown {
  return record[`${key.replace(/Id$/, '')}Name`];
}

export function exportCell(column: Column, record: ApiRecord): ExportCell {
  const { field } = column;
  const value = record[column.key];
  if (value === null || value === undefined) return EMPTY;
  switch (field.type) {
    case 'number':
    case 'money': {
      const text = String(value);
      const n = Number(text);
      if (!Number.isFinite(n)) return { kind: 'text', value: text };
      return { kind: 'number', value: n, text, decimals: text.includes('.') ? text.split('.')[1]!.length : 0 };
    }
    case 'date':
      return { kind: 'date', value: new Date(`${String(value)}T00:00:00Z`), text: String(value) };
    case 'datetime':
      return { kind: 'date', value: new Date(String(value)), text: String(value) };
    case 'boolean':
      return { kind: 'boolean', value: value === true };
    case 'one_of': {
      const choice = field.options.choices?.find((c) => c.key === value);
      return { kind: 'text', value: choice?.label ?? String(value) };
    }
    case 'many_of':
      return { kind: 'text', value: (value as string[]).map((k) => field.options.choices?.find((c) => c.key === k)?.label ?? k).join(', ') };
    case 'link': {
      const name = linkName(record, column.key);
      return { kind: 'text', value: typeof name === 'string' ? name : String(value) };
    }
    case 'phones':
      return { kind: 'text', value: (value as { number: string }[]).map((p) => p.number).join('; ') };
    case 'emails':
      return { kind: 'text', value: (value as { address: string }[]).map((e) => e.address).join('; ') };
    case 'messengers':
      return { kind: 'text', value: (value as { type: string; handle: string }[]).map((m) => `${m.type}: ${m.handle}`).join('; ') };
    case 'tags':
      return { kind: 'text', value: (value as string[]).join(', ') };
    case 'prices':
      return { kind: 'text', value: (value as { priceTypeName: string; amount: string; currency: string }[]).map((p) => `${p.priceTypeName}: ${p.amount} ${p.currency}`).join('; ') };
    case 'lines':
      return { kind: 'text', value: `${(value as unknown[]).length} lines` };
    default:
      return typeof value === 'object' ? { kind: 'text', value: JSON.stringify(value) } : { kind: 'text', value: String(value) };
  }
}

/** Text that a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @ tab CR. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

export function cellText(cell: ExportCell): string {
  switch (cell.kind) {
    case 'empty': return '';
    case 'text': return cell.value;
    case 'number': return cell.text;
    case 'date': return cell.text;
    case 'boolean': return cell.value ? 'yes' : 'no';
  }
}
