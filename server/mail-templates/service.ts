/**
 * E-mail templates: list, create, change (optimistic concurrency: a stale
 * save is refused with the current template), delete, attachments, the
 * check, a per-recipient preview and a test send. A template with broken
 * tags is never stored: it is refused with every problem listed. Changes
 * are audited under entity "mail_template".
 */
import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { clientService } from '../clients/service.js';
import { contactService } from '../contacts/service.js';
import { nowIso, type AppContext } from '../context.js';
import { isPostgres, type Tx } from '../db/connect.js';
import { sofficePath } from '../documents/pdf.js';
import { locales } from '../documents/values.js';
import { AppError, notFound } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { sha256 } from '../templates/store.js';
import { findTemplate } from '../templates/store.js';
import { mailTransport, SendFailure } from '../mail/transport.js';
import { safeFileName } from './attachments.js';
import { templateInvalid } from './check.js';
import { problemsOf, prepareMail, type RenderedMail } from './render.js';
import { auditView, findMailTemplate, listMailTemplates, purposeOf, type MailTemplate } from './store.js';

/** Bodies larger than this are refused before any parsing: e-mail clients clip far smaller messages. */
export const MAX_HTML = 500_000;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Uploaded files of one template together: most mail servers refuse messages much past 25 MB once encoded. */
export const MAX_UPLOADED_TOTAL = 15 * 1024 * 1024;
const MAX_ATTACHMENTS = 20;

const name = z.string().trim().min(1).max(200);
const subject = z.string().min(1).max(1000);
const html = z.string().min(1).max(MAX_HTML);
const text = z.string().max(MAX_HTML).nullable();

export const createBody = z.strictObject({ name, subject, html, text: text.optional(), locale: z.enum(locales).optional() });
export const updateBody = z.strictObject({
  version: z.number({ error: 'Send the version you read.' }).int().positive(),
  name: name.optional(), subject: subject.optional(), html: html.optional(), text: text.optional(), locale: z.enum(locales).optional(),
});
export const checkBody = z.strictObject({ subject: z.string().max(1000), html: z.string().max(MAX_HTML), text: text.optional() });

const id = z.number().int().positive().max(2_147_483_647);
const who = { clientId: id.optional(), contactId: id.optional() };
const oneRecipient = (v: { clientId?: number; contactId?: number }) => v.clientId !== undefined || v.contactId !== undefined;
const recipientRule = { error: 'Give clientId or contactId: whose data to merge.', path: ['clientId'] };
export const previewBody = z.strictObject(who).refine(oneRecipient, recipientRule);
export const testSendBody = z.strictObject({ to: z.email({ error: 'Give one valid e-mail address.' }).max(320), ...who }).refine(oneRecipient, recipientRule);
export const generatedBody = z.strictObject({
  kind: z.enum(['price_list', 'document']),
  fileName: z.string().trim().min(1).max(200).optional(),
  documentTemplateId: id.optional(),
  format: z.enum(['pdf', 'docx']).optional(),
}).refine((v) => v.kind !== 'document' || v.documentTemplateId !== undefined, { error: 'A document attachment needs documentTemplateId: a Word form for clients.', path: ['documentTemplateId'] });

/** Where the unsubscribe link of a preview or test send points: nowhere real, so a test cannot unsubscribe anyone. */
export const PREVIEW_UNSUBSCRIBE_URL = 'https://unsubscribe.invalid/preview';

function firstAddress(record: Record<string, unknown>): string {
  const emails = record.emails as { address: string }[] | undefined;
  return emails?.[0]?.address ?? (typeof record.email === 'string' ? record.email : '');
}

export class MailTemplateService {
  constructor(private readonly ctx: AppContext) {}

  list(actor: Actor) {
    assertCan(actor, 'mail', 'read');
    return listMailTemplates(this.ctx.db);
  }

  async get(actor: Actor, templateId: number): Promise<MailTemplate> {
    assertCan(actor, 'mail', 'read');
    const template = await findMailTemplate(this.ctx.db, templateId);
    if (!template) throw notFound('E-mail template');
    return template;
  }

  /** Every problem of unsaved parts; throws template_invalid when there are any. */
  check(actor: Actor, body: unknown): { ok: true } {
    assertCan(actor, 'mail', 'read');
    const b = parseOrThrow(checkBody, body);
    const problems = problemsOf(this.ctx, { subject: b.subject, html: b.html, text: b.text ?? null });
    if (problems.length) throw templateInvalid(problems, true);
    return { ok: true };
  }

  private refuseBroken(source: { subject: string; html: string; text: string | null }): void {
    const problems = problemsOf(this.ctx, source);
    if (problems.length) throw templateInvalid(problems);
  }

  private async uniqueName(trx: Tx, value: string, except?: number): Promise<void> {
    const q = trx('mail_templates').where({ name: value });
    if (except !== undefined) q.whereNot('id', except);
    if (await q.first('id')) {
      throw new AppError('already_exists', `An e-mail template named "${value}" exists.`, { details: [{ field: 'name', code: 'already_exists', message: 'Choose another name.' }] });
    }
  }

  async create(actor: Actor, body: unknown): Promise<MailTemplate> {
    assertCan(actor, 'mail', 'create');
    const b = parseOrThrow(createBody, body);
    this.refuseBroken({ subject: b.subject, html: b.html, text: b.text ?? null });
    const newId = await this.insert(actor, { name: b.name, subject: b.subject, html: b.html, text: b.text ?? null, locale: b.locale ?? 'en', shipped: false });
    return this.get(actor, newId);
  }

  /** Inserts a template (checked already) and audits it. */
  async insert(actor: Actor | null, t: { name: string; subject: string; html: string; text: string | null; locale: 'en' | 'ru'; shipped: boolean }, within?: Tx): Promise<number> {
    const at = nowIso(this.ctx);
    const run = async (trx: Tx) => {
      await this.uniqueName(trx, t.name);
      const [inserted] = (await trx('mail_templates').insert({
        ...t, created_by: actor && actor.id > 0 ? actor.id : null, version: 1, created_at: at, updated_at: at,
      }).returning('id')) as ({ id: number } | number)[];
      const newId = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
      await audit(trx, { actor, entity: 'mail_template', recordId: newId, action: 'create', before: null, after: { name: t.name, subject: t.subject, html: t.html, text: t.text, locale: t.locale }, at });
      return newId;
    };
    return within ? run(within) : this.ctx.db.transaction(run);
  }

  async update(actor: Actor, templateId: number, body: unknown): Promise<MailTemplate> {
    assertCan(actor, 'mail', 'edit');
    const b = parseOrThrow(updateBody, body);
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      const qb = trx('mail_templates').where({ id: templateId });
      if (isPostgres(trx)) qb.forUpdate();
      if (!(await qb.first('id'))) throw notFound('E-mail template');
      const current = (await findMailTemplate(trx, templateId))!;
      if (current.version !== b.version) {
        throw new AppError('version_conflict', 'This e-mail template was changed by someone else. Reload it and apply your change again.', { extra: { current } });
      }
      const next = { name: b.name ?? current.name, subject: b.subject ?? current.subject, html: b.html ?? current.html, text: b.text === undefined ? current.text : b.text, locale: b.locale ?? current.locale };
      this.refuseBroken(next);
      if (next.name !== current.name) await this.uniqueName(trx, next.name, templateId);
      const updated = await trx('mail_templates').where({ id: templateId, version: b.version }).update({ ...next, version: b.version + 1, updated_at: at });
      if (updated !== 1) throw new AppError('version_conflict', 'This e-mail template was changed by someone else.', { extra: { current: await findMailTemplate(trx, templateId) } });
      await audit(trx, { actor, entity: 'mail_template', recordId: templateId, action: 'update', before: auditView(current), after: next, at });
    });
    return this.get(actor, templateId);
  }

  async remove(actor: Actor, templateId: number): Promise<void> {
    assertCan(actor, 'mail', 'delete');
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      const current = await findMailTemplate(trx, templateId);
      if (!current) throw notFound('E-mail template');
      // Mailings keep their recipients and results; their link to the template is cleared by the database.
      await trx('files').where({ owner_entity: 'mail_templates', owner_id: templateId }).delete();
      await trx('mail_template_attachments').where({ template_id: templateId }).delete();
      await trx('mail_templates').where({ id: templateId }).delete();
      await audit(trx, { actor, entity: 'mail_template', recordId: templateId, action: 'delete', before: auditView(current), after: null, at });
    });
  }

  private async nextPosition(trx: Tx, templateId: number): Promise<number> {
    const qb = trx('mail_templates').where({ id: templateId });
    if (isPostgres(trx)) qb.forUpdate();
    if (!(await qb.first('id'))) throw notFound('E-mail template');
    const count = (await trx('mail_template_attachments').where({ template_id: templateId }).count({ n: '*' }).first()) as { n: number | string };
    if (Number(count.n) >= MAX_ATTACHMENTS) throw new AppError('validation_failed', `An e-mail carries at most ${MAX_ATTACHMENTS} attachments.`, { details: [{ field: 'attachments', code: 'too_many', message: `At most ${MAX_ATTACHMENTS}.` }] });
    const row = (await trx('mail_template_attachments').where({ template_id: templateId }).max({ p: 'position' }).first()) as { p: number | null } | undefined;
    return Number(row?.p ?? 0) + 1;
  }

  private async insertAttachment(trx: Tx, templateId: number, row: Record<string, unknown>): Promise<number> {
    const at = nowIso(this.ctx);
    const [inserted] = (await trx('mail_template_attachments').insert({ template_id: templateId, position: await this.nextPosition(trx, templateId), created_at: at, ...row }).returning('id')) as ({ id: number } | number)[];
    return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
  }

  /** Attaches an uploaded file (kept in the files table). */
  async upload(actor: Actor, templateId: number, fileName: string, mime: string, content: Buffer): Promise<MailTemplate> {
    assertCan(actor, 'mail', 'edit');
    const cleanName = safeFileName(fileName);
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      const attachmentId = await this.insertAttachment(trx, templateId, { kind: 'file', file_name: cleanName });
      const stored = (await trx('files').where({ owner_entity: 'mail_templates', owner_id: templateId }).sum({ n: 'size' }).first()) as { n: number | string | null };
      if (Number(stored.n ?? 0) + content.length > MAX_UPLOADED_TOTAL) {
        throw new AppError('payload_too_large', `The uploaded attachments of one e-mail may be ${MAX_UPLOADED_TOTAL / 1024 / 1024} MB together; remove one or send a link instead.`);
      }
      await trx('files').insert({
        created_at: at, owner_entity: 'mail_templates', owner_id: templateId, purpose: purposeOf(attachmentId),
        name: cleanName, mime, size: content.length, sha256: sha256(content), content,
      });
      await audit(trx, { actor, entity: 'mail_template', recordId: templateId, action: 'attach', before: null, after: { attachment: cleanName, size: content.length }, at });
    });
    return this.get(actor, templateId);
  }

  /** Attaches a file made for each message: the price list, or a Word form for the recipient's client. */
  async addGenerated(actor: Actor, templateId: number, body: unknown): Promise<MailTemplate> {
    assertCan(actor, 'mail', 'edit');
    const b = parseOrThrow(generatedBody, body);
    let fileName: string;
    if (b.kind === 'document') {
      const form = await findTemplate(this.ctx.db, b.documentTemplateId!);
      if (!form || form.recordType !== 'client') {
        const message = 'Choose a Word form for clients (GET /templates?recordType=client).';
        throw new AppError('reference_invalid', message, { details: [{ field: 'documentTemplateId', code: 'reference_invalid', message }] });
      }
      if (b.format === 'pdf' && !sofficePath()) throw new AppError('pdf_unavailable', 'PDF attachments need LibreOffice on the server; attach the form as .docx instead.');
      fileName = `${safeFileName(b.fileName ?? form.title)}.${b.format ?? 'docx'}`;
    } else {
      fileName = safeFileName(b.fileName ?? 'price-list.xlsx').replace(/(\.xlsx)?$/i, '.xlsx');
    }
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      await this.insertAttachment(trx, templateId, { kind: b.kind, file_name: fileName, document_template_id: b.documentTemplateId ?? null, format: b.kind === 'document' ? b.format ?? 'docx' : null });
      await audit(trx, { actor, entity: 'mail_template', recordId: templateId, action: 'attach', before: null, after: { attachment: fileName, kind: b.kind }, at });
    });
    return this.get(actor, templateId);
  }

  async removeAttachment(actor: Actor, templateId: number, attachmentId: number): Promise<void> {
    assertCan(actor, 'mail', 'edit');
    const at = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      const row = (await trx('mail_template_attachments').where({ id: attachmentId, template_id: templateId }).first()) as { file_name: string } | undefined;
      if (!row) throw notFound('Attachment');
      await trx('files').where({ owner_entity: 'mail_templates', owner_id: templateId, purpose: purposeOf(attachmentId) }).delete();
      await trx('mail_template_attachments').where({ id: attachmentId }).delete();
      await audit(trx, { actor, entity: 'mail_template', recordId: templateId, action: 'detach', before: { attachment: row.file_name }, after: null, at });
    });
  }

  /** The recipient's address: the contact's first e-mail, else the client's. */
  private async addressOf(actor: Actor, who: { clientId?: number; contactId?: number }): Promise<{ email: string; clientId: number | null; contactId: number | null }> {
    // Read through the services: a record outside the actor's scope is 404 here, before anything is merged.
    if (who.contactId !== undefined) {
      const contact = await contactService(this.ctx).get(actor, who.contactId);
      if (who.clientId !== undefined) await clientService(this.ctx).assertVisible(actor, who.clientId);
      return { email: firstAddress(contact), clientId: who.clientId ?? null, contactId: who.contactId };
    }
    const client = await clientService(this.ctx).get(actor, who.clientId!);
    return { email: firstAddress(client), clientId: who.clientId!, contactId: null };
  }

  async preview(actor: Actor, templateId: number, body: unknown): Promise<Omit<RenderedMail, 'attachments'> & { to: string; attachments: { filename: string; contentType: string; size: number }[] }> {
    assertCan(actor, 'mail', 'read');
    const b = parseOrThrow(previewBody, body);
    if (!(await findMailTemplate(this.ctx.db, templateId))) throw notFound('E-mail template');
    const recipient = await this.addressOf(actor, b);
    const prepared = await prepareMail(this.ctx, actor, templateId);
    const mail = await prepared(recipient, { unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL });
    return {
      to: recipient.email, subject: mail.subject, html: mail.html, text: mail.text,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length })),
    };
  }

  /** Sends one merged message to the given address through the server's mail channel, subject marked [Test]. */
  async testSend(actor: Actor, templateId: number, body: unknown): Promise<{ messageId: string; to: string; subject: string; via: string; attachments: string[] }> {
    assertCan(actor, 'mail', 'create');
    const b = parseOrThrow(testSendBody, body);
    if (!(await findMailTemplate(this.ctx.db, templateId))) throw notFound('E-mail template');
    const recipient = await this.addressOf(actor, b);
    const prepared = await prepareMail(this.ctx, actor, templateId);
    const mail = await prepared({ ...recipient, email: b.to }, { unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL });
    const transport = mailTransport(this.ctx, 'server');
    try {
      const subjectLine = `[Test] ${mail.subject}`;
      const { messageId } = await transport.send({ to: b.to, subject: subjectLine, html: mail.html, text: mail.text, attachments: mail.attachments });
      this.ctx.log.info('mail template test sent', { templateId, by: actor.id, via: transport.kind });
      return { messageId, to: b.to, subject: subjectLine, via: transport.kind, attachments: mail.attachments.map((a) => a.filename) };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const why = err instanceof SendFailure || err instanceof Error ? err.message.slice(0, 300) : 'unknown error';
      throw new AppError('mail_send_failed', `The test message was not sent: ${why}`);
    } finally {
      await transport.close();
    }
  }
}
