import type { AppContext } from '../context.js';
import type { Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { clientCategoryService } from './service.js';

export function clientCategoryRoutes(ctx: AppContext): Route[] {
  return crudRoutes(clientCategoryService(ctx), {
    extra: () => ({ priceTypeName: { type: ['string', 'null'] } }),
  });
}
