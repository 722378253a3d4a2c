/**
 * How values print, and the formatters a template can apply with a pipe:
 * `{total | money}`, `{date | date:"D MMMM YYYY"}`, `{total | words:"ru"}`.
 * Every formatter accepts an empty value and prints it as nothing, so a
 * missing field never breaks a document (docs/documents.md).
 */
import { amountInWords, englishWords, russianWords } from './words.js';
import { Choice, DateValue, Decimal, ImageValue, Money, isPresent, type Locale } from './values.js';

export interface FormatContext {
  locale: Locale;
}

const MONTHS: Record<Locale, { name: string[]; of: string[]; short: string[] }> = {
  en: {
    name: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    of: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  ru: {
    name: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    // "27 ноября 2026": the genitive is what a date in a sentence needs.
    of: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    short: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
};

const DEFAULT_DATE: Record<Locale, string> = { en: 'D MMMM YYYY', ru: 'DD.MM.YYYY' };

/** Groups of three digits and the decimal mark of the locale: 1,250.50 or 1 250,50. */
function groupDigits(text: string, locale: Locale): string {
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ru' ? '\u00a0' : ',');
  return (negative ? '-' : '') + grouped + (fraction !== undefined ? (locale === 'ru' ? ',' : '.') + fraction : '');
}

function scaledText(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (negative ? '-' : '') + text;
}

/** Rounds a scaled decimal half away from zero to `places` decimals. */
function toPlaces(scaled: bigint, scale: number, places: number): string {
  if (places >= scale) return scaledText(scaled * 10n ** BigInt(places - scale), places);
  const factor = 10n ** BigInt(scale - places);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const rounded = (abs + factor / 2n) / factor;
  return scaledText(negative ? -rounded : rounded, places);
}

/** A number-like value as an exact decimal, or null. */
export function asDecimal(value: unknown): Decimal | null {
  if (value instanceof Decimal) return value;
  if (value instanceof Money) return new Decimal(value.minor, value.scale);
  if (typeof value === 'number' && Number.isFinite(value)) return Decimal.parse(String(value).includes('e') ? value.toFixed(6) : String(value));
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Decimal.parse(value);
  return null;
}

export function formatDate(iso: string, pattern: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [m[1]!, Number(m[2]), Number(m[3])];
  const months = MONTHS[locale];
  return pattern.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY': return year;
      case 'YY': return year.slice(2);
      // A month name after a day number takes the genitive in Russian.
      case 'MMMM': return /D\s*$/.test(pattern.slice(0, pattern.indexOf(token))) ? months.of[month - 1]! : months.name[month - 1]!;
      case 'MMM': return months.short[month - 1]!;
      case 'MM': return String(month).padStart(2, '0');
      case 'M': return String(month);
      case 'DD': return String(day).padStart(2, '0');
      default: return String(day);
    }
  });
}

/** How a value prints without a formatter. */
export function toText(value: unknown, ctx: FormatContext): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? (ctx.locale === 'ru' ? 'Да' : 'Yes') : (ctx.locale === 'ru' ? 'Нет' : 'No');
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Money) return groupDigits(scaledText(value.minor, value.scale), ctx.locale);
  if (value instanceof Decimal) return groupDigits(scaledText(value.scaled, value.scale).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), ctx.locale);
  if (value instanceof DateValue) return formatDate(value.iso, DEFAULT_DATE[ctx.locale], ctx.locale);
  if (value instanceof Choice) return value.label;
  if (value instanceof ImageValue) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null && !(v instanceof Choice) ? '' : toText(v, ctx))).filter(Boolean).join(', ');
  if (typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return (value as { name: string }).name;
  return '';
}

export type Formatter = (value: unknown, args: unknown[], ctx: FormatContext) => unknown;

interface FormatterSpec {
  fn: Formatter;
  /** Allowed argument counts. */
  args: [number, number];
  description: string;
  example: string;
}

const text = (v: unknown, ctx: FormatContext) => toText(v, ctx);

export const formatters: Record<string, FormatterSpec> = {
  upper: { args: [0, 0], description: 'UPPER CASE', example: '{client.name | upper}', fn: (v, _a, ctx) => text(v, ctx).toLocaleUpperCase(ctx.locale) },
  lower: { args: [0, 0], description: 'lower case', example: '{subject | lower}', fn: (v, _a, ctx) => text(v, ctx).toLocaleLowerCase(ctx.locale) },
  capitalize: { args: [0, 0], description: 'First letter upper case', example: '{total | words | capitalize}', fn: (v, _a, ctx) => { const t = text(v, ctx); return t.charAt(0).toLocaleUpperCase(ctx.locale) + t.slice(1); } },
  money: {
    args: [0, 0], description: 'An amount with two (the currency\'s) decimals and digit groups: 1,250.50', example: '{total | money}',
    fn: (v, _a, ctx) => {
      if (v instanceof Money) return text(v, ctx);
      const d = asDecimal(v);
      return d ? groupDigits(toPlaces(d.scaled, d.scale, 2), ctx.locale) : text(v, ctx);
    },
  },
  currency: { args: [0, 0], description: 'An amount with its currency code: 1,250.50 EUR', example: '{total | currency}', fn: (v, _a, ctx) => (v instanceof Money ? `${text(v, ctx)} ${v.currency}` : text(v, ctx)) },
  number: {
    args: [0, 1], description: 'A number with digit groups and the given decimals (default 0)', example: '{quantity | number:2}',
    fn: (v, a, ctx) => { const d = asDecimal(v); return d ? groupDigits(toPlaces(d.scaled, d.scale, Math.min(6, Math.max(0, Number(a[0] ?? 0) || 0))), ctx.locale) : text(v, ctx); },
  },
  qty: { args: [0, 0], description: 'A quantity without trailing zeros: 2.5, 12', example: '{quantity | qty}', fn: (v, _a, ctx) => { const d = asDecimal(v); return d ? text(d, ctx) : text(v, ctx); } },
  percent: { args: [0, 0], description: 'A percentage: 21 %', example: '{vatRate | percent}', fn: (v, _a, ctx) => { const d = asDecimal(v); return d ? `${text(d, ctx)}\u00a0%` : text(v, ctx); } },
  date: {
    args: [0, 1], description: 'A date; pattern tokens D DD M MM MMM MMMM YY YYYY (default: 27 November 2026 / 27.11.2026)', example: '{date | date:"DD.MM.YYYY"}',
    fn: (v, a, ctx) => {
      const iso = v instanceof DateValue ? v.iso : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v : null;
      return iso ? formatDate(iso, typeof a[0] === 'string' && a[0] ? a[0] : DEFAULT_DATE[ctx.locale], ctx.locale) : text(v, ctx);
    },
  },
  words: {
    args: [0, 1], description: 'An amount or number in words, in the template\'s language or "en"/"ru"', example: '{total | words:"ru"}',
    fn: (v, a, ctx) => {
      const locale = a[0] === 'ru' || a[0] === 'en' ? a[0] : ctx.locale;
      if (v instanceof Money) return amountInWords(v.minor, v.scale, v.currency, locale);
      const d = asDecimal(v);
      if (!d) return text(v, ctx);
      const whole = d.scaled / 10n ** BigInt(d.scale);
      return locale === 'ru' ? russianWords(whole) : englishWords(whole);
    },
  },
  default: { args: [1, 1], description: 'What to print when the value is empty (text in quotes or another field)', example: '{client.legalName | default:client.name}', fn: (v, a) => (isPresent(v) ? v : a[0]) },
  yesno: {
    args: [0, 2], description: 'Yes/no values as given words', example: '{autoRenew | yesno:"renews":"ends"}',
    fn: (v, a, ctx) => (isPresent(v) ? (a[0] ?? (ctx.locale === 'ru' ? 'Да' : 'Yes')) : (a[1] ?? (ctx.locale === 'ru' ? 'Нет' : 'No'))),
  },
  size: { args: [2, 2], description: 'For an image: the box it is fitted into, width and height in millimetres', example: '{%company.stamp | size:40:40}', fn: (v) => v },
  join: { args: [0, 1], description: 'List values joined by the given separator (default ", ")', example: '{client.tags | join:" · "}', fn: (v, a, ctx) => (Array.isArray(v) ? v.map((x) => text(x, ctx)).filter(Boolean).join(typeof a[0] === 'string' ? a[0] : ', ') : text(v, ctx)) },
};
