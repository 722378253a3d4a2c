import type { AppContext } from '../context.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { assertExists } from '../clients/service.js';
import { UniqueRecordService, assertUnique, checkRange, columnDefaults, throwIfProblems } from '../records/constraints.js';
import { loadNames } from '../records/rows.js';
import { assertUnused, type RecordService } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { clientCategoryEntity } from './entity.js';

export function clientCategoryService(ctx: AppContext): RecordService {
  return new UniqueRecordService(ctx, clientCategoryEntity, {
    async prepare(trx, input) {
      const { values, existing } = input;
      const problems: ErrorDetail[] = [];
      checkRange(problems, values, 'discount', { min: 0, max: 100, decimals: 2, unit: ' %' });
      throwIfProblems(problems);
      await assertUnique(trx, { table: 'client_categories', column: 'name', value: values.name, exceptId: existing?.id, field: 'name', what: 'client category' });
      if (values.priceTypeId !== undefined) await assertExists(trx, 'price_types', values.priceTypeId, 'priceTypeId', 'price type');
      return columnDefaults(input, { discount: 0 });
    },

    async expand(conn, records) {
      await loadNames(conn, records, 'priceTypeId', 'price_types', 'priceTypeName');
    },

    async beforeDelete(trx, record) {
      await assertUnused(trx, [{ table: 'clients', column: 'category_id', id: record.id, what: 'clients (move them to another category first)' }]);
    },

    search: containsText('client_categories', ['name']),
  });
}
