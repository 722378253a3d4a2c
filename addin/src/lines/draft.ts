import { t } from '../i18n/strings.js';
import { PERCENT_SCALE, QUANTITY_SCALE, compareDecimals, normalizeDecimal, parseScaled } from './decimal.js';

/** A document line as the API returns it. */
export interface Line {
  id: number;
  position: number;
  productId: number | null;
  description: string;
  unit: string;
  quantity: string;
  price: string;
  discount: string;
  vatRate: string;
  net: string;
  vat: string;
  gross: string;
}

/** A line being edited: every number kept as the text the user typed. */
export interface LineDraft {
  /** Stable while editing, so errors and focus follow the line, not its index. */
  key: string;
  productId: number | null;
  productName: string | null;
  description: string;
  unit: string;
  quantity: string;
  price: string;
  discount: string;
  vatRate: string;
  /** The server's amounts while the line is as saved. */
  saved?: { net: string; vat: string; gross: string };
  /** Why the product's price could not be filled in, if it could not. */
  priceNote?: string;
}

export type LineField = 'productId' | 'description' | 'unit' | 'quantity' | 'price' | 'discount' | 'vatRate';

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `line-${counter}`;
}

export function emptyLine(defaultVatRate = ''): LineDraft {
  return { key: newKey(), productId: null, productName: null, description: '', unit: '', quantity: '1', price: '', discount: '', vatRate: defaultVatRate };
}

export function draftFromLine(l: Line): LineDraft {
  return {
    key: newKey(), productId: l.productId, productName: l.productId ? l.description : null, description: l.description, unit: l.unit,
    quantity: l.quantity, price: l.price, discount: l.discount === '0' ? '' : l.discount, vatRate: l.vatRate, saved: { net: l.net, vat: l.vat, gross: l.gross },
  };
}

/**
 * The line as the API takes it. What the user left empty is left out, so
 * the server fills it from the product and the client's prices.
 */
export function lineInput(d: LineDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { quantity: normalizeDecimal(d.quantity) };
  if (d.productId) out.productId = d.productId;
  if (d.description.trim()) out.description = d.description.trim();
  if (d.unit.trim()) out.unit = d.unit.trim();
  if (d.price.trim()) out.price = normalizeDecimal(d.price);
  if (d.discount.trim()) out.discount = normalizeDecimal(d.discount);
  if (d.vatRate.trim()) out.vatRate = normalizeDecimal(d.vatRate);
  return out;
}

function percentError(text: string): string | null {
  if (!text.trim()) return null;
  const r = parseScaled(text, PERCENT_SCALE);
  if (!r.ok) return r.reason === 'too_many_decimals' ? t('lines.err.percentDecimals') : t('lines.err.percent');
  return r.value < 0n || compareDecimals(normalizeDecimal(text), '100') > 0 ? t('lines.err.percent') : null;
}

/** The same checks the server makes, so most mistakes show while typing. */
export function lineErrors(d: LineDraft, moneyScale: number): Partial<Record<LineField, string>> {
  const e: Partial<Record<LineField, string>> = {};
  if (!d.productId && !d.description.trim()) e.description = t('lines.err.description');
  if ([...d.description].length > 1000) e.description = t('form.tooLong', { max: 1000 });
  if ([...d.unit.trim()].length > 20) e.unit = t('form.tooLong', { max: 20 });
  const q = parseScaled(d.quantity, QUANTITY_SCALE);
  if (!d.quantity.trim()) e.quantity = t('form.required');
  else if (!q.ok) e.quantity = q.reason === 'too_many_decimals' ? t('lines.err.quantityDecimals') : t('form.invalidNumber');
  else if (q.value <= 0n) e.quantity = t('lines.err.quantity');
  if (d.price.trim()) {
    const p = parseScaled(d.price, moneyScale);
    if (!p.ok) e.price = p.reason === 'too_many_decimals' ? t('lines.err.priceDecimals', { n: moneyScale }) : t('form.invalidMoney');
    else if (p.value < 0n) e.price = t('lines.err.priceNegative');
  } else if (!d.productId) e.price = t('lines.err.price');
  const discount = percentError(d.discount);
  if (discount) e.discount = discount;
  const vat = percentError(d.vatRate);
  if (vat) e.vatRate = vat;
  return e;
}
