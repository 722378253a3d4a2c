import type { AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { assertExists } from '../clients/service.js';
import { UniqueRecordService, assertUnique, checkRange, columnDefaults, throwIfProblems } from '../records/constraints.js';
import { loadNames, type Row } from '../records/rows.js';
import { assertUnused, type RecordService } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { DEFAULT_UNIT, productEntity } from './entity.js';
import { loadPrices, pricesSchema, savePrices, type PriceInput } from './prices.js';

/** A new product's VAT rate when none is given: our default company's. */
async function defaultVatRate(trx: Tx): Promise<number> {
  const row = (await trx('companies').where('is_default', true).orderBy('id').first('default_vat_rate')) as { default_vat_rate: number } | undefined;
  return row ? Number(row.default_vat_rate) : 0;
}

export function productService(ctx: AppContext): RecordService {
  return new UniqueRecordService(ctx, productEntity, {
    structured: { prices: { create: pricesSchema.nullable().optional(), update: pricesSchema.nullable().optional() } },

    async prepare(trx, input) {
      const { values, existing } = input;
      const problems: ErrorDetail[] = [];
      checkRange(problems, values, 'vatRate', { min: 0, max: 100, decimals: 2, unit: ' %' });
      throwIfProblems(problems);
      const extra: Row = columnDefaults(input, { unit: DEFAULT_UNIT, active: true });
      if (values.unit === '') extra.unit = DEFAULT_UNIT;
      // An empty SKU is no SKU: it must not clash with other products without one.
      if (values.sku === '') extra.sku = null;
      await assertUnique(trx, { table: 'products', column: 'sku', value: values.sku, exceptId: existing?.id, field: 'sku', what: 'product with the SKU' });
      if (values.vatRate === null || (values.vatRate === undefined && !existing)) extra.vat_rate = await defaultVatRate(trx);
      if (values.categoryId !== undefined) await assertExists(trx, 'product_categories', values.categoryId, 'categoryId', 'product category');
      return extra;
    },

    async saveStructured(trx, id, { values }) {
      if (values.prices !== undefined) await savePrices(trx, id, values.prices as PriceInput[] | null);
    },

    async expand(conn, records) {
      await loadPrices(conn, records);
      await loadNames(conn, records, 'categoryId', 'product_categories', 'categoryName');
    },

    async beforeDelete(trx, record) {
      await assertUnused(trx, [
        { table: 'contract_lines', column: 'product_id', id: record.id, what: 'contract lines; set active to false to retire it instead' },
        { table: 'invoice_lines', column: 'product_id', id: record.id, what: 'invoice lines; set active to false to retire it instead' },
      ]);
    },

    search: containsText('products', ['name', 'sku']),
  });
}
