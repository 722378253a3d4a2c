import { AppError } from '../errors/app-error.js';
import { parseRecordId } from '../http/route.js';
import type { EntityDef } from '../records/entity.js';
import { whereInSubtree } from '../product-categories/tree.js';

const productKinds = [
  { key: 'good', label: 'Goods' },
  { key: 'service', label: 'Service' },
];

export const DEFAULT_UNIT = 'pcs';

export const productEntity: EntityDef = {
  name: 'product',
  table: 'products',
  path: 'products',
  label: 'Product',
  labelPlural: 'Products',
  resource: 'catalog',
  defaultSort: 'name',
  fields: [
    { key: 'kind', label: 'Kind', type: 'one_of', required: true, options: { choices: productKinds } },
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 500 } },
    { key: 'sku', label: 'SKU', type: 'text', options: { maxLength: 100 } },
    { key: 'unit', label: 'Unit', type: 'text', options: { maxLength: 20 } },
    { key: 'vatRate', label: 'VAT rate, %', type: 'number', options: { decimals: 2 } },
    { key: 'categoryId', label: 'Category', type: 'link', options: { entity: 'product-category' } },
    { key: 'active', label: 'Active', type: 'boolean' },
    { key: 'description', label: 'Description', type: 'long_text' },
    { key: 'prices', label: 'Prices', type: 'prices', column: null },
  ],
  filters: {
    category: {
      description: 'Products in this category or any of its subcategories (a category id).',
      ops: ['eq'],
      apply(qb, _op, value) {
        const id = parseRecordId(value);
        if (id === null) {
          throw new AppError('invalid_query', 'Some query parameters are invalid.', {
            details: [{ field: 'category', code: 'invalid_value', message: 'Use the numeric id of a product category.' }],
          });
        }
        whereInSubtree(qb, 'products.category_id', id);
      },
    },
  },
};
