import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { linesJson } from '../lines/schema.js';
import { crudRoutes, recordJson, type CrudOptions } from '../records/routes.js';
import { contractStates } from './entity.js';
import { contractService, renewBody } from './service.js';

export function contractRoutes(ctx: AppContext): Route[] {
  const contracts = contractService(ctx);
  const options: CrudOptions = {
    extra: () => ({ lines: linesJson, state: { enum: [...contractStates] }, renewalId: { type: ['integer', 'null'] } }),
  };
  return [
    ...crudRoutes(contracts, options),
    route({
      method: 'post', path: '/contracts/:id/renew', tag: 'Contracts', status: 201,
      summary: 'Renew an active contract for the next term (the day after it ends, as long as it was), with the same lines and conditions',
      body: () => renewBody, response: (c) => recordJson(contracts, c, options, true),
      handler: (call) => contracts.renew(call.actor, idParam(call), call.body),
    }),
  ];
}
