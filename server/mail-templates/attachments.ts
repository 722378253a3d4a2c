/**
 * The attachments of a message. Uploaded files are read once per run; a
 * price list is written once per run from the current catalog (the export
 * writer, active products); a Word form is issued for the recipient's
 * client (the documents machinery; PDF where LibreOffice is installed) and
 * kept per client, so two contacts of one client share it.
 */
import { PassThrough } from 'node:stream';
import type { Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { MergeDataLoader } from '../documents/data.js';
import { MIME } from '../documents/archive.js';
import { convertDocx } from '../documents/pdf.js';
import { renderDocx } from '../documents/render.js';
import { AppError } from '../errors/app-error.js';
import { planExport } from '../exports/service.js';
import { findTemplate, versionContent } from '../templates/store.js';
import { SYSTEM } from './data.js';
import { purposeOf, type MailAttachmentInfo } from './store.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const safeFileName = (text: string) => text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'attachment';

/** The catalog's active products as an .xlsx, with the columns of the products list. */
export async function priceListXlsx(ctx: AppContext): Promise<Buffer> {
  // The catalog is not limited by scope; the list is the company's offer to every recipient.
  const plan = planExport(ctx, SYSTEM, 'products', { format: 'xlsx', active: 'true', sort: 'name' });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await plan.run(out);
  await ended;
  return Buffer.concat(chunks);
}

/** Makes the attachments of one recipient; shared pieces are made once per instance. */
export class AttachmentMaker {
  private files: Promise<Map<number, MailAttachment>> | undefined;
  private priceList: Promise<Buffer> | undefined;
  private readonly documents = new Map<string, Promise<MailAttachment>>();
  private readonly forms = new Map<number, Promise<{ title: string; locale: 'en' | 'ru'; content: Buffer }>>();
  private readonly loader: MergeDataLoader;

  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Actor,
    private readonly templateId: number,
    private readonly list: MailAttachmentInfo[],
  ) {
    this.loader = new MergeDataLoader(ctx);
  }

  private uploaded(): Promise<Map<number, MailAttachment>> {
    this.files ??= (async () => {
      const rows = (await this.ctx.db('files').where({ owner_entity: 'mail_templates', owner_id: this.templateId }).select('purpose', 'name', 'mime', 'content')) as {
        purpose: string; name: string; mime: string; content: Buffer | Uint8Array;
      }[];
      const byPurpose = new Map(rows.map((r) => [r.purpose, r]));
      const found = new Map<number, MailAttachment>();
      for (const a of this.list.filter((x) => x.kind === 'file')) {
        const row = byPurpose.get(purposeOf(a.id));
        if (row) found.set(a.id, { filename: a.fileName, content: Buffer.from(row.content), contentType: row.mime });
      }
      return found;
    })();
    return this.files;
  }

  private form(id: number) {
    let found = this.forms.get(id);
    if (!found) {
      found = (async () => {
        const template = await findTemplate(this.ctx.db, id);
        if (!template || template.recordType !== 'client') {
          throw new AppError('reference_invalid', 'A Word form attached to this e-mail template is gone or is not a form for clients; replace the attachment.');
        }
        return { title: template.title, locale: template.locale as 'en' | 'ru', content: (await versionContent(this.ctx.db, id, template.currentVersion))! };
      })();
      this.forms.set(id, found);
    }
    return found;
  }

  private document(a: MailAttachmentInfo, clientId: number): Promise<MailAttachment> {
    const key = `${a.id}:${clientId}`;
    let made = this.documents.get(key);
    if (!made) {
      made = (async () => {
        const form = await this.form(a.documentTemplateId ?? -1);
        const { data, record } = await this.loader.load(this.actor, 'client', clientId);
        const docx = renderDocx(form.content, data, form.locale);
        const format = a.format ?? 'docx';
        const content = format === 'pdf' ? await convertDocx(docx, 'pdf') : docx;
        const base = a.fileName.replace(/\.(pdf|docx)$/i, '') || form.title;
        return { filename: `${safeFileName(`${base} ${String(record.name ?? record.id)}`)}.${format}`, content, contentType: MIME[format] };
      })();
      // Bounded: a long run keeps the documents of the last clients only.
      if (this.documents.size >= 200) this.documents.delete(this.documents.keys().next().value!);
      this.documents.set(key, made);
    }
    return made;
  }

  /** Every attachment of one recipient, in the template's order. */
  async forRecipient(clientId: number | null): Promise<MailAttachment[]> {
    const result: MailAttachment[] = [];
    for (const a of this.list) {
      if (a.kind === 'file') {
        const file = (await this.uploaded()).get(a.id);
        if (file) result.push(file);
      } else if (a.kind === 'price_list') {
        this.priceList ??= priceListXlsx(this.ctx);
        result.push({ filename: a.fileName, content: await this.priceList, contentType: XLSX_MIME });
      } else {
        if (clientId === null) {
          throw new AppError('invalid_state', `The attachment "${a.fileName}" is a document for the recipient's client, and this recipient has no client.`);
        }
        result.push(await this.document(a, clientId));
      }
    }
    return result;
  }
}
