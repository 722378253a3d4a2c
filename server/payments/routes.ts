import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { crudRoutes, recordJson, type CrudOptions } from '../records/routes.js';
import { allocationsJson } from './allocations.js';
import { PaymentService, allocateBody } from './service.js';

export function paymentRoutes(ctx: AppContext): Route[] {
  const payments = new PaymentService(ctx);
  const options: CrudOptions = { detailExtra: () => ({ allocations: allocationsJson }) };
  const one = (c: AppContext) => recordJson(payments, c, options, true);
  return [
    ...crudRoutes(payments, options),
    route({
      method: 'post', path: '/payments/:id/allocations', tag: 'Payments',
      summary: 'Allocate the unallocated part of a payment (the client\'s credit) to invoices, or automatically to the oldest open ones',
      body: () => allocateBody, response: one,
      handler: (call) => payments.allocate(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'delete', path: '/payments/:id/allocations/:allocationId', tag: 'Payments',
      summary: 'Release an allocation: the invoice becomes unpaid by that amount and it returns to the client\'s credit',
      response: one,
      handler: (call) => payments.release(call.actor, idParam(call), idParam(call, 'allocationId')),
    }),
  ];
}
