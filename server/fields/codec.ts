import { formatDecimal, formatDecimalShort, parseDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import type { FieldDef } from './types.js';

/**
 * Conversion between a field's API value and its column value. SQLite
 * answers booleans as 0/1 and PostgreSQL timestamps as Date objects; every
 * read goes through decode so the API looks the same on both databases.
 */

export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const s = String(value);
  // SQLite keeps what was written (ISO strings); older rows may lack the T.
  const d = new Date(s.includes('T') || s.endsWith('Z') ? s : s.replace(' ', 'T') + 'Z');
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

function moneyScale(field: FieldDef, row?: Record<string, unknown>): number {
  if (field.options.currencyField && row) {
    const currency = row[field.options.currencyField];
    if (typeof currency === 'string') return currencyScale(currency);
  }
  return currencyScale(field.options.currency ?? 'EUR');
}

/** API value → column value. `values` is the whole input, for money whose
 *  currency is another field of the same record. */
export function encode(field: FieldDef, value: unknown, currency?: string): unknown {
  // Stored the way they read back (decode shows null as false and []), so
  // "=false" and "[empty]" filters find every record that shows as such.
  if (field.type === 'boolean') return value === null || value === undefined ? false : Boolean(value);
  if (field.type === 'many_of' && Array.isArray(value) && value.length === 0) return null;
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'number':
      return Number(parseDecimal(value as string | number, field.options.decimals ?? 0));
    case 'money': {
      const scale = currency ? currencyScale(currency) : currencyScale(field.options.currency ?? 'EUR');
      return Number(parseDecimal(value as string | number, scale));
    }
    case 'many_of':
      return JSON.stringify(value);
    case 'email':
      return String(value).trim();
    default:
      return value;
  }
}

/** Column value → API value. `row` carries sibling columns (e.g. currency). */
export function decode(field: FieldDef, value: unknown, row?: Record<string, unknown>): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : field.type === 'many_of' ? [] : null;
  switch (field.type) {
    case 'number': {
      const decimals = field.options.decimals ?? 0;
      return decimals === 0 ? Number(value) : formatDecimalShort(BigInt(value as number), decimals);
    }
    case 'money':
      return formatDecimal(BigInt(value as number), moneyScale(field, row));
    case 'boolean':
      return toBool(value);
    case 'datetime':
      return toIso(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'many_of':
      try {
        const parsed: unknown = JSON.parse(String(value));
        return Array.isArray(parsed) ? parsed : [];
      } catch {
        return [];
      }
    case 'link':
      return Number(value);
    default:
      return value;
  }
}
