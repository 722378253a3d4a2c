import { z } from 'zod';
import type { Conn, Tx } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { idValue } from '../fields/validation.js';
import { toBool } from '../fields/codec.js';
import { currencyScale } from '../money/currency.js';
import { DecimalError, formatDecimal, parseDecimal } from '../money/decimal.js';
import type { ApiRecord } from '../records/rows.js';

/**
 * A product's prices, one per price type, in the price type's currency.
 * Amounts travel as decimal strings and are kept in minor units; how many
 * decimals are allowed depends on the currency, so that part of the check
 * needs the database and happens when the prices are saved.
 */

export const priceItem = z.strictObject({
  priceTypeId: idValue,
  amount: z.union([z.string(), z.number()], { error: 'Give the amount as a decimal string like "12.50".' }),
});
export type PriceInput = z.output<typeof priceItem>;

export const pricesSchema = z
  .array(priceItem, { error: 'Give a list of {priceTypeId, amount}.' })
  .max(100, { error: 'At most 100 prices.' })
  .refine((items) => new Set(items.map((i) => i.priceTypeId)).size === items.length, {
    error: 'Give each price type once.',
    params: { code: 'duplicate' },
  });

export const pricesJson = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      priceTypeId: { type: 'integer' },
      priceTypeName: { type: 'string' },
      currency: { type: 'string' },
      amount: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description: 'Decimal string in the currency of the price type.' },
    },
    required: ['priceTypeId', 'priceTypeName', 'currency', 'amount'],
    additionalProperties: false,
  },
};

/** Replaces a product's prices; null or [] removes them all. */
export async function savePrices(trx: Tx, productId: number, items: PriceInput[] | null): Promise<void> {
  const list = items ?? [];
  const types = list.length
    ? ((await trx('price_types').whereIn('id', list.map((i) => i.priceTypeId)).select('id', 'currency')) as { id: number; currency: string }[])
    : [];
  const currencyOf = new Map(types.map((t) => [Number(t.id), t.currency]));
  const missing: ErrorDetail[] = [];
  const invalid: ErrorDetail[] = [];
  const rows: { product_id: number; price_type_id: number; amount: number }[] = [];
  for (const [i, item] of list.entries()) {
    const currency = currencyOf.get(item.priceTypeId);
    if (!currency) {
      missing.push({ field: `prices.${i}.priceTypeId`, code: 'reference_invalid', message: `There is no price type ${item.priceTypeId}.` });
      continue;
    }
    const scale = currencyScale(currency);
    try {
      const amount = parseDecimal(item.amount, scale);
      if (amount < 0n) invalid.push({ field: `prices.${i}.amount`, code: 'out_of_range', message: 'A price cannot be negative.' });
      else rows.push({ product_id: productId, price_type_id: item.priceTypeId, amount: Number(amount) });
    } catch (err) {
      if (!(err instanceof DecimalError)) throw err;
      const message =
        err.reason === 'too_many_decimals'
          ? scale === 0 ? `${currency} amounts are whole numbers.` : `${currency} amounts have at most ${scale} decimal places.`
          : err.reason === 'out_of_range' ? 'This amount is too large.' : 'Give the amount as a decimal string like "12.50".';
      invalid.push({ field: `prices.${i}.amount`, code: err.reason === 'not_a_number' ? 'invalid_format' : err.reason, message });
    }
  }
  if (missing.length) throw new AppError('reference_invalid', 'A price refers to a price type that does not exist.', { details: [...missing, ...invalid] });
  if (invalid.length) throw new AppError('validation_failed', 'Some prices are invalid.', { details: invalid });
  await trx('prices').where({ product_id: productId }).delete();
  if (rows.length) await trx('prices').insert(rows);
}

interface PriceRow {
  product_id: number;
  price_type_id: number;
  amount: number;
  name: string;
  currency: string;
  is_default: unknown;
}

/** Adds `prices` to products, the default price type first, then by name. */
export async function loadPrices(conn: Conn, records: ApiRecord[]): Promise<void> {
  const rows = (await conn('prices')
    .join('price_types', 'price_types.id', 'prices.price_type_id')
    .whereIn('prices.product_id', records.map((r) => r.id))
    .select('prices.product_id', 'prices.price_type_id', 'prices.amount', 'price_types.name', 'price_types.currency', 'price_types.is_default')) as PriceRow[];
  rows.sort((a, b) => Number(toBool(b.is_default)) - Number(toBool(a.is_default)) || a.name.localeCompare(b.name));
  const byProduct = new Map<number, unknown[]>();
  for (const row of rows) {
    const list = byProduct.get(Number(row.product_id)) ?? [];
    list.push({ priceTypeId: Number(row.price_type_id), priceTypeName: row.name, currency: row.currency, amount: formatDecimal(BigInt(row.amount), currencyScale(row.currency)) });
    byProduct.set(Number(row.product_id), list);
  }
  for (const record of records) record.prices = byProduct.get(record.id) ?? [];
}
