import { api, ApiError } from '../api/client.js';
import { fileNameFrom } from './filename.js';

/** What a template prints (the server's record types with print forms). */
export type RecordType = 'contract' | 'invoice' | 'client';
export const RECORD_TYPES: RecordType[] = ['contract', 'invoice', 'client'];

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface TemplateInfo {
  id: number;
  name: string;
  title: string;
  recordType: RecordType;
  locale: 'en' | 'ru';
  isDefault: boolean;
  shipped: boolean;
  currentVersion: number;
  /** Optimistic-locking version of the template row (not the file version). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateVersion {
  number: number;
  size: number;
  sha256: string;
  comment: string | null;
  createdBy: number | null;
  createdAt: string;
}

export interface TemplateDetail extends TemplateInfo {
  versions: TemplateVersion[];
}

/** An issued document as GET /documents lists it. */
export interface IssuedDocument {
  id: number;
  templateName: string;
  templateVersion: number;
  format: 'docx' | 'pdf';
  fileName: string;
  size: number;
  createdAt: string;
}

/** One broken tag of a 422 template_invalid answer. */
export interface TemplateProblem {
  tag?: string;
  where?: string;
  code: string;
  message: string;
}

export interface FetchedFile {
  blob: Blob;
  fileName: string;
}

/** Templates as a picker shows them: the default first, then by title. */
export function sortTemplates(items: TemplateInfo[]): TemplateInfo[] {
  return [...items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.title.localeCompare(b.title));
}

async function file(res: Response, fallback: string): Promise<FetchedFile> {
  return { blob: await res.blob(), fileName: fileNameFrom(res.headers.get('content-disposition'), fallback) };
}

/** Issues (and archives) a document for a record; answers the file with the server's name for it. */
export async function issueDocument(req: { recordType: RecordType; recordId: number; template?: number | string; format: 'docx' | 'pdf' }): Promise<FetchedFile> {
  const res = await api.request<Response>('POST', '/documents', { body: req, raw: true });
  return file(res, `${req.recordType}-${req.recordId}.${req.format}`);
}

/** An archived document's bytes, exactly as issued. */
export async function downloadIssued(doc: IssuedDocument): Promise<FetchedFile> {
  const res = await api.request<Response>('GET', `/documents/${doc.id}/content`, { raw: true });
  return file(res, doc.fileName);
}

/** A template's .docx, the current version or the given one. */
export async function templateContent(id: number, version?: number): Promise<FetchedFile> {
  const res = await api.request<Response>('GET', `/templates/${id}/content`, { raw: true, query: version ? { version } : undefined });
  return file(res, `template-${id}.docx`);
}

function docx(bytes: Uint8Array | Blob): Blob {
  return bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type: DOCX_MIME });
}

/** Checks a .docx against a record type's fields without saving it; throws template_invalid with every problem. */
export function checkTemplate(recordType: RecordType, bytes: Uint8Array | Blob): Promise<{ ok: true; tags: number }> {
  return api.request('POST', '/templates/check', { query: { recordType }, body: docx(bytes) });
}

export function uploadTemplate(meta: { name: string; recordType: RecordType; title?: string; locale?: string; isDefault?: boolean; comment?: string }, bytes: Uint8Array | Blob): Promise<TemplateDetail> {
  return api.request('POST', '/templates', { query: { ...meta, isDefault: meta.isDefault ? 'true' : undefined }, body: docx(bytes) });
}

export function addTemplateVersion(id: number, bytes: Uint8Array | Blob, comment?: string): Promise<TemplateDetail> {
  return api.request('POST', `/templates/${id}/versions`, { query: { comment }, body: docx(bytes) });
}

/** The problems a refused template upload or check lists (empty for any other error). */
export function templateProblems(err: unknown): TemplateProblem[] {
  if (!(err instanceof ApiError) || (err.code !== 'template_invalid' && err.code !== 'invalid_file')) return [];
  return err.details as TemplateProblem[];
}

/** Saves a file the way a browser download does (an <a download> on an object URL). */
export function saveFile({ blob, fileName }: FetchedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
