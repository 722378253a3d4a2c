import { divRoundHalfUp, sum } from './decimal.js';

/**
 * How VAT is applied to line amounts:
 * - exclusive: prices are net, VAT is added on top;
 * - inclusive: prices include VAT, which is calculated back out of them;
 * - none: no VAT at all.
 */
export type VatMode = 'exclusive' | 'inclusive' | 'none';
/** Round VAT on every line, or once per rate over the whole document. */
export type VatRounding = 'line' | 'document';

export interface LineInput {
  /** Thousandths of a unit. */
  quantity: bigint;
  /** Minor units per unit. */
  price: bigint;
  /** Hundredths of a percent. */
  discount: bigint;
  /** Hundredths of a percent. */
  vatRate: bigint;
}

export interface LineAmounts {
  net: bigint;
  vat: bigint;
  gross: bigint;
}

export interface DocumentTotals {
  net: bigint;
  vat: bigint;
  gross: bigint;
  /** Per VAT rate: what a tax invoice prints. */
  byRate: { vatRate: bigint; net: bigint; vat: bigint; gross: bigint }[];
}

const HUNDRED_PERCENT = 10_000n; // 100 % in hundredths of a percent
const QTY_UNIT = 1_000n;

/** The line amount after discount, rounded half-up once (minor units). */
export function lineAmount(line: LineInput): bigint {
  return divRoundHalfUp(line.quantity * line.price * (HUNDRED_PERCENT - line.discount), QTY_UNIT * HUNDRED_PERCENT);
}

function vatOf(amount: bigint, rate: bigint, mode: VatMode): bigint {
  if (mode === 'none' || rate === 0n) return 0n;
  if (mode === 'exclusive') return divRoundHalfUp(amount * rate, HUNDRED_PERCENT);
  return divRoundHalfUp(amount * rate, HUNDRED_PERCENT + rate);
}

function split(amount: bigint, vat: bigint, mode: VatMode): LineAmounts {
  return mode === 'inclusive' ? { net: amount - vat, vat, gross: amount } : { net: amount, vat, gross: amount + vat };
}

/** Amounts of each line, with VAT rounded on the line itself. */
export function lineAmounts(line: LineInput, mode: VatMode): LineAmounts {
  const amount = lineAmount(line);
  return split(amount, vatOf(amount, line.vatRate, mode), mode);
}

/**
 * Document totals. With 'line' rounding the totals are the sums of the
 * rounded lines; with 'document' rounding VAT is computed once per rate on
 * the sum of that rate's line amounts, so the total VAT can differ from the
 * sum of line VATs by a few minor units, as tax rules that ask for it expect.
 */
export function documentTotals(lines: LineInput[], mode: VatMode, rounding: VatRounding): DocumentTotals {
  const rates = new Map<bigint, bigint[]>();
  for (const line of lines) {
    const amounts = rates.get(line.vatRate) ?? [];
    amounts.push(lineAmount(line));
    rates.set(line.vatRate, amounts);
  }
  const byRate = [...rates.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([vatRate, amounts]) => {
      const vat = rounding === 'line' ? sum(amounts.map((a) => vatOf(a, vatRate, mode))) : vatOf(sum(amounts), vatRate, mode);
      return { vatRate, ...split(sum(amounts), vat, mode) };
    });
  return {
    net: sum(byRate.map((r) => r.net)),
    vat: sum(byRate.map((r) => r.vat)),
    gross: sum(byRate.map((r) => r.gross)),
    byRate,
  };
}
