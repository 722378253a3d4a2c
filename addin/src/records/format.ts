import { currentLanguage, t } from '../i18n/strings.js';
import { linkNameKey, type FieldMeta } from './meta.js';

function locale(): string {
  return currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
}

/**
 * Money and quantities arrive as exact decimal strings ("1250.50"); they are
 * grouped for display without ever passing through a float.
 */
export function formatDecimal(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const negative = text.startsWith('-');
  const [int = '0', frac] = text.replace(/^-/, '').split('.');
  const sep = currentLanguage() === 'ru' ? '\u00a0' : ',';
  const point = currentLanguage() === 'ru' ? ',' : '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return (negative ? '−' : '') + grouped + (frac ? point + frac : '');
}

export function formatMoney(value: string | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || value === '') return '';
  return formatDecimal(value) + (currency ? `\u00a0${currency}` : '');
}

/** A calendar date ("2026-11-27") shown in the user's format, never shifted by time zones. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toLocaleDateString(locale(), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A field's value as text for lists and read-only views. */
export function formatValue(field: FieldMeta, record: Record<string, unknown>): string {
  const value = record[field.key];
  if (value === null || value === undefined || value === '') {
    return '';
  }
  switch (field.type) {
    case 'money': {
      const currency = field.options.currency ?? (field.options.currencyField ? (record[field.options.currencyField] as string | undefined) : undefined);
      return formatMoney(String(value), currency);
    }
    case 'number':
      return formatDecimal(value as string | number);
    case 'date':
      return formatDate(String(value));
    case 'datetime':
      return formatDateTime(String(value));
    case 'boolean':
      return value ? t('form.yes') : t('form.no');
    case 'one_of':
      return field.options.choices?.find((c) => c.key === value)?.label ?? String(value);
    case 'many_of':
      return (value as string[]).map((v) => field.options.choices?.find((c) => c.key === v)?.label ?? v).join(', ');
    case 'tags':
      return (value as string[]).join(', ');
    case 'link': {
      const name = record[linkNameKey(field.key)];
      return typeof name === 'string' && name ? name : `#${String(value)}`;
    }
    case 'phones':
      return (value as { number: string }[]).map((p) => p.number).join(', ');
    case 'emails':
      return (value as { address: string }[]).map((e) => e.address).join(', ');
    case 'messengers':
      return (value as { type: string; handle: string }[]).map((m) => `${m.type}: ${m.handle}`).join(', ');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
