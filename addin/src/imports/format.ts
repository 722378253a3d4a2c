import { formatDecimal } from '../records/format.js';

/** A byte count as people read it: 900 B, 12.5 KB, 256 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

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
