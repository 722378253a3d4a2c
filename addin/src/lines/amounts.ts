import { PERCENT_SCALE, QUANTITY_SCALE, divRoundHalfUp, fromScaled, parseScaled, toScaled } from './decimal.js';

export type VatMode = 'exclusive' | 'inclusive' | 'none';

const HUNDRED_PERCENT = 10_000n;
const QTY_UNIT = 1_000n;

export interface Amounts {
  net: string;
  vat: string;
  gross: string;
}

function vatOf(amount: bigint, rate: bigint, mode: VatMode): bigint {
  if (mode === 'none' || rate === 0n) return 0n;
  if (mode === 'exclusive') return divRoundHalfUp(amount * rate, HUNDRED_PERCENT);
  return divRoundHalfUp(amount * rate, HUNDRED_PERCENT + rate);
}

function split(amount: bigint, vat: bigint, mode: VatMode, scale: number): Amounts {
  const [net, gross] = mode === 'inclusive' ? [amount - vat, amount] : [amount, amount + vat];
  return { net: fromScaled(net, scale), vat: fromScaled(vat, scale), gross: fromScaled(gross, scale) };
}

/**
 * A line's amounts while it is being typed, with the server's rounding
 * (half up, once on the discounted amount, then VAT on the line). Null
 * until the inputs are numbers. Saved documents show the server's figures.
 */
export function previewLine(input: { quantity: string; price: string; discount: string; vatRate: string }, mode: VatMode, scale: number): Amounts | null {
  const q = parseScaled(input.quantity, QUANTITY_SCALE);
  const p = parseScaled(input.price, scale);
  const d = parseScaled(input.discount || '0', PERCENT_SCALE);
  const r = parseScaled(mode === 'none' ? '0' : input.vatRate || '0', PERCENT_SCALE);
  if (!q.ok || !p.ok || !d.ok || !r.ok) return null;
  const amount = divRoundHalfUp(q.value * p.value * (HUNDRED_PERCENT - d.value), QTY_UNIT * HUNDRED_PERCENT);
  return split(amount, vatOf(amount, r.value, mode), mode, scale);
}

export interface RateTotal extends Amounts {
  vatRate: string;
}

/**
 * Net, VAT and gross per VAT rate, as a tax invoice prints them. Line
 * amounts are summed per rate; when the company rounds VAT once per rate,
 * VAT is computed on each rate's sum instead, which is what the server did.
 * Without the company's rule, a document VAT that differs from the sum of
 * line VATs tells that it was rounded per rate.
 */
export function totalsByRate(lines: { vatRate: string; net: string; vat: string; gross: string }[], vatTotal: string, mode: VatMode, scale: number, rounding?: 'line' | 'document'): RateTotal[] {
  const groups = new Map<bigint, { net: bigint; vat: bigint; gross: bigint }>();
  for (const l of lines) {
    const rate = toScaled(l.vatRate, PERCENT_SCALE);
    const g = groups.get(rate) ?? { net: 0n, vat: 0n, gross: 0n };
    g.net += toScaled(l.net, scale);
    g.vat += toScaled(l.vat, scale);
    g.gross += toScaled(l.gross, scale);
    groups.set(rate, g);
  }
  const rates = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lineVat = rates.reduce((acc, [, g]) => acc + g.vat, 0n);
  const perDocument = rounding ? rounding === 'document' : lineVat !== toScaled(vatTotal, scale);
  return rates.map(([rate, g]) => {
    const rateText = fromScaled(rate, PERCENT_SCALE).replace(/\.?0+$/, '') || '0';
    if (!perDocument) return { vatRate: rateText, net: fromScaled(g.net, scale), vat: fromScaled(g.vat, scale), gross: fromScaled(g.gross, scale) };
    const amount = mode === 'inclusive' ? g.gross : g.net;
    return { vatRate: rateText, ...split(amount, vatOf(amount, rate, mode), mode, scale) };
  });
}
