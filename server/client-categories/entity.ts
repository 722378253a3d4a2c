import type { EntityDef } from '../records/entity.js';

/** "Gold card: 10 %", "Wholesale": a client's category sets their discount and price type. */
export const clientCategoryEntity: EntityDef = {
  name: 'client-category',
  table: 'client_categories',
  path: 'client-categories',
  label: 'Client category',
  labelPlural: 'Client categories',
  resource: 'catalog',
  defaultSort: 'name',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 200 } },
    { key: 'discount', label: 'Discount, %', type: 'number', options: { decimals: 2 } },
    { key: 'priceTypeId', label: 'Price type', type: 'link', options: { entity: 'price-type' } },
    { key: 'description', label: 'Description', type: 'long_text' },
  ],
};
