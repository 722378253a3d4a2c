/**
 * Issuing documents: one record with a template gives a .docx (or a PDF),
 * archived with the record; a batch gives a zip of them or one merged
 * document. Anyone who may read a record may print it.
 */
import { z } from 'zod';
import yazl from 'yazl';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError, notFound } from '../errors/app-error.js';
import { idValue, parseOrThrow } from '../fields/validation.js';
import { defaultTemplate, findTemplate, findTemplateByName, versionContent, type Template } from '../templates/store.js';
import { MIME, archive, documentContent, documentsOf, findDocument, issuedBy, type IssuedDocument } from './archive.js';
import { MergeDataLoader, type MergeData } from './data.js';
import { convertDocx } from './pdf.js';
import { recordTypes, type RecordType } from './relations.js';
import { renderDocx, repeatedTemplate } from './render.js';

const templateRef = z.union([idValue, z.string().trim().min(1).max(100)]);

export const generateBody = z.strictObject({
  recordType: z.enum(recordTypes),
  recordId: idValue,
  /** Id or name; the record type's default template when absent. */
  template: templateRef.optional(),
  format: z.enum(['docx', 'pdf']).optional(),
});

const MAX_BATCH = 5000;

export const batchBody = z.strictObject({
  recordType: z.enum(recordTypes),
  template: templateRef.optional(),
  /** The records: by id, or by the filters of the record list (GET /invoices?state=overdue → {"state":"overdue"}). */
  ids: z.array(idValue).min(1).max(MAX_BATCH).optional(),
  filter: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** zip: one file per record; merged: one document, a page per record. */
  output: z.enum(['zip', 'merged']).optional(),
}).refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'Give either ids or filter.', path: ['ids'] });

export interface Issued {
  document: IssuedDocument;
  content: Buffer;
}

const safeName = (text: string) => text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'document';

/** The snapshot kept with a document: values as the API shows them, images by hash. */
const snapshot = (data: MergeData) => JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export class DocumentService {
  constructor(private readonly ctx: AppContext) {}

  private async template(recordType: RecordType, ref: number | string | undefined): Promise<{ template: Template; content: Buffer }> {
    const template = ref === undefined ? await defaultTemplate(this.ctx.db, recordType)
      : typeof ref === 'number' ? await findTemplate(this.ctx.db, ref) : await findTemplateByName(this.ctx.db, ref);
    if (!template) {
      const message = ref === undefined ? `There is no template for ${recordType}s yet; upload one (POST /templates).` : `There is no template "${String(ref)}".`;
      throw new AppError('reference_invalid', message, { details: [{ field: 'template', code: 'reference_invalid', message }] });
    }
    if (template.recordType !== recordType) {
      const message = `The template "${template.name}" is for ${template.recordType}s, not ${recordType}s.`;
      throw new AppError('validation_failed', message, { details: [{ field: 'template', code: 'invalid_value', message }] });
    }
    return { template, content: (await versionContent(this.ctx.db, template.id, template.currentVersion))! };
  }

  private fileName(template: Template, record: Record<string, unknown>, format: 'docx' | 'pdf'): string {
    const label = typeof record.number === 'string' && record.number ? record.number : typeof record.name === 'string' && record.name ? record.name : String(record.id);
    return `${safeName(`${template.title} ${label}`)}.${format}`;
  }

  /** Renders one document; `store` archives it (at once, or with the rest of a batch). */
  private async render(actor: Actor, loader: MergeDataLoader, t: { template: Template; content: Buffer }, recordType: RecordType, recordId: number, format: 'docx' | 'pdf') {
    const { data, record } = await loader.load(actor, recordType, recordId);
    const docx = renderDocx(t.content, data, t.template.locale);
    const content = format === 'pdf' ? await convertDocx(docx, 'pdf') : docx;
    const entry = {
      recordType, recordId, templateId: t.template.id, templateName: t.template.name, templateVersion: t.template.currentVersion,
      format, fileName: this.fileName(t.template, record, format), createdBy: actor.id, createdAt: nowIso(this.ctx), data: snapshot(data), content,
    };
    return { entry, data, content };
  }

  private async issueOne(actor: Actor, loader: MergeDataLoader, t: { template: Template; content: Buffer }, recordType: RecordType, recordId: number, format: 'docx' | 'pdf'): Promise<Issued & { data: MergeData }> {
    const { entry, data, content } = await this.render(actor, loader, t, recordType, recordId, format);
    return { document: await archive(this.ctx.db, entry), content, data };
  }

  async generate(actor: Actor, body: unknown): Promise<Issued> {
    const b = parseOrThrow(generateBody, body);
    const loader = new MergeDataLoader(this.ctx);
    // The record first: one outside the user's scope is 404 before anything else is said.
    await loader.service(b.recordType).assertVisible(actor, b.recordId);
    const t = await this.template(b.recordType, b.template);
    const { document, content } = await this.issueOne(actor, loader, t, b.recordType, b.recordId, b.format ?? 'docx');
    return { document, content };
  }

  /** The ids a batch covers: as given (each must be visible), or the list filter's matches. */
  private async batchIds(actor: Actor, loader: MergeDataLoader, recordType: RecordType, ids: number[] | undefined, filter: Record<string, unknown> | undefined): Promise<number[]> {
    const service = loader.service(recordType);
    if (ids) {
      for (const id of ids) await service.assertVisible(actor, id);
      return [...new Set(ids)];
    }
    const found: number[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await service.list(actor, { ...Object.fromEntries(Object.entries(filter!).map(([k, v]) => [k, String(v)])), limit: '500', offset: String(offset) });
      found.push(...page.items.map((r) => r.id));
      if (found.length > MAX_BATCH) throw new AppError('validation_failed', `The filter matches more than ${MAX_BATCH} records; narrow it down.`, { details: [{ field: 'filter', code: 'out_of_range', message: `At most ${MAX_BATCH} records per batch.` }] });
      if (page.items.length < 500) return found;
    }
  }

  async batch(actor: Actor, body: unknown): Promise<{ content: Buffer; fileName: string; mime: string; count: number }> {
    const b = parseOrThrow(batchBody, body);
    const loader = new MergeDataLoader(this.ctx);
    const t = await this.template(b.recordType, b.template);
    const ids = await this.batchIds(actor, loader, b.recordType, b.ids, b.filter);
    if (!ids.length) throw new AppError('validation_failed', 'No records match the filter.', { details: [{ field: 'filter', code: 'no_match', message: 'No records to print.' }] });
    const issued: (Issued & { data: MergeData })[] = [];
    // Archived 100 at a time in one transaction each: one commit per
    // document would cost more than rendering it.
    for (let start = 0; start < ids.length; start += 100) {
      const rendered: Awaited<ReturnType<DocumentService["render"]>>[] = [];
      for (const id of ids.slice(start, start + 100)) rendered.push(await this.render(actor, loader, t, b.recordType, id, 'docx'));
      const documents = await this.ctx.db.transaction(async (trx) => {
        const stored: IssuedDocument[] = [];
        for (const r of rendered) stored.push(await archive(trx, r.entry));
        return stored;
      });
      rendered.forEach((r, i) => issued.push({ document: documents[i]!, content: r.content, data: r.data }));
    }
    if (b.output === 'merged') {
      const records = issued.map((i, n) => ({ ...i.data, __more: n < issued.length - 1 }));
      const content = renderDocx(repeatedTemplate(t.content), { ...issued[0]!.data, __records: records }, t.template.locale);
      return { content, fileName: `${safeName(t.template.title)} (${issued.length}).docx`, mime: MIME.docx, count: issued.length };
    }
    const zip = new yazl.ZipFile();
    const used = new Set<string>();
    for (const i of issued) {
      let name = i.document.fileName;
      for (let n = 2; used.has(name); n++) name = i.document.fileName.replace(/\.docx$/, ` (${n}).docx`);
      used.add(name);
      zip.addBuffer(i.content, name, { mtime: new Date(i.document.createdAt), compress: false });
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    return { content: Buffer.concat(chunks), fileName: `${safeName(t.template.title)} (${issued.length}).zip`, mime: 'application/zip', count: issued.length };
  }

  async list(actor: Actor, recordType: RecordType, recordId: number): Promise<IssuedDocument[]> {
    await new MergeDataLoader(this.ctx).service(recordType).assertVisible(actor, recordId);
    return documentsOf(this.ctx.db, recordType, recordId);
  }

  /** The last documents the actor issued whose records they may still see. */
  async recent(actor: Actor): Promise<IssuedDocument[]> {
    const visible: IssuedDocument[] = [];
    const loader = new MergeDataLoader(this.ctx);
    for (const document of await issuedBy(this.ctx.db, actor.id, 50)) {
      try {
        await loader.service(document.recordType).assertVisible(actor, document.recordId);
        visible.push(document);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    return visible;
  }

  /** One archived document, if its record is visible to the actor (else 404). */
  async get(actor: Actor, id: number): Promise<IssuedDocument> {
    const document = await findDocument(this.ctx.db, id);
    if (!document) throw notFound('Document');
    try {
      await new MergeDataLoader(this.ctx).service(document.recordType).assertVisible(actor, document.recordId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw notFound('Document');
      throw err;
    }
    return document;
  }

  async content(actor: Actor, id: number): Promise<{ document: IssuedDocument; content: Buffer; data: unknown }> {
    const document = await this.get(actor, id);
    const stored = (await documentContent(this.ctx.db, id))!;
    return { document, ...stored };
  }
}
