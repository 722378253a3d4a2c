import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Serves the compressed copies `npm run build` writes beside the bundle
 * (app.js.br, app.js.gz) to browsers that accept them: the front end is
 * about 1.5 MB of JavaScript, and Office task panes load it on every open.
 */
export function precompressed(dir: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const type = TYPES[path.extname(req.path)];
    if (!type || req.path.includes('..')) return next();
    // Every answer for a bundle depends on Accept-Encoding, the plain one too: a shared
    // cache that stored the plain copy without Vary would hand it to every browser.
    res.vary('Accept-Encoding');
    // Browsers list gzip first with the same weight; brotli is smaller, so it is asked for first.
    const encoding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    if (!encoding) return next();
    const file = path.join(dir, req.path + (encoding === 'br' ? '.br' : '.gz'));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) return next();
    res.setHeader('Content-Encoding', encoding);
    res.type(type);
    res.sendFile(file, { cacheControl: true, lastModified: true });
  };
}
