import express, { type Request, type Response, type NextFunction } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { authenticate } from '../auth/authenticate.js';
import type { Actor } from '../access/rights.js';
import { refuseNul } from './nul.js';
import type { Route } from './route.js';

const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Express routes for every Route, each authenticated unless public. */
export function apiRouter(ctx: AppContext, routes: Route[]): express.Router {
  const router = express.Router();
  router.use((req: Request, _res: Response, next: NextFunction) => {
    // A JSON body needs a JSON content type; uploads declare their own.
    if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is('application/json') || req.is('image/*') || req.is('application/octet-stream')
      || req.is('application/vnd.openxmlformats-officedocument.wordprocessingml.document')) return next();
    next(new AppError('unsupported_media_type', 'Send the body as application/json.'));
  });
  router.use(express.json({ limit: ctx.config.jsonLimit, strict: true }));
  router.use(refuseNul);
  router.use(async (_req: Request, _res: Response, next: NextFunction) => {
    await ctx.fields.refreshIfStale(ctx.db);
    next();
  });

  for (const spec of routes) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      let actor: Actor | null = null;
      if (!spec.public) {
        const auth = await authenticate(req, ctx);
        actor = auth.actor;
        res.locals.auth = auth;
      }
      const result = await spec.handler({
        req, res, ctx,
        actor: actor as Actor,
        params: req.params as Record<string, string>,
        query: req.query as Record<string, unknown>,
        body: req.body ?? {},
      });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }

  // Unknown API paths answer in the API's error format, telling a wrong
  // method apart from a wrong path.
  const matchers = routes.map((r) => ({ method: r.method.toUpperCase(), re: pathRegex(r.path) }));
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const allowed = matchers.filter((m) => m.re.test(req.path)).map((m) => m.method);
    if (allowed.length) next(new AppError('method_not_allowed', `Use ${[...new Set(allowed)].join(', ')} on this endpoint.`));
    else next(new AppError('route_not_found', `There is no API endpoint ${req.method} ${req.baseUrl}${req.path}.`));
  });
  return router;
}

function pathRegex(path: string): RegExp {
  const source = path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${source}/?$`);
}
