import { assertCan } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { route, type Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { productCategoryService } from './service.js';
import { loadTree, treeNodeSchema } from './tree.js';

export function productCategoryRoutes(ctx: AppContext): Route[] {
  const categories = productCategoryService(ctx);
  return [
    // Before the CRUD routes, or "/tree" would be taken for an id.
    route({
      method: 'get', path: '/product-categories/tree', tag: categories.def.labelPlural,
      summary: 'The whole category tree, nested, with product counts',
      response: () => ({ type: 'object', properties: { items: { type: 'array', items: treeNodeSchema() } }, required: ['items'], additionalProperties: false }),
      async handler({ actor }) {
        assertCan(actor, categories.def.resource, 'read');
        return { items: await loadTree(ctx.db) };
      },
    }),
    ...crudRoutes(categories),
  ];
}
