import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from './context.js';
import { trackRequests } from './http/activity.js';
import { errorHandler } from './http/errors.js';
import { precompressed } from './http/precompressed.js';
import { openApiDocument } from './http/openapi.js';
import { apiRouter } from './http/router.js';
import { route, type Route } from './http/route.js';
import { apiRoutes } from './routes.js';
import { unsubscribeRouter } from './mailings/unsubscribe.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const appVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

export interface App {
  express: express.Express;
  routes: Route[];
}

/** The Express application: the API under /api/v1 and the front end at /. */
export function createApp(ctx: AppContext): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings may hold search text or secret feed keys.
      ctx.log.debug('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  });

  const routes: Route[] = [
    route({
      method: 'get', path: '/health', tag: 'System', public: true, summary: 'Liveness: the server and its database answer',
      response: () => ({ type: 'object', properties: { status: { const: 'ok' }, version: { type: 'string' }, database: { enum: ['sqlite', 'postgres'] } }, required: ['status', 'version', 'database'], additionalProperties: false }),
      async handler({ ctx: c }) {
        await c.db.raw('select 1');
        return { status: 'ok', version: appVersion, database: c.config.databaseUrl ? 'postgres' : 'sqlite' };
      },
    }),
    ...apiRoutes(ctx),
  ];
  routes.push(
    route({
      method: 'get', path: '/openapi.json', tag: 'System', public: true, summary: 'This API described as OpenAPI 3.1, with the current custom fields',
      response: () => ({ type: 'object', required: ['openapi', 'paths'] }),
      handler: async ({ ctx: c }) => openApiDocument(c, routes, appVersion),
    }),
  );

  app.use('/api/v1', trackRequests(ctx));
  app.use('/api/v1', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api/v1', apiRouter(ctx, routes));

  // Public unsubscribe links of mailings (/u/TOKEN): no sign-in, the signed token is the permission.
  app.use(unsubscribeRouter(ctx));

  // The front end, built by `npm run build` (npm start builds it first).
  const addin = path.join(root, 'addin', 'dist');
  app.use(precompressed(addin));
  app.use(express.static(addin, {
    index: 'index.html',
    setHeaders(res, file) {
      // Task panes load office.js from Microsoft's CDN; nothing else comes from elsewhere.
      if (file.endsWith('.html')) {
        res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'");
        res.setHeader('Cache-Control', 'no-cache');
      }
    },
  }));
  app.get('/', (_req: Request, res: Response) => {
    res.status(503).type('text/plain').send('The front end is not built yet: run `npm run build` (npm start does it for you).');
  });
  app.use(errorHandler(ctx.log));
  return { express: app, routes };
}
