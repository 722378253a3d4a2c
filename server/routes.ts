import type { AppContext } from './context.js';
import type { Route } from './http/route.js';
import { authRoutes } from './auth/routes.js';
import { userRoutes } from './users/routes.js';
import { userService } from './users/service.js';
import { clientRoutes } from './clients/routes.js';
import { clientService } from './clients/service.js';
import { duplicateRoutes } from './duplicates/routes.js';
import { auditRoutes } from './audit/routes.js';
import { searchRoutes } from './search/routes.js';

/** Every API route, area by area. */
export function apiRoutes(ctx: AppContext): Route[] {
  return [
    ...authRoutes(),
    ...userRoutes(ctx),
    ...searchRoutes(),
    ...duplicateRoutes(),
    ...clientRoutes(ctx),
    ...auditRoutes([userService(ctx), clientService(ctx)]),
  ];
}
