import type { Conn } from '../db/connect.js';
import { defaultPriceTypeId } from '../price-types/service.js';

export interface Offer {
  priceTypeId: number;
  currency: string;
  /** Minor units of `currency` per unit. */
  price: bigint;
  /** Hundredths of a percent. */
  discount: bigint;
}

/**
 * What a product costs a client: the price type of the client's category,
 * or the default price type, and the category's discount. Null when the
 * product has no price in that price type — the caller must then ask for
 * a price rather than guess one from another price list.
 */
export async function priceFor(conn: Conn, productId: number, clientId: number | null): Promise<Offer | null> {
  return (await pricesFor(conn, [productId], clientId)).get(productId) ?? null;
}

/**
 * priceFor for many products at once: the client's price type and discount
 * are looked up once and the prices read in one query. Products without a
 * price for the client are missing from the map.
 */
export async function pricesFor(conn: Conn, productIds: number[], clientId: number | null): Promise<Map<number, Offer>> {
  const offers = new Map<number, Offer>();
  if (!productIds.length) return offers;
  let priceTypeId: number | null = null;
  let discount = 0n;
  if (clientId !== null) {
    const category = (await conn('clients')
      .join('client_categories', 'client_categories.id', 'clients.category_id')
      .where('clients.id', clientId)
      .first('client_categories.price_type_id', 'client_categories.discount')) as { price_type_id: number | null; discount: number } | undefined;
    if (category) {
      priceTypeId = category.price_type_id === null ? null : Number(category.price_type_id);
      discount = BigInt(category.discount ?? 0);
    }
  }
  priceTypeId ??= await defaultPriceTypeId(conn);
  if (priceTypeId === null) return offers;
  const rows = (await conn('prices')
    .join('price_types', 'price_types.id', 'prices.price_type_id')
    .where('prices.price_type_id', priceTypeId)
    .whereIn('prices.product_id', [...new Set(productIds)])
    .select('prices.product_id', 'prices.amount', 'price_types.currency')) as { product_id: number; amount: number; currency: string }[];
  for (const row of rows) offers.set(Number(row.product_id), { priceTypeId, currency: row.currency, price: BigInt(row.amount), discount });
  return offers;
}
