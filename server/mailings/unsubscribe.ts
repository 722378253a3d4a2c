import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';

/**
 * Unsubscribe links: /u/TOKEN, where the token is the recipient's address
 * and mailing, signed with HMAC-SHA256 under a key kept in the database
 * (made on first use, shared by every instance). Anyone holding a link can
 * unsubscribe that one address and nothing else; no sign-in is needed.
 */

const keys = new WeakMap<object, Promise<Buffer>>();

async function keyOf(conn: Conn): Promise<Buffer> {
  const existing = (await conn('mailing_keys').where({ id: 1 }).first('secret')) as { secret: string } | undefined;
  if (existing) return Buffer.from(existing.secret, 'base64url');
  const secret = crypto.randomBytes(32).toString('base64url');
  // Two instances may race to make it; the first one wins and both read it back.
  const insert = conn('mailing_keys').insert({ id: 1, secret, created_at: new Date().toISOString() });
  await insert.onConflict('id').ignore();
  const row = (await conn('mailing_keys').where({ id: 1 }).first('secret')) as { secret: string };
  return Buffer.from(row.secret, 'base64url');
}

function signingKey(ctx: AppContext): Promise<Buffer> {
  let key = keys.get(ctx);
  if (!key) {
    key = keyOf(ctx.db);
    key.catch(() => keys.delete(ctx));
    keys.set(ctx, key);
  }
  return key;
}

const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest().subarray(0, 18).toString('base64url');

export async function unsubscribeToken(ctx: AppContext, address: string, mailingId: number): Promise<string> {
  const payload = Buffer.from(`${mailingId}:${address.toLowerCase()}`).toString('base64url');
  return `${payload}.${mac(await signingKey(ctx), payload)}`;
}

/** The address and mailing a token stands for, or null for anything forged, cut short or malformed. */
export async function readToken(ctx: AppContext, token: string): Promise<{ address: string; mailingId: number } | null> {
  if (token.length > 1200) return null;
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(await signingKey(ctx), m[1]!));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const text = Buffer.from(m[1]!, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  const mailingId = Number(text.slice(0, sep));
  const address = text.slice(sep + 1);
  if (sep < 1 || !Number.isInteger(mailingId) || !address.includes('@')) return null;
  return { address, mailingId };
}

export function publicBase(ctx: AppContext, req: Pick<Request, 'protocol' | 'get'>): string {
  return ctx.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? `127.0.0.1:${ctx.config.port}`}`;
}

/** Adds an address to the suppression list (kept once; the first reason and time stay). */
export async function suppress(conn: Conn, address: string, reason: 'unsubscribed' | 'manual', mailingId: number | null, at: string): Promise<void> {
  const mailing = mailingId === null ? null : ((await conn('mailings').where({ id: mailingId }).first('id')) ? mailingId : null);
  await conn('mail_suppressions').insert({ address: address.toLowerCase(), reason, mailing_id: mailing, at }).onConflict('address').ignore();
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: Response, status: number, title: string, body: string): void {
  res.status(status)
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .set('Cache-Control', 'no-store')
    .set('X-Robots-Tag', 'noindex')
    .type('html')
    .send(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1.25rem}</style>' +
      `</head><body><h1>${escape(title)}</h1>${body}</body></html>`);
}

const BAD_LINK = 'This unsubscribe link is not valid. It may have been cut short when it was copied; open it from the e-mail again.';

/**
 * GET /u/:token: a confirmation page with one button (link scanners follow
 * GET links, so GET never unsubscribes). POST /u/:token: unsubscribes —
 * the page's button, and mail programs' one-click unsubscribe (RFC 8058,
 * body "List-Unsubscribe=One-Click"). A bad token gets a 400 page.
 */
export function unsubscribeRouter(ctx: AppContext): express.Router {
  const router = express.Router();
  // Mounted on /u and the token taken from the raw path: Express decodes
  // route parameters, and a link mangled by a mail program (a cut "%E0")
  // would fail that decoding with an error instead of the 400 page.
  router.use('/u', (req: Request, res: Response, next) => {
    const token = /^\/([^/?]+)\/?$/.exec(req.path)?.[1];
    if (token === undefined || (req.method !== 'GET' && req.method !== 'POST')) return next();
    (async () => {
      const who = await readToken(ctx, token);
      if (!who) return page(res, 400, 'Unsubscribe', `<p>${BAD_LINK}</p>`);
      if (req.method === 'GET') {
        return page(res, 200, 'Unsubscribe', `<p>Stop sending e-mails to <b>${escape(who.address)}</b>?</p>` +
          `<form method="post" action="${escape(`/u/${token}`)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`);
      }
      // The body (List-Unsubscribe=One-Click) carries nothing the token does not; it is not read.
      req.resume();
      await suppress(ctx.db, who.address, 'unsubscribed', who.mailingId, ctx.clock.now().toISOString());
      ctx.log.info('address unsubscribed', { mailing: who.mailingId });
      page(res, 200, 'Unsubscribed', `<p><b>${escape(who.address)}</b> will not get these e-mails any more.</p>`);
    })().catch(next);
  });
  return router;
}
