/** Rows of mail_templates and their attachments, as the API shows them. */
import type { Conn } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import type { Locale } from '../documents/values.js';

export const attachmentKinds = ['file', 'price_list', 'document'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export interface MailAttachmentInfo {
  id: number;
  kind: AttachmentKind;
  /** The file name the recipient sees (a document's is made per client). */
  fileName: string;
  /** kind document: the Word form (record type client) and the format. */
  documentTemplateId: number | null;
  format: 'pdf' | 'docx' | null;
  /** kind file: bytes and type of the uploaded file. */
  size: number | null;
  mime: string | null;
}

export interface MailTemplate {
  id: number;
  name: string;
  subject: string;
  html: string;
  /** The plain-text part as written; null when it is made from the HTML. */
  text: string | null;
  locale: Locale;
  shipped: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  attachments: MailAttachmentInfo[];
}

type Row = Record<string, unknown>;

export const purposeOf = (attachmentId: number) => `attachment-${attachmentId}`;

export async function attachmentsOf(conn: Conn, templateId: number): Promise<MailAttachmentInfo[]> {
  const rows = (await conn('mail_template_attachments').where({ template_id: templateId }).orderBy([{ column: 'position' }, { column: 'id' }])) as Row[];
  const files = rows.some((r) => r.kind === 'file')
    ? ((await conn('files').where({ owner_entity: 'mail_templates', owner_id: templateId }).select('purpose', 'size', 'mime')) as Row[])
    : [];
  const byPurpose = new Map(files.map((f) => [String(f.purpose), f]));
  return rows.map((r) => {
    const file = r.kind === 'file' ? byPurpose.get(purposeOf(Number(r.id))) : undefined;
    return {
      id: Number(r.id), kind: r.kind as AttachmentKind, fileName: String(r.file_name),
      documentTemplateId: r.document_template_id === null || r.document_template_id === undefined ? null : Number(r.document_template_id),
      format: (r.format as 'pdf' | 'docx' | null) ?? null,
      size: file ? Number(file.size) : null, mime: file ? String(file.mime) : null,
    };
  });
}

function fromRow(row: Row, attachments: MailAttachmentInfo[]): MailTemplate {
  return {
    id: Number(row.id), name: String(row.name), subject: String(row.subject), html: String(row.html),
    text: row.text === null || row.text === undefined ? null : String(row.text), locale: row.locale as Locale,
    shipped: Boolean(row.shipped), version: Number(row.version), createdAt: toIso(row.created_at)!, updatedAt: toIso(row.updated_at)!,
    attachments,
  };
}

export async function findMailTemplate(conn: Conn, id: number): Promise<MailTemplate | null> {
  const row = (await conn('mail_templates').where({ id }).first()) as Row | undefined;
  return row ? fromRow(row, await attachmentsOf(conn, id)) : null;
}

export interface MailTemplateSummary {
  id: number;
  name: string;
  subject: string;
  locale: Locale;
  shipped: boolean;
  version: number;
  attachments: number;
  updatedAt: string;
}

export async function listMailTemplates(conn: Conn): Promise<MailTemplateSummary[]> {
  const rows = (await conn('mail_templates').orderBy('name').select('id', 'name', 'subject', 'locale', 'shipped', 'version', 'updated_at')) as Row[];
  const counts = (await conn('mail_template_attachments').groupBy('template_id').select('template_id').count({ n: '*' })) as Row[];
  const byTemplate = new Map(counts.map((c) => [Number(c.template_id), Number(c.n)]));
  return rows.map((r) => ({
    id: Number(r.id), name: String(r.name), subject: String(r.subject), locale: r.locale as Locale, shipped: Boolean(r.shipped),
    version: Number(r.version), attachments: byTemplate.get(Number(r.id)) ?? 0, updatedAt: toIso(r.updated_at)!,
  }));
}

/** The audited view of a template: its own fields, not the attachments' bytes. */
export const auditView = (t: MailTemplate) => ({ name: t.name, subject: t.subject, html: t.html, text: t.text, locale: t.locale });
