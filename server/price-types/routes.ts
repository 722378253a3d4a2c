import type { AppContext } from '../context.js';
import type { Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { priceTypeService } from './service.js';

export function priceTypeRoutes(ctx: AppContext): Route[] {
  return crudRoutes(priceTypeService(ctx));
}
