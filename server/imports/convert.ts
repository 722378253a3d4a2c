import type { FieldDef } from '../fields/types.js';
import { cellText, type Cell } from './read/table.js';

/**
 * A cell → the API value of a field, the way a person reading the sheet
 * would take it: "1 234,50" is 1234.50, 23.05.1980 a date, "да" yes,
 * a choice by its label. What cannot be understood is passed on as text,
 * so the field's own schema refuses it with its usual message.
 */

export type DateOrder = 'dmy' | 'mdy';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A number without float noise (0.1 + 0.2) or exponent notation. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const clean = Number(n.toPrecision(15));
  const s = String(clean);
  return /e/i.test(s) ? clean.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : s;
}

export function decimalText(cell: Cell): string {
  if (typeof cell === 'number') return numberText(cell);
  let s = cellText(cell).replace(/[\s\u00a0\u202f']/g, '').replace(/[€$£₽]|руб\.?|rub|eur|usd/gi, '').replace(/%$/, '');
  // "1.234,50" and "1234,50": a comma is the decimal mark when it comes last.
  if (/,\d+$/.test(s) && (!s.includes('.') || s.lastIndexOf(',') > s.lastIndexOf('.'))) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  return s;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dateText(cell: Cell, order: DateOrder): string {
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  if (typeof cell === 'number' && cell > 0 && cell < 2958466) {
    const d = new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const s = cellText(cell);
  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T].*)?$/.exec(s);
  if (m) {
    let [a, b] = [Number(m[1]), Number(m[3])];
    // Dots are always day first (23.05.1980); slashes follow the file's order.
    if (m[2] !== '.' && order === 'mdy') [a, b] = [b, a];
    const year = m[4]!.length === 2 ? (Number(m[4]) > 30 ? 1900 : 2000) + Number(m[4]) : Number(m[4]);
    return `${year}-${pad(b)}-${pad(a)}`;
  }
  return s;
}

/**
 * Day-first or month-first for slashed dates in a column: a first part
 * above 12 proves day first, a second part above 12 month first; with no
 * proof, day first (most of the world).
 */
export function dateOrderOf(cells: Cell[]): DateOrder {
  for (const cell of cells) {
    const m = typeof cell === 'string' ? /^(\d{1,2})\/(\d{1,2})\/\d{2,4}/.exec(cell.trim()) : null;
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return 'dmy';
}

const YES = new Set(['yes', 'y', 'true', '1', 'да', 'д', 'x', '✓', '✔', '+', 'on', 'ja', 'oui']);
const NO = new Set(['no', 'n', 'false', '0', 'нет', 'н', '-', 'off', '']);

export function booleanValue(cell: Cell): unknown {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell !== 0;
  const s = cellText(cell).toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return s;
}

export const normalise = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A choice by key or label, in any case and spacing. */
export function choiceValue(field: FieldDef, text: string, synonyms: Record<string, string> = {}): string {
  const n = normalise(text);
  for (const c of field.options.choices ?? []) {
    if (normalise(c.key) === n || normalise(c.label) === n) return c.key;
  }
  return synonyms[n] ?? text;
}

/** Splits a cell holding several phones, e-mails or tags. */
export function splitList(text: string, emails = false): string[] {
  // Google Contacts puts several values in one cell separated by " ::: ".
  return text.split(emails ? /[;,\s]+|:::/ : /[;,\n]+|\s\/\s|:::/).map((s) => s.trim()).filter((s) => s && !/^:+$/.test(s));
}

/** Dates that mean "no date": Outlook's 0/0/00 and a birthday without a year (--04-12), which a date cannot hold. */
export function isNoDate(text: string): boolean {
  return /^0{1,2}\/0{1,2}\/0{1,4}$/.test(text) || /^--\d{2}-?\d{2}$/.test(text);
}

/** A cell → the value of a column field (not structured ones). */
export function fieldValue(field: FieldDef, cell: Cell, order: DateOrder, synonyms?: Record<string, string>): unknown {
  switch (field.type) {
    case 'number':
    case 'money':
      return decimalText(cell);
    case 'date':
      return dateText(cell, order);
    case 'boolean':
      return booleanValue(cell);
    case 'one_of':
      return choiceValue(field, cellText(cell), synonyms);
    case 'many_of':
      return splitList(cellText(cell)).map((t) => choiceValue(field, t));
    case 'url': {
      const s = cellText(cell);
      return /^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(s) ? `https://${s}` : s;
    }
    case 'link':
      return typeof cell === 'number' ? cell : Number(cellText(cell)) || cellText(cell);
    default:
      return typeof cell === 'number' ? numberText(cell) : cellText(cell);
  }
}
