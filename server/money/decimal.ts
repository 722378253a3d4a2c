/**
 * Exact decimal numbers as scaled integers. Money is kept in minor units,
 * quantities in thousandths and percentages in hundredths; all arithmetic
 * is done on bigint, and rounding happens only where a rule says so.
 */

export const QUANTITY_SCALE = 3;
export const PERCENT_SCALE = 2;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export class DecimalError extends Error {
  constructor(
    readonly reason: 'not_a_number' | 'too_many_decimals' | 'out_of_range',
    message: string,
  ) {
    super(message);
  }
}

/** The largest magnitude stored: well inside both BIGINT and JS safe integers. */
export const MAX_SCALED = 10n ** 15n;

/**
 * Parses "1250.5" at scale 2 into 125050n. More decimals than the scale are
 * refused rather than silently rounded: a user typing 10.005 into a money
 * field made a mistake worth telling them about.
 */
export function parseDecimal(input: string | number, scale: number): bigint {
  const text = typeof input === 'number' ? numberToText(input) : input.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new DecimalError('not_a_number', `"${String(input).slice(0, 40)}" is not a decimal number.`);
  const [, sign, whole, fraction = ''] = m as unknown as [string, string, string, string | undefined];
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) {
    throw new DecimalError('too_many_decimals', `At most ${scale} decimal places are allowed.`);
  }
  const digits = BigInt(whole + trimmed.padEnd(scale, '0'));
  if (digits > MAX_SCALED) throw new DecimalError('out_of_range', 'The number is too large.');
  return sign === '-' ? -digits : digits;
}

function numberToText(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  // Shortest round-trip text: 0.1 stays "0.1", exponents are expanded.
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** 125050n at scale 2 → "1250.50". */
export function formatDecimal(value: bigint | number, scale: number): string {
  const v = BigInt(value);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return (neg ? '-' : '') + whole + (scale > 0 ? '.' + fraction : '');
}

/** Like formatDecimal, without trailing zeros ("2.500" → "2.5", "3.000" → "3"). */
export function formatDecimalShort(value: bigint | number, scale: number): string {
  const s = formatDecimal(value, scale);
  return scale > 0 ? s.replace(/\.?0+$/, '') : s;
}

/** numerator / denominator rounded half away from zero (commercial rounding). */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divRoundHalfUp(-numerator, -denominator);
  const neg = numerator < 0n;
  const n = neg ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return neg ? -q : q;
}

export const sum = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};
