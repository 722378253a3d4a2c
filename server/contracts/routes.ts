import type { AppContext } from '../context.js';
import type { Route } from '../http/route.js';
import { linesJson } from '../lines/schema.js';
import { crudRoutes } from '../records/routes.js';
import { contractStates } from './entity.js';
import { contractService } from './service.js';

export function contractRoutes(ctx: AppContext): Route[] {
  return crudRoutes(contractService(ctx), {
    extra: () => ({ lines: linesJson, state: { enum: [...contractStates] } }),
  });
}
