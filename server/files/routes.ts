import { assertCan } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { nowIso } from '../context.js';
import { isPostgres, type Tx } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import { idParam, route, type Call, type Route } from '../http/route.js';
import type { RecordService } from '../records/service.js';
import { imageTypes } from './sniff.js';
import { deleteFile, fileInfo, fileInfoJson, readFile, replaceFile, type FileInfo, type Owner } from './store.js';
import { assertImageRequest, etagMatches, inlineDisposition, readImage, uploadName } from './upload.js';

export interface ImageRouteOptions {
  /**
   * What the images are for. One purpose gives `/<resource>/:id/<purpose>`
   * (a client's photo); several give `/<resource>/:id/<collection>/:purpose`
   * (a company's logo, stamp and signature).
   */
  purposes: readonly string[];
  /** Path segment before `:purpose` when there are several (default "images"). */
  collection?: string;
}

const summaryOf = (f: FileInfo | null) => (f ? { name: f.name, mime: f.mime, size: f.size, sha256: f.sha256 } : null);

/**
 * GET, PUT and DELETE of images that belong to a record. Reading needs the
 * right to read the record, changing it the right to edit it; both go
 * through the record's service, so an "own"-scope user gets 404 for a
 * record outside their scope just as they would for the record itself.
 */
export function imageRoutes(service: RecordService, options: ImageRouteOptions): Route[] {
  const { def } = service;
  const single = options.purposes.length === 1;
  const path = single ? `/${def.path}/:id/${options.purposes[0]}` : `/${def.path}/:id/${options.collection ?? 'images'}/:purpose`;
  const what = single ? options.purposes[0]! : `image (${options.purposes.join(', ')})`;
  const noun = def.label.toLowerCase();

  const purposeOf = (call: Call): string => {
    if (single) return options.purposes[0]!;
    const purpose = call.params.purpose ?? '';
    if (!options.purposes.includes(purpose)) {
      const message = `Use one of: ${options.purposes.join(', ')}.`;
      throw new AppError('validation_failed', `There is no image "${purpose.slice(0, 40)}" of a ${noun}.`, { details: [{ field: 'purpose', code: 'invalid_value', message }] });
    }
    return purpose;
  };

  /** Locks the owner for the write, and makes sure it was not deleted meanwhile. */
  const lockOwner = async (trx: Tx, id: number): Promise<void> => {
    const qb = trx(def.table).where({ id });
    if (isPostgres(trx)) qb.forUpdate();
    if (!(await qb.first('id'))) throw notFound(def.label);
  };

  return [
    route({
      method: 'get', path, tag: def.labelPlural, produces: 'image/*',
      summary: `Download the ${what} of a ${noun} (ETag and If-None-Match supported)`,
      async handler(call) {
        const id = idParam(call);
        const purpose = purposeOf(call);
        await service.assertVisible(call.actor, id);
        const owner: Owner = { entity: def.name, id };
        const none = () => new AppError('not_found', `This ${noun} has no ${purpose}.`);
        // Revalidated on every use, so a replaced image shows at once, and
        // a 304 keeps that cheap; private because it is personal data.
        call.res.setHeader('Cache-Control', 'private, no-cache');
        const ifNoneMatch = call.req.headers['if-none-match'];
        if (ifNoneMatch !== undefined) {
          // The browser may have it: the hash alone decides, without the content.
          const info = await fileInfo(call.ctx.db, owner, purpose);
          if (!info) throw none();
          if (etagMatches(ifNoneMatch, info.sha256)) {
            call.res.setHeader('ETag', `"${info.sha256}"`);
            call.res.status(304).end();
            return;
          }
        }
        const file = await readFile(call.ctx.db, owner, purpose);
        if (!file) throw none();
        call.res.setHeader('ETag', `"${file.sha256}"`);
        call.res.setHeader('Content-Type', file.mime);
        call.res.setHeader('Content-Length', String(file.content.length));
        call.res.setHeader('Content-Disposition', inlineDisposition(file.name));
        call.res.status(200).end(file.content);
      },
    }),
    route({
      method: 'put', path, tag: def.labelPlural, bodyMedia: [...imageTypes, 'application/octet-stream'],
      summary: `Upload the ${what} of a ${noun} (the raw image, at most 5 MB), replacing the previous one`,
      query: () => [{ name: 'name', description: 'The file name to keep with the image (default: the purpose).', schema: { type: 'string', maxLength: 200 } }],
      response: () => fileInfoJson,
      async handler(call) {
        assertCan(call.actor, def.resource, 'edit');
        const id = idParam(call);
        const purpose = purposeOf(call);
        const unknown = Object.keys(call.query).filter((k) => k !== 'name');
        if (unknown.length) {
          throw new AppError('invalid_query', 'Some query parameters are invalid.', {
            details: unknown.map((k) => ({ field: k, code: 'unknown_filter', message: `There is no parameter "${k.slice(0, 40)}".` })),
          });
        }
        await service.assertVisible(call.actor, id);
        assertImageRequest(call.req);
        const image = await readImage(call.req, call.res);
        const at = nowIso(call.ctx);
        const owner: Owner = { entity: def.name, id };
        return call.ctx.db.transaction(async (trx) => {
          await lockOwner(trx, id);
          const before = await fileInfo(trx, owner, purpose);
          const info = await replaceFile(trx, owner, { purpose, name: uploadName(call.query.name, purpose, image.mime), mime: image.mime, sha256: image.sha256, content: image.content }, at);
          await audit(trx, { actor: call.actor, entity: def.name, recordId: id, action: 'update', before: { [purpose]: summaryOf(before) }, after: { [purpose]: summaryOf(info) }, at });
          return info;
        });
      },
    }),
    route({
      method: 'delete', path, tag: def.labelPlural, status: 204,
      summary: `Remove the ${what} of a ${noun}`,
      async handler(call) {
        assertCan(call.actor, def.resource, 'edit');
        const id = idParam(call);
        const purpose = purposeOf(call);
        await service.assertVisible(call.actor, id);
        const owner: Owner = { entity: def.name, id };
        await call.ctx.db.transaction(async (trx) => {
          await lockOwner(trx, id);
          const before = await fileInfo(trx, owner, purpose);
          if (!before) return;
          await deleteFile(trx, owner, purpose);
          await audit(trx, { actor: call.actor, entity: def.name, recordId: id, action: 'update', before: { [purpose]: summaryOf(before) }, after: { [purpose]: null }, at: nowIso(call.ctx) });
        });
      },
    }),
  ];
}
