import type { AppContext } from '../context.js';
import { idParam, route, type Route } from '../http/route.js';
import { linesJson } from '../lines/schema.js';
import { allocationsJson } from '../payments/allocations.js';
import { crudRoutes, recordJson, type CrudOptions } from '../records/routes.js';
import { invoiceStates } from './entity.js';
import { InvoiceService, actionBody, cancelBody } from './service.js';

export function invoiceRoutes(ctx: AppContext): Route[] {
  const invoices = new InvoiceService(ctx);
  const options: CrudOptions = {
    extra: () => ({ lines: linesJson, state: { enum: [...invoiceStates] }, remaining: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } }),
    detailExtra: () => ({ allocations: allocationsJson }),
  };
  const one = (c: AppContext) => recordJson(invoices, c, options, true);
  return [
    ...crudRoutes(invoices, options),
    route({
      method: 'post', path: '/invoices/:id/issue', tag: 'Invoices',
      summary: 'Issue a draft: it gets the next number of its company\'s series for the year, without gaps',
      body: () => actionBody, response: one,
      handler: (call) => invoices.issue(call.actor, idParam(call), call.body),
    }),
    route({
      method: 'post', path: '/invoices/:id/cancel', tag: 'Invoices',
      summary: 'Cancel an issued invoice (refused while payments are allocated unless releasePayments is true)',
      body: () => cancelBody, response: one,
      handler: (call) => invoices.cancel(call.actor, idParam(call), call.body),
    }),
  ];
}
