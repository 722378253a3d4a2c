import type { EntityDef } from '../records/entity.js';

/** Price lists: retail, wholesale, … each in one currency. */
export const priceTypeEntity: EntityDef = {
  name: 'price-type',
  table: 'price_types',
  path: 'price-types',
  label: 'Price type',
  labelPlural: 'Price types',
  resource: 'catalog',
  defaultSort: 'name',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 200 } },
    { key: 'currency', label: 'Currency', type: 'text', required: true, options: { maxLength: 3 } },
    { key: 'isDefault', label: 'Default', type: 'boolean' },
  ],
};
