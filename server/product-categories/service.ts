import type { AppContext } from '../context.js';
import { isPostgres, type Tx } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { assertExists } from '../clients/service.js';
import { checkRange, columnDefaults, throwIfProblems } from '../records/constraints.js';
import { RecordService, assertUnused } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { productCategoryEntity } from './entity.js';
import { MAX_DEPTH, ancestry, subtreeHeight } from './tree.js';

const invalidParent = (code: string, message: string) =>
  new AppError('validation_failed', message, { details: [{ field: 'parentId', code, message }] });

/** Refuses a parent that would make a loop or nest deeper than MAX_DEPTH. */
async function checkParent(trx: Tx, parentId: number, self: number | undefined): Promise<void> {
  // Two moves at once (A under B, B under A) could each look fine alone.
  if (isPostgres(trx)) await trx.raw('LOCK TABLE product_categories IN SHARE ROW EXCLUSIVE MODE');
  await assertExists(trx, 'product_categories', parentId, 'parentId', 'product category');
  const chain = await ancestry(trx, parentId);
  if (self !== undefined && chain.includes(self)) {
    throw invalidParent('cycle', 'A category cannot be placed inside itself or one of its own subcategories.');
  }
  const height = self === undefined ? 1 : await subtreeHeight(trx, self);
  if (chain.length + height > MAX_DEPTH) {
    throw invalidParent('too_deep', `Categories nest at most ${MAX_DEPTH} levels deep.`);
  }
}

export function productCategoryService(ctx: AppContext): RecordService {
  return new RecordService(ctx, productCategoryEntity, {
    async prepare(trx, input) {
      const { values, existing } = input;
      const problems: ErrorDetail[] = [];
      checkRange(problems, values, 'position', { min: -1_000_000, max: 1_000_000, decimals: 0 });
      throwIfProblems(problems);
      const parentId = values.parentId;
      if (typeof parentId === 'number' && parentId !== existing?.parentId) await checkParent(trx, parentId, existing?.id);
      return columnDefaults(input, { position: 0 });
    },

    async beforeDelete(trx, record) {
      await assertUnused(trx, [
        { table: 'product_categories', column: 'parent_id', id: record.id, what: 'subcategories (move or delete them first)' },
        { table: 'products', column: 'category_id', id: record.id, what: 'products (move them to another category first)' },
      ]);
    },

    search: containsText('product_categories', ['name']),
  });
}
