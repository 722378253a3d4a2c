/**
 * Template management: list, upload (a new template or a new version of
 * one), download any version, settings (title, language, default), delete.
 * Every upload is checked first (check.ts) and nothing broken is stored.
 */
import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { isPostgres } from '../db/connect.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { fieldTree } from '../documents/field-tree.js';
import { recordTypes, type RecordType } from '../documents/relations.js';
import { locales } from '../documents/values.js';
import { checkTemplate } from './check.js';
import { addVersion, findTemplate, insertTemplate, listTemplates, setDefault, versionContent, versionsOf, type Template } from './store.js';
import { parseQuery } from './upload.js';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { error: 'Use lower-case letters, digits and dashes (e.g. "contract-short").' });
const title = z.string().trim().min(1).max(200);
const comment = z.string().trim().max(500);

const createQuery = z.strictObject({
  name, title: title.optional(), recordType: z.enum(recordTypes), locale: z.enum(locales).optional(), comment: comment.optional(),
  isDefault: z.enum(['true', 'false']).optional(),
});
const versionQuery = z.strictObject({ comment: comment.optional() });
const listQuery = z.strictObject({ recordType: z.enum(recordTypes).optional() });
export const checkQuery = z.strictObject({ recordType: z.enum(recordTypes) });
const contentQuery = z.strictObject({ version: z.string().regex(/^\d{1,6}$/, { error: 'Use a version number.' }).optional() });
export const updateBody = z.strictObject({
  version: z.number({ error: 'Send the version you read.' }).int().positive(),
  title: title.optional(),
  locale: z.enum(locales).optional(),
  /** true makes it the default of its record type (and no other); false clears it. */
  isDefault: z.boolean().optional(),
});

export class TemplateService {
  constructor(private readonly ctx: AppContext) {}

  list(actor: Actor, query: Record<string, unknown>): Promise<Template[]> {
    assertCan(actor, 'templates', 'read');
    return listTemplates(this.ctx.db, parseQuery(listQuery, query).recordType);
  }

  async get(actor: Actor, id: number) {
    assertCan(actor, 'templates', 'read');
    const template = await findTemplate(this.ctx.db, id);
    if (!template) throw notFound('Template');
    return { ...template, versions: await versionsOf(this.ctx.db, id) };
  }

  /** Checks a template for a record type without storing it. */
  check(recordType: RecordType, content: Buffer) {
    return checkTemplate(content, fieldTree(this.ctx.fields, recordType));
  }

  async create(actor: Actor, query: Record<string, unknown>, content: Buffer) {
    assertCan(actor, 'templates', 'create');
    const q = parseQuery(createQuery, query);
    await this.check(q.recordType, content);
    const at = nowIso(this.ctx);
    const id = await this.ctx.db.transaction(async (trx) => {
      if (await trx('templates').where({ name: q.name }).first('id')) {
        throw new AppError('already_exists', `A template named "${q.name}" exists; upload a new version of it instead.`, { details: [{ field: 'name', code: 'already_exists', message: 'Choose another name or POST /templates/{id}/versions.' }] });
      }
      const newId = await insertTemplate(trx, { name: q.name, title: q.title ?? q.name, recordType: q.recordType, locale: q.locale ?? 'en', shipped: false }, at);
      await addVersion(trx, newId, content, { comment: q.comment ?? null, createdBy: actor.id }, at);
      const first = !(await trx('templates').where({ record_type: q.recordType, is_default: true }).first('id'));
      if (q.isDefault === 'true' || first) await setDefault(trx, (await findTemplate(trx, newId))!, at);
      return newId;
    });
    return this.get(actor, id);
  }

  async addVersion(actor: Actor, id: number, query: Record<string, unknown>, content: Buffer) {
    assertCan(actor, 'templates', 'edit');
    const q = parseQuery(versionQuery, query);
    const template = await findTemplate(this.ctx.db, id);
    if (!template) throw notFound('Template');
    await this.check(template.recordType, content);
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      // Two uploads at once: each gets its own number.
      const qb = trx('templates').where({ id });
      if (isPostgres(trx)) qb.forUpdate();
      if (!(await qb.first('id'))) throw notFound('Template');
      await addVersion(trx, id, content, { comment: q.comment ?? null, createdBy: actor.id }, at);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, body: unknown) {
    assertCan(actor, 'templates', 'edit');
    const b = parseOrThrow(updateBody, body);
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      const template = await findTemplate(trx, id);
      if (!template) throw notFound('Template');
      if (template.version !== b.version) {
        throw new AppError('version_conflict', 'This template was changed by someone else. Reload it and apply your change again.', { extra: { current: template } });
      }
      const changes: Record<string, unknown> = { version: template.version + 1, updated_at: at };
      if (b.title !== undefined) changes.title = b.title;
      if (b.locale !== undefined) changes.locale = b.locale;
      if (b.isDefault === false) changes.is_default = false;
      const updated = await trx('templates').where({ id, version: b.version }).update(changes);
      if (updated !== 1) throw new AppError('version_conflict', 'This template was changed by someone else.', { extra: { current: await findTemplate(trx, id) } });
      if (b.isDefault === true) await setDefault(trx, template, at);
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    assertCan(actor, 'templates', 'delete');
    // Issued documents keep their own copy, so they stay in the archive.
    const deleted = await this.ctx.db.transaction(async (trx): Promise<number> => {
      await trx('template_versions').where({ template_id: id }).delete();
      return (await trx('templates').where({ id }).delete()) as number;
    });
    if (!deleted) throw notFound('Template');
  }

  async download(actor: Actor, id: number, query: Record<string, unknown>): Promise<{ template: Template; number: number; content: Buffer }> {
    assertCan(actor, 'templates', 'read');
    const q = parseQuery(contentQuery, query);
    const template = await findTemplate(this.ctx.db, id);
    if (!template) throw notFound('Template');
    const number = q.version ? Number(q.version) : template.currentVersion;
    const content = await versionContent(this.ctx.db, id, number);
    if (!content) throw new AppError('not_found', `The template has no version ${number}.`);
    return { template, number, content };
  }
}
