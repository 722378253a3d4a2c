/**
 * Exact decimal arithmetic for previews and checks on the client. Money,
 * quantities and percentages arrive and leave as decimal strings; here they
 * become BigInt at a fixed scale and never pass through a float. The server
 * stays the judge: these only tell the user early.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export const QUANTITY_SCALE = 3;
export const PERCENT_SCALE = 2;

/** Currencies whose minor unit is not a hundredth (ISO 4217), as the server keeps them. */
const EXPONENTS: Record<string, number> = {
  BHD: 3, BIF: 0, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3,
  LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

export function currencyScale(code: string | null | undefined): number {
  return (code ? EXPONENTS[code.toUpperCase()] : undefined) ?? 2;
}

/** What a user typed, made canonical: spaces dropped, a decimal comma accepted. */
export function normalizeDecimal(text: string): string {
  return text.replace(/[\s\u00a0]/g, '').replace(',', '.');
}

export type ParseResult = { ok: true; value: bigint } | { ok: false; reason: 'not_a_number' | 'too_many_decimals' };

/** "1250.5" at scale 2 → 125050n; more decimals than the scale are refused, not rounded. */
export function parseScaled(text: string, scale: number): ParseResult {
  const m = DECIMAL.exec(normalizeDecimal(text));
  if (!m) return { ok: false, reason: 'not_a_number' };
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return { ok: false, reason: 'too_many_decimals' };
  const digits = BigInt((m[2] ?? '0') + fraction.padEnd(scale, '0'));
  return { ok: true, value: m[1] === '-' ? -digits : digits };
}

/** Like parseScaled, for values known to be well-formed (the server's own strings). */
export function toScaled(text: string | null | undefined, scale: number): bigint {
  if (!text) return 0n;
  const r = parseScaled(text, scale);
  return r.ok ? r.value : 0n;
}

/** 125050n at scale 2 → "1250.50". */
export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale ? digits.slice(0, -scale) : digits;
  const fraction = scale ? '.' + digits.slice(-scale) : '';
  return (negative ? '-' : '') + whole + fraction;
}

/** Decimal places of a well-formed decimal string ("12.50" → 2). */
export function decimalsOf(text: string | null | undefined): number {
  const m = text ? DECIMAL.exec(text) : null;
  return m?.[3]?.length ?? 0;
}

/** Sums decimal strings exactly, at the largest scale among them. */
export function sumDecimals(values: (string | null | undefined)[]): string {
  const scale = Math.max(0, ...values.map(decimalsOf));
  return fromScaled(values.reduce((acc, v) => acc + toScaled(v ?? '0', scale), 0n), scale);
}

export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const x = toScaled(a, scale);
  const y = toScaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function minDecimal(a: string, b: string): string {
  return compareDecimals(a, b) <= 0 ? a : b;
}

export function isPositive(text: string | null | undefined): boolean {
  return !!text && compareDecimals(text, '0') > 0;
}

/** Integer division rounding halves away from zero, as the server rounds. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}
