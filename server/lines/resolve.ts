import type { Tx } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { DecimalError, MAX_SCALED, PERCENT_SCALE, QUANTITY_SCALE, parseDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import { lineAmounts, type VatMode } from '../money/vat.js';
import { pricesFor } from '../products/pricing.js';
import type { LineInput } from './schema.js';

/** A line ready to store: exact integers, amounts computed. */
export interface ResolvedLine {
  position: number;
  product_id: number | null;
  description: string;
  unit: string;
  quantity: bigint;
  price: bigint;
  discount: bigint;
  vat_rate: bigint;
  net: bigint;
  vat: bigint;
  gross: bigint;
}

interface ProductRow {
  id: number;
  name: string;
  unit: string;
  vat_rate: number;
  active: unknown;
}

const HUNDRED = 10_000n;

/**
 * Fills lines from their products and the client's prices, checks them,
 * and computes each line's amounts. Every problem of every line is
 * reported at once, named by its path (lines.2.price).
 */
export async function resolveLines(
  trx: Tx,
  lines: LineInput[],
  context: { clientId: number; currency: string; vatMode: VatMode; defaultVatRate: bigint },
): Promise<ResolvedLine[]> {
  const problems: ErrorDetail[] = [];
  const problem = (i: number, field: string, code: string, message: string) => problems.push({ field: `lines.${i}.${field}`, code, message });
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is number => typeof id === 'number'))];
  const products = new Map(
    (productIds.length ? ((await trx('products').whereIn('id', productIds).select('id', 'name', 'unit', 'vat_rate', 'active')) as ProductRow[]) : []).map((p) => [Number(p.id), p]),
  );
  // The client's prices of the products whose lines give none, in one go.
  const unpriced = [...new Set(lines.filter((l) => l.price === undefined && typeof l.productId === 'number' && products.has(l.productId)).map((l) => l.productId as number))];
  const offers = await pricesFor(trx, unpriced, context.clientId);
  const scale = currencyScale(context.currency);
  const out: ResolvedLine[] = [];
  for (const [i, line] of lines.entries()) {
    const product = line.productId ? products.get(line.productId) : undefined;
    if (line.productId && !product) problem(i, 'productId', 'reference_invalid', `There is no product ${line.productId}.`);
    const description = line.description ?? product?.name;
    if (!description) problem(i, 'description', 'required', 'Describe the line or choose a product.');
    const quantity = parseDecimal(line.quantity, QUANTITY_SCALE);
    if (quantity <= 0n) problem(i, 'quantity', 'out_of_range', 'The quantity must be more than zero.');

    let price: bigint | undefined;
    let discount: bigint | undefined = line.discount === undefined ? undefined : parseDecimal(line.discount, PERCENT_SCALE);
    if (line.price !== undefined) {
      try {
        price = parseDecimal(line.price, scale);
        if (price < 0n) problem(i, 'price', 'out_of_range', 'The price cannot be negative.');
      } catch (err) {
        if (!(err instanceof DecimalError)) throw err;
        problem(i, 'price', err.reason === 'not_a_number' ? 'invalid_format' : err.reason, err.reason === 'too_many_decimals' ? `${context.currency} amounts have at most ${scale} decimal places.` : err.message);
      }
    } else if (product) {
      const offer = offers.get(Number(product.id));
      if (!offer) problem(i, 'price', 'required', `Product "${product.name}" has no price for this client; give the price.`);
      else if (offer.currency !== context.currency) {
        problem(i, 'price', 'currency_mismatch', `The client's price for "${product.name}" is in ${offer.currency}, the document in ${context.currency}; give the price.`);
      } else {
        price = offer.price;
        discount ??= offer.discount;
      }
    } else {
      problem(i, 'price', 'required', 'Give the price.');
    }
    discount ??= 0n;
    if (discount < 0n || discount > HUNDRED) problem(i, 'discount', 'out_of_range', 'The discount is a percentage from 0 to 100.');
    const vatRate = context.vatMode === 'none' ? 0n : line.vatRate !== undefined ? parseDecimal(line.vatRate, PERCENT_SCALE) : product ? BigInt(product.vat_rate) : context.defaultVatRate;
    if (vatRate < 0n || vatRate > HUNDRED) problem(i, 'vatRate', 'out_of_range', 'The VAT rate is a percentage from 0 to 100.');
    if (problems.length || price === undefined || !description) continue;
    const amounts = lineAmounts({ quantity, price, discount, vatRate }, context.vatMode);
    if (amounts.gross > MAX_SCALED) {
      // Each input is capped, their product is not: it must still fit the amount columns.
      problem(i, 'quantity', 'out_of_range', 'The line amount (quantity × price) is too large.');
      continue;
    }
    out.push({
      position: i + 1,
      product_id: product ? product.id : null,
      description,
      unit: line.unit ?? product?.unit ?? 'pcs',
      quantity, price, discount, vat_rate: vatRate,
      ...amounts,
    });
  }
  if (problems.length) throw new AppError('validation_failed', 'Some lines are invalid.', { details: problems });
  return out;
}
