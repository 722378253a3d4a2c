/**
 * Document number formats, e.g. "INV-{YYYY}-{N:5}" → "INV-2026-00042".
 * Placeholders: {YYYY} year, {YY} two-digit year, {MM} month,
 * {N} the sequence number, {N:k} zero-padded to k digits (1–10).
 */

const PLACEHOLDER = /\{(YYYY|YY|MM|N(?::(\d{1,2}))?)\}/g;

export function formatProblem(format: string): string | null {
  if (format.length < 3 || format.length > 100) return 'Use 3 to 100 characters.';
  const sequence = [...format.matchAll(PLACEHOLDER)].filter((m) => m[1]!.startsWith('N'));
  if (sequence.length !== 1) return 'Include the sequence number exactly once, as {N} or {N:5}.';
  const pad = sequence[0]![2];
  if (pad !== undefined && (Number(pad) < 1 || Number(pad) > 10)) return 'Pad the number to 1–10 digits.';
  const rest = format.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) return 'Unknown placeholder; use {YYYY}, {YY}, {MM} and {N} or {N:5}.';
  if (/[\u0000-\u001f]/.test(rest)) return 'Control characters are not allowed.';
  return null;
}

export function formatNumber(format: string, sequence: number, date: string): string {
  const [year, month] = date.split('-') as [string, string];
  return format.replace(PLACEHOLDER, (_m, token: string, pad: string | undefined) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(-2);
    if (token === 'MM') return month;
    return pad ? String(sequence).padStart(Number(pad), '0') : String(sequence);
  });
}
