import type { AppContext } from '../context.js';
import { clientService } from '../clients/service.js';
import { AppError } from '../errors/app-error.js';
import { idParam, parseRecordId, route, type Route } from '../http/route.js';
import { currencyScale } from '../money/currency.js';
import { PERCENT_SCALE, formatDecimal, formatDecimalShort } from '../money/decimal.js';
import { crudRoutes } from '../records/routes.js';
import { pricesJson } from './prices.js';
import { priceFor } from './pricing.js';
import { productService } from './service.js';

const DECIMAL = '^-?\\d+(\\.\\d+)?$';

function clientIdQuery(query: Record<string, unknown>): number | null {
  const details = Object.keys(query)
    .filter((k) => k !== 'clientId')
    .map((k) => ({ field: k, code: 'unknown_filter', message: `There is no parameter "${k.slice(0, 40)}".` }));
  const clientId = query.clientId === undefined ? null : parseRecordId(query.clientId);
  if (query.clientId !== undefined && clientId === null) {
    details.push({ field: 'clientId', code: 'invalid_id', message: 'Use the numeric id of a client.' });
  }
  if (details.length) throw new AppError('invalid_query', 'Some query parameters are invalid.', { details });
  return clientId;
}

export function productRoutes(ctx: AppContext): Route[] {
  const products = productService(ctx);
  const clients = clientService(ctx);
  return [
    ...crudRoutes(products, {
      extra: () => ({ prices: pricesJson, categoryName: { type: ['string', 'null'] } }),
    }),
    route({
      method: 'get', path: '/products/:id/price', tag: products.def.labelPlural,
      summary: 'The price of a product for a client: their category\'s price type and discount, or the default price type',
      query: () => [{ name: 'clientId', description: 'The client (default: no client, the default price type without discount).', schema: { type: 'integer', minimum: 1 } }],
      response: () => ({
        type: 'object',
        properties: {
          priceTypeId: { type: 'integer' },
          currency: { type: 'string' },
          price: { type: 'string', pattern: DECIMAL, description: 'Price per unit before the discount.' },
          discount: { type: 'string', pattern: DECIMAL, description: 'Discount in percent.' },
        },
        required: ['priceTypeId', 'currency', 'price', 'discount'],
        additionalProperties: false,
      }),
      async handler(call) {
        const productId = idParam(call);
        const clientId = clientIdQuery(call.query);
        await products.assertVisible(call.actor, productId);
        // Only a client the caller may see: a price reveals their category.
        if (clientId !== null) await clients.assertVisible(call.actor, clientId);
        const offer = await priceFor(ctx.db, productId, clientId);
        if (!offer) throw new AppError('not_found', 'The product has no price in the price type that applies to this client.');
        return {
          priceTypeId: offer.priceTypeId,
          currency: offer.currency,
          price: formatDecimal(offer.price, currencyScale(offer.currency)),
          discount: formatDecimalShort(offer.discount, PERCENT_SCALE),
        };
      },
    }),
  ];
}
