/**
 * Templates and their versions in the database (tables templates and
 * template_versions, migration 13): every upload is a new version, the
 * newest is current, older ones stay downloadable.
 */
import crypto from 'node:crypto';
import type { Conn, Tx } from '../db/connect.js';
import { toBool, toIso } from '../fields/codec.js';
import type { RecordType } from '../documents/relations.js';
import type { Locale } from '../documents/values.js';

export interface TemplateVersion {
  number: number;
  size: number;
  sha256: string;
  comment: string | null;
  createdBy: number | null;
  createdAt: string;
}

export interface Template {
  id: number;
  name: string;
  title: string;
  recordType: RecordType;
  locale: Locale;
  isDefault: boolean;
  shipped: boolean;
  currentVersion: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

const toTemplate = (r: Row): Template => ({
  id: Number(r.id), name: String(r.name), title: String(r.title), recordType: r.record_type as RecordType, locale: r.locale as Locale,
  isDefault: toBool(r.is_default), shipped: toBool(r.shipped), currentVersion: Number(r.current_version), version: Number(r.version),
  createdAt: toIso(r.created_at)!, updatedAt: toIso(r.updated_at)!,
});

const toVersion = (r: Row): TemplateVersion => ({
  number: Number(r.number), size: Number(r.size), sha256: String(r.sha256), comment: (r.comment as string | null) ?? null,
  createdBy: r.created_by === null || r.created_by === undefined ? null : Number(r.created_by), createdAt: toIso(r.created_at)!,
});

const VERSION_INFO = ['number', 'size', 'sha256', 'comment', 'created_by', 'created_at'];

export const sha256 = (content: Buffer) => crypto.createHash('sha256').update(content).digest('hex');

export async function listTemplates(conn: Conn, recordType?: RecordType): Promise<Template[]> {
  const qb = conn('templates').orderBy([{ column: 'record_type' }, { column: 'is_default', order: 'desc' }, { column: 'title' }, { column: 'id' }]);
  if (recordType) qb.where('record_type', recordType);
  return ((await qb.select('*')) as Row[]).map(toTemplate);
}

export async function findTemplate(conn: Conn, id: number): Promise<Template | null> {
  const row = (await conn('templates').where({ id }).first()) as Row | undefined;
  return row ? toTemplate(row) : null;
}

export async function findTemplateByName(conn: Conn, name: string): Promise<Template | null> {
  const row = (await conn('templates').where({ name }).first()) as Row | undefined;
  return row ? toTemplate(row) : null;
}

/** The default template of a record type, else its first one. */
export async function defaultTemplate(conn: Conn, recordType: RecordType): Promise<Template | null> {
  return (await listTemplates(conn, recordType))[0] ?? null;
}

export async function versionsOf(conn: Conn, templateId: number): Promise<TemplateVersion[]> {
  return ((await conn('template_versions').where({ template_id: templateId }).orderBy('number', 'desc').select(VERSION_INFO)) as Row[]).map(toVersion);
}

export async function versionContent(conn: Conn, templateId: number, number: number): Promise<Buffer | null> {
  const row = (await conn('template_versions').where({ template_id: templateId, number }).first('content')) as { content: Buffer | Uint8Array } | undefined;
  return row ? Buffer.from(row.content) : null;
}

export async function insertTemplate(
  trx: Tx,
  t: { name: string; title: string; recordType: RecordType; locale: Locale; shipped: boolean },
  at: string,
): Promise<number> {
  const [inserted] = (await trx('templates').insert({
    name: t.name, title: t.title, record_type: t.recordType, locale: t.locale, is_default: false, shipped: t.shipped,
    current_version: 0, version: 1, created_at: at, updated_at: at,
  }).returning('id')) as ({ id: number } | number)[];
  return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
}

/** Adds the next version and makes it current. */
export async function addVersion(trx: Tx, templateId: number, content: Buffer, meta: { comment: string | null; createdBy: number | null }, at: string): Promise<number> {
  const row = (await trx('template_versions').where({ template_id: templateId }).max({ n: 'number' }).first()) as { n: number | null } | undefined;
  const number = Number(row?.n ?? 0) + 1;
  await trx('template_versions').insert({
    template_id: templateId, number, size: content.length, sha256: sha256(content), comment: meta.comment, created_by: meta.createdBy, created_at: at, content,
  });
  await trx('templates').where({ id: templateId }).update({ current_version: number, version: trx.raw('version + 1'), updated_at: at });
  return number;
}

/** Makes one template the default of its record type, and no other. */
export async function setDefault(trx: Tx, template: Template, at: string): Promise<void> {
  await trx('templates').where({ record_type: template.recordType, is_default: true }).whereNot('id', template.id).update({ is_default: false, version: trx.raw('version + 1'), updated_at: at });
  await trx('templates').where({ id: template.id }).update({ is_default: true });
}
