import { formatMoney } from '../records/format.js';

export interface Price {
  priceTypeId: number;
  priceTypeName: string;
  currency: string;
  amount: string;
}

/** The price lists show: the default price type's, which the API sends first. */
export function mainPrice(record: Record<string, unknown>): string {
  const prices = record.prices as Price[] | undefined;
  const first = prices?.[0];
  return first ? formatMoney(first.amount, first.currency) : '';
}
