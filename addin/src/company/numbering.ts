import { t } from '../i18n/strings.js';

/**
 * Document number formats as the server reads them ("INV-{YYYY}-{N:5}" →
 * "INV-2026-00042"), checked and previewed while the user types. The
 * server applies the same rules when saving (server/numbering/format.ts).
 */
const PLACEHOLDER = /\{(YYYY|YY|MM|N(?::(\d{1,2}))?)\}/g;

export function numberFormatProblem(format: string): string | null {
  if (format.length < 3 || format.length > 100) return t('company.format.length');
  const sequence = [...format.matchAll(PLACEHOLDER)].filter((m) => m[1]!.startsWith('N'));
  if (sequence.length !== 1) return t('company.format.sequence');
  const pad = sequence[0]![2];
  if (pad !== undefined && (Number(pad) < 1 || Number(pad) > 10)) return t('company.format.pad');
  const rest = format.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) return t('company.format.unknown');
  if (/[\u0000-\u001f]/.test(rest)) return t('company.format.control');
  return null;
}

/** The number a format gives for a sequence number on a date (YYYY-MM-DD). */
export function formatDocumentNumber(format: string, sequence: number, date: string): string {
  const [year = '', month = ''] = date.split('-');
  return format.replace(PLACEHOLDER, (_m, token: string, pad: string | undefined) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(-2);
    if (token === 'MM') return month;
    return pad ? String(sequence).padStart(Number(pad), '0') : String(sequence);
  });
}
