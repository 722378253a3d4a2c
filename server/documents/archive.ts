/**
 * The archive of issued documents (table documents): the file as it was
 * sent, the template and version it came from and the data it was filled
 * with, so a re-download gives the same bytes even after the template or
 * the record changed.
 */
import type { Conn, Tx } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import { sha256 as sha256Of } from '../templates/store.js';
import { recordTypes, type RecordType } from './relations.js';

export interface IssuedDocument {
  id: number;
  recordType: RecordType;
  recordId: number;
  templateId: number | null;
  templateName: string;
  templateVersion: number;
  format: 'docx' | 'pdf';
  fileName: string;
  size: number;
  sha256: string;
  createdBy: number | null;
  createdAt: string;
}

export const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

const INFO = ['id', 'record_type', 'record_id', 'template_id', 'template_name', 'template_version', 'format', 'file_name', 'size', 'sha256', 'created_by', 'created_at'];

type Row = Record<string, unknown>;

const toDocument = (r: Row): IssuedDocument => ({
  id: Number(r.id), recordType: r.record_type as RecordType, recordId: Number(r.record_id),
  templateId: r.template_id === null || r.template_id === undefined ? null : Number(r.template_id),
  templateName: String(r.template_name), templateVersion: Number(r.template_version), format: r.format as 'docx' | 'pdf',
  fileName: String(r.file_name), size: Number(r.size), sha256: String(r.sha256),
  createdBy: r.created_by === null || r.created_by === undefined ? null : Number(r.created_by), createdAt: toIso(r.created_at)!,
});

export async function archive(
  conn: Conn | Tx,
  doc: Omit<IssuedDocument, 'id' | 'size' | 'sha256'> & { content: Buffer; data: string },
): Promise<IssuedDocument> {
  const sha256 = sha256Of(doc.content);
  const [inserted] = (await conn('documents').insert({
    record_type: doc.recordType, record_id: doc.recordId, template_id: doc.templateId, template_name: doc.templateName, template_version: doc.templateVersion,
    format: doc.format, file_name: doc.fileName, size: doc.content.length, sha256, created_by: doc.createdBy, created_at: doc.createdAt, data: doc.data, content: doc.content,
  }).returning('id')) as ({ id: number } | number)[];
  const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
  const { content: _c, data: _d, ...info } = doc;
  return { ...info, id, size: doc.content.length, sha256 };
}

export async function documentsOf(conn: Conn, recordType: RecordType, recordId: number): Promise<IssuedDocument[]> {
  return ((await conn('documents').where({ record_type: recordType, record_id: recordId }).orderBy('id', 'desc').select(INFO)) as Row[]).map(toDocument);
}

export async function issuedBy(conn: Conn, userId: number, limit: number): Promise<IssuedDocument[]> {
  return ((await conn('documents').where({ created_by: userId }).orderBy('id', 'desc').limit(limit).select(INFO)) as Row[]).map(toDocument);
}

export async function findDocument(conn: Conn, id: number): Promise<IssuedDocument | null> {
  const row = (await conn('documents').where({ id }).first(INFO)) as Row | undefined;
  return row ? toDocument(row) : null;
}

export async function documentContent(conn: Conn, id: number): Promise<{ content: Buffer; data: unknown } | null> {
  const row = (await conn('documents').where({ id }).first('content', 'data')) as { content: Buffer | Uint8Array; data: string } | undefined;
  return row ? { content: Buffer.from(row.content), data: JSON.parse(row.data) as unknown } : null;
}

export const documentJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, recordType: { enum: [...recordTypes] }, recordId: { type: 'integer' },
    templateId: { type: ['integer', 'null'] }, templateName: { type: 'string' }, templateVersion: { type: 'integer' },
    format: { enum: ['docx', 'pdf'] }, fileName: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' },
    createdBy: { type: ['integer', 'null'] }, createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'recordType', 'recordId', 'templateId', 'templateName', 'templateVersion', 'format', 'fileName', 'size', 'sha256', 'createdBy', 'createdAt'],
  additionalProperties: false,
};
