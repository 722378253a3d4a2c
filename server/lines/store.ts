import type { Conn, Tx } from '../db/connect.js';
import { PERCENT_SCALE, QUANTITY_SCALE, formatDecimal, formatDecimalShort } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import type { ApiRecord } from '../records/rows.js';
import type { ResolvedLine } from './resolve.js';

export type LinesTable = 'contract_lines' | 'invoice_lines';
/** The column of each lines table that names the document. */
export const LINE_OWNER: Record<LinesTable, string> = { contract_lines: 'contract_id', invoice_lines: 'invoice_id' };

interface LineRow {
  id: number;
  position: number;
  product_id: number | null;
  description: string;
  unit: string;
  quantity: number;
  price: number;
  discount: number;
  vat_rate: number;
  net: number;
  vat: number;
  gross: number;
  [owner: string]: unknown;
}

export async function replaceLines(trx: Tx, table: LinesTable, ownerId: number, lines: ResolvedLine[]): Promise<void> {
  await trx(table).where({ [LINE_OWNER[table]]: ownerId }).delete();
  if (!lines.length) return;
  await trx(table).insert(
    lines.map((l) => ({
      [LINE_OWNER[table]]: ownerId,
      position: l.position, product_id: l.product_id, description: l.description, unit: l.unit,
      quantity: Number(l.quantity), price: Number(l.price), discount: Number(l.discount), vat_rate: Number(l.vat_rate),
      net: Number(l.net), vat: Number(l.vat), gross: Number(l.gross),
    })),
  );
}

/** Adds `lines` to documents, amounts in each document's currency. */
export async function loadLines(conn: Conn, table: LinesTable, records: ApiRecord[]): Promise<void> {
  const owner = LINE_OWNER[table];
  const rows = (await conn(table).whereIn(owner, records.map((r) => r.id)).orderBy([owner, 'position'])) as LineRow[];
  for (const record of records) {
    const scale = currencyScale(String(record.currency));
    record.lines = rows
      .filter((r) => Number(r[owner]) === record.id)
      .map((r) => ({
        id: Number(r.id),
        position: Number(r.position),
        productId: r.product_id === null ? null : Number(r.product_id),
        description: r.description,
        unit: r.unit,
        quantity: formatDecimalShort(BigInt(r.quantity), QUANTITY_SCALE),
        price: formatDecimal(BigInt(r.price), scale),
        discount: formatDecimalShort(BigInt(r.discount), PERCENT_SCALE),
        vatRate: formatDecimalShort(BigInt(r.vat_rate), PERCENT_SCALE),
        net: formatDecimal(BigInt(r.net), scale),
        vat: formatDecimal(BigInt(r.vat), scale),
        gross: formatDecimal(BigInt(r.gross), scale),
      }));
  }
}
