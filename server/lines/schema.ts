import { z } from 'zod';
import { PERCENT_SCALE, QUANTITY_SCALE } from '../money/decimal.js';
import { decimalValue, idValue } from '../fields/validation.js';

/**
 * A line of goods or services as sent by a client of the API. Everything
 * but the quantity may come from the product: description, unit, VAT rate,
 * and the price and discount of the client's price type and category.
 * The price's decimal places are checked against the document currency
 * when the line is resolved.
 */
export const lineInput = z.strictObject({
  productId: idValue.nullable().optional(),
  description: z.string().trim().min(1, { error: 'Describe the line.' }).max(1000).optional(),
  unit: z.string().trim().min(1).max(20).optional(),
  quantity: decimalValue(QUANTITY_SCALE, 'quantity'),
  price: z.union([z.string(), z.number()]).optional(),
  discount: decimalValue(PERCENT_SCALE, 'discount').optional(),
  vatRate: decimalValue(PERCENT_SCALE, 'VAT rate').optional(),
});

export type LineInput = z.output<typeof lineInput>;

export const linesInput = z.array(lineInput, { error: 'Give the lines as a list.' }).max(500, { error: 'At most 500 lines.' });

export const linesSchemas = {
  lines: { create: linesInput.optional(), update: linesInput.optional() },
};

const decimalString = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };

/** A line as the API returns it. */
export const lineJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    position: { type: 'integer' },
    productId: { type: ['integer', 'null'] },
    description: { type: 'string' },
    unit: { type: 'string' },
    quantity: decimalString,
    price: decimalString,
    discount: decimalString,
    vatRate: decimalString,
    net: decimalString,
    vat: decimalString,
    gross: decimalString,
  },
  required: ['id', 'position', 'productId', 'description', 'unit', 'quantity', 'price', 'discount', 'vatRate', 'net', 'vat', 'gross'],
  additionalProperties: false,
};

export const linesJson = { type: 'array', items: lineJson };
