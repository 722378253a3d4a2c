import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { route, type Route } from '../http/route.js';
import { listQueryDocs } from '../records/routes.js';
import { exportResources, exportService, planExport, type ExportResource } from './service.js';

export function exportRoutes(ctx: AppContext): Route[] {
  return exportResources.map((resource) => route({
    method: 'get', path: `/exports/${resource}`, tag: 'Exports',
    produces: 'application/octet-stream',
    summary: `Export ${resource} with the list's filters, sort and columns as .xlsx, .csv or HTML (needs the export right)`,
    query: () => [
      { name: 'format', description: resource === 'contacts' ? 'xlsx (default), csv, html, outlook-csv (Outlook\'s contact CSV) or vcard.' : 'xlsx (default), csv or html.', schema: { enum: resource === 'contacts' ? ['xlsx', 'csv', 'html', 'outlook-csv', 'vcard'] : ['xlsx', 'csv', 'html'] } },
      ...(resource === 'contacts' ? [{ name: 'vcardVersion', description: 'vcard: 4.0 (default) or 3.0, for older address books.', schema: { enum: ['4.0', '3.0'] } }] : []),
      { name: 'columns', description: 'Comma-separated field keys, in order (default: the visible fields).' },
      { name: 'bom', description: 'CSV: 1 to start with a byte-order mark, so Excel reads UTF-8.' },
      { name: 'delimiter', description: 'CSV: "," (default), ";" or "tab".' },
      ...listQueryDocs(exportService(ctx, resource as ExportResource)).filter((p) => p.name !== 'limit' && p.name !== 'offset'),
    ],
    async handler({ actor, query, res }) {
      const plan = planExport(ctx, actor, resource, query);
      res.status(200);
      res.setHeader('Content-Type', plan.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${plan.fileName}"`);
      try {
        await plan.run(res);
      } catch (err) {
        // Headers are gone once rows stream; the client sees a cut-off file, the log says why.
        if (!res.headersSent) throw err;
        ctx.log.error('export failed mid-stream', { resource, error: err instanceof AppError ? err.code : err instanceof Error ? err.message : String(err) });
        res.destroy();
      }
    },
  }));
}
