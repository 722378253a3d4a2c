import { formatDecimal } from '../records/format.js';

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return formatDecimal(n);
}

/** A previewed value as text: lists joined, phones and e-mails by their number or address, objects by their parts. */
export function previewText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(previewText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('number' in o) return String(o.number);
    if ('address' in o) return String(o.address);
    if ('amount' in o) return String(o.amount);
    return Object.values(o).map(previewText).filter(Boolean).join(', ');
  }
  return String(value);
}
