import type { Writable } from 'node:stream';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { clientService } from '../clients/service.js';
import { contactService } from '../contacts/service.js';
import { contractService } from '../contracts/service.js';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { InvoiceService } from '../invoices/service.js';
import { PaymentService } from '../payments/service.js';
import { productService } from '../products/service.js';
import { parseListParams } from '../records/query.js';
import type { RecordService } from '../records/service.js';
import type { Column } from './cells.js';
import { csvWriter, htmlWriter, xlsxWriter } from './writers.js';
import { outlookCsvWriter, vcardWriter } from './contact-writers.js';

/**
 * Export of any list with the same filters, sort and quick-search text as
 * its list endpoint, and the columns the user sees (custom fields
 * included), read a page at a time and streamed out, so a 100,000-row
 * export never sits in memory. Needs the `export` right on the resource;
 * scope "own" limits it exactly as it limits the list.
 */

export const exportResources = ['clients', 'contacts', 'products', 'contracts', 'invoices', 'payments'] as const;
export type ExportResource = (typeof exportResources)[number];
export const formats = ['xlsx', 'csv', 'html', 'outlook-csv', 'vcard'] as const;
/** Address-book formats: contacts only, with columns fixed by the format. */
const contactFormats = new Set<string>(['outlook-csv', 'vcard']);

const PAGE = 500;

export function exportService(ctx: AppContext, resource: ExportResource): RecordService {
  switch (resource) {
    case 'clients': return clientService(ctx);
    case 'contacts': return contactService(ctx);
    case 'products': return productService(ctx);
    case 'contracts': return contractService(ctx);
    case 'invoices': return new InvoiceService(ctx);
    case 'payments': return new PaymentService(ctx);
  }
}

const OWN = ['format', 'columns', 'bom', 'delimiter', 'fileName', 'vcardVersion'];

const optionsSchema = z.object({
  format: z.enum(formats, { error: 'Use xlsx, csv or html (contacts also outlook-csv or vcard).' }).default('xlsx'),
  vcardVersion: z.enum(['4.0', '3.0'], { error: 'Use 4.0 or 3.0.' }).default('4.0'),
  columns: z.string().max(4000).optional(),
  bom: z.enum(['0', '1', 'true', 'false']).optional(),
  delimiter: z.enum([',', ';', 'tab', '\t'], { error: 'Use a comma, a semicolon or tab.' }).optional(),
});

/** The columns: those asked for (in that order), else every visible field in its position. */
export function exportColumns(service: RecordService, asked: string | undefined): Column[] {
  const fields = service.fields.filter((f) => !f.archived);
  if (!asked) {
    return fields.filter((f) => !f.hidden && f.type !== 'lines').sort((a, b) => a.position - b.position).map((f) => ({ key: f.key, label: f.label, field: f }));
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const keys = asked.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length) {
    throw new AppError('invalid_query', 'Some columns do not exist.', { details: unknown.slice(0, 20).map((k) => ({ field: 'columns', code: 'unknown_field', message: `There is no field "${k.slice(0, 60)}".` })) });
  }
  return keys.map((k) => ({ key: k, label: byKey.get(k)!.label, field: byKey.get(k)! }));
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'outlook-csv': 'text/csv; charset=utf-8', vcard: 'text/vcard; charset=utf-8',
};
const EXTENSIONS = { csv: 'csv', html: 'html', xlsx: 'xlsx', 'outlook-csv': 'csv', vcard: 'vcf' };

export interface ExportPlan {
  contentType: string;
  fileName: string;
  run(out: Writable): Promise<number>;
}

export function planExport(ctx: AppContext, actor: Actor, resource: ExportResource, query: Record<string, unknown>): ExportPlan {
  const service = exportService(ctx, resource);
  assertCan(actor, service.def.resource, 'read');
  assertCan(actor, service.def.resource, 'export');
  const options = parseOrThrow(optionsSchema, Object.fromEntries(Object.entries(query).filter(([k]) => OWN.includes(k))), 'Some export options are invalid.');
  const listQuery = Object.fromEntries(Object.entries(query).filter(([k]) => !OWN.includes(k) && k !== 'limit' && k !== 'offset'));
  if (contactFormats.has(options.format) && resource !== 'contacts') {
    throw new AppError('invalid_query', `The ${options.format} format is for contacts.`, { details: [{ field: 'format', code: 'invalid_value', message: 'Use xlsx, csv or html.' }] });
  }
  const params = parseListParams(listQuery, service.def, service.fields);
  const columns = exportColumns(service, options.columns);
  const title = service.def.labelPlural;
  const delimiter = options.delimiter === 'tab' || options.delimiter === '\t' ? '\t' : (options.delimiter ?? ',');
  const writer = (out: Writable) => options.format === 'csv' ? csvWriter(out, { bom: options.bom === '1' || options.bom === 'true', delimiter })
    : options.format === 'html' ? htmlWriter(out, title)
    : options.format === 'outlook-csv' ? outlookCsvWriter(out)
    : options.format === 'vcard' ? vcardWriter(out, options.vcardVersion) : xlsxWriter(out, title);
  const stamp = ctx.clock.now().toISOString().slice(0, 10);
  return {
    contentType: CONTENT_TYPES[options.format],
    fileName: `${resource}-${stamp}.${EXTENSIONS[options.format]}`,
    async run(out) {
      const w = writer(out);
      await w.begin(columns);
      let offset = 0;
      let written = 0;
      for (;;) {
        const page = await service.listWith(ctx.db, actor, { ...params, limit: PAGE, offset });
        await w.rows(columns, page.items);
        written += page.items.length;
        if (page.items.length < PAGE) break;
        offset += PAGE;
        await yieldToOthers();
      }
      await w.end();
      return written;
    },
  };
}
