import type { EntityDef } from '../records/entity.js';

/** Categories of goods and services, nested into a tree. */
export const productCategoryEntity: EntityDef = {
  name: 'product-category',
  table: 'product_categories',
  path: 'product-categories',
  label: 'Product category',
  labelPlural: 'Product categories',
  resource: 'catalog',
  defaultSort: 'position,name',
  fields: [
    { key: 'parentId', label: 'Parent category', type: 'link', options: { entity: 'product-category' } },
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 200 } },
    { key: 'position', label: 'Position', type: 'number' },
  ],
};
