import { nowIso, type AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { SingleDefault, UniqueRecordService, assertUnique, checkCurrency, throwIfProblems } from '../records/constraints.js';
import { assertUnused, type RecordService } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { priceTypeEntity } from './entity.js';

const defaults = new SingleDefault('price_types', 'price type');

/** The default price type's id, used for clients without a category price. */
export async function defaultPriceTypeId(conn: Conn): Promise<number | null> {
  const row = (await conn('price_types').where('is_default', true).orderBy('id').first('id')) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}

export function priceTypeService(ctx: AppContext): RecordService {
  return new UniqueRecordService(ctx, priceTypeEntity, {
    async prepare(trx, input) {
      const { values, existing } = input;
      const problems: ErrorDetail[] = [];
      const currency = checkCurrency(problems, values, 'currency');
      throwIfProblems(problems);
      await assertUnique(trx, { table: 'price_types', column: 'name', value: values.name, exceptId: existing?.id, field: 'name', what: 'price type' });
      if (existing && currency && currency !== existing.currency) {
        // Prices are kept in minor units of this currency: switching it would
        // silently turn 12.50 EUR into 1250 JPY.
        const priced = await trx('prices').where('price_type_id', existing.id).first('product_id');
        if (priced) {
          const message = 'Products already have prices in this price type; create a new price type for the other currency.';
          throw new AppError('invalid_state', message, { details: [{ field: 'currency', code: 'invalid_state', message }] });
        }
      }
      return { ...(currency ? { currency } : {}), ...(await defaults.prepare(trx, input)) };
    },

    async afterWrite(trx, record) {
      await defaults.afterWrite(trx, record, nowIso(ctx));
    },

    async beforeDelete(trx, record) {
      await assertUnused(trx, [
        { table: 'client_categories', column: 'price_type_id', id: record.id, what: 'client categories' },
        { table: 'prices', column: 'price_type_id', id: record.id, what: 'product prices' },
      ]);
      await defaults.beforeDelete(trx, record);
    },

    search: containsText('price_types', ['name']),
  });
}
