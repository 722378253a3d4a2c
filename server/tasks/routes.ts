import type { AppContext } from '../context.js';
import type { Route } from '../http/route.js';
import { crudRoutes, type CrudOptions } from '../records/routes.js';
import { TaskService } from './service.js';

export function taskRoutes(ctx: AppContext): Route[] {
  const tasks = new TaskService(ctx);
  const options: CrudOptions = { extra: () => ({ assigneeName: { type: ['string', 'null'] }, clientName: { type: ['string', 'null'] } }) };
  return crudRoutes(tasks, options);
}
