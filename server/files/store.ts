import type { Conn, Tx } from '../db/connect.js';
import { toIso } from '../fields/codec.js';

/**
 * Files kept in the database (table `files`), so a backup holds them and
 * every app instance sharing a PostgreSQL database sees them. One file per
 * owner record and purpose ("photo", "logo", …).
 */

export interface FileInfo {
  purpose: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface StoredFile extends FileInfo {
  content: Buffer;
}

export interface Owner {
  entity: string;
  id: number;
}

const INFO_COLUMNS = ['id', 'owner_id', 'purpose', 'name', 'mime', 'size', 'sha256', 'created_at'];

interface FileRow {
  id: number;
  owner_id: number;
  purpose: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: unknown;
  content?: Buffer | Uint8Array;
}

const toInfo = (row: FileRow): FileInfo => ({
  purpose: row.purpose, name: row.name, mime: row.mime, size: Number(row.size), sha256: row.sha256, createdAt: toIso(row.created_at)!,
});

export const fileInfoJson = {
  type: 'object',
  properties: {
    purpose: { type: 'string' },
    name: { type: 'string' },
    mime: { type: 'string' },
    size: { type: 'integer', description: 'Bytes.' },
    sha256: { type: 'string', description: 'Hex SHA-256 of the content; also the ETag.' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['purpose', 'name', 'mime', 'size', 'sha256', 'createdAt'],
  additionalProperties: false,
};

function ofOwner(conn: Conn, owner: Owner, purpose: string) {
  return conn('files').where({ owner_entity: owner.entity, owner_id: owner.id, purpose });
}

/** The newest file of an owner for a purpose, without its content. */
export async function fileInfo(conn: Conn, owner: Owner, purpose: string): Promise<FileInfo | null> {
  const row = (await ofOwner(conn, owner, purpose).orderBy('id', 'desc').first(INFO_COLUMNS)) as FileRow | undefined;
  return row ? toInfo(row) : null;
}

export async function readFile(conn: Conn, owner: Owner, purpose: string): Promise<StoredFile | null> {
  const row = (await ofOwner(conn, owner, purpose).orderBy('id', 'desc').first([...INFO_COLUMNS, 'content'])) as FileRow | undefined;
  if (!row) return null;
  return { ...toInfo(row), content: Buffer.from(row.content ?? []) };
}

/** Stores a file in place of the owner's previous one for the purpose. */
export async function replaceFile(
  trx: Tx,
  owner: Owner,
  file: { purpose: string; name: string; mime: string; sha256: string; content: Buffer },
  at: string,
): Promise<FileInfo> {
  await ofOwner(trx, owner, file.purpose).delete();
  await trx('files').insert({
    created_at: at, owner_entity: owner.entity, owner_id: owner.id, purpose: file.purpose,
    name: file.name, mime: file.mime, size: file.content.length, sha256: file.sha256, content: file.content,
  });
  return { purpose: file.purpose, name: file.name, mime: file.mime, size: file.content.length, sha256: file.sha256, createdAt: at };
}

export async function deleteFile(trx: Tx, owner: Owner, purpose: string): Promise<number> {
  return ofOwner(trx, owner, purpose).delete();
}

/** Every file of a record, for when the record itself is deleted. */
export async function deleteOwnerFiles(trx: Tx, owner: Owner): Promise<void> {
  await trx('files').where({ owner_entity: owner.entity, owner_id: owner.id }).delete();
}

/** The files of several records by owner id (newest per purpose), without content. */
export async function fileInfos(conn: Conn, entity: string, ids: number[]): Promise<Map<number, Map<string, FileInfo>>> {
  const rows = ids.length
    ? ((await conn('files').where('owner_entity', entity).whereIn('owner_id', ids).orderBy('id').select(INFO_COLUMNS)) as FileRow[])
    : [];
  const byOwner = new Map<number, Map<string, FileInfo>>();
  for (const row of rows) {
    const files = byOwner.get(Number(row.owner_id)) ?? new Map<string, FileInfo>();
    files.set(row.purpose, toInfo(row));
    byOwner.set(Number(row.owner_id), files);
  }
  return byOwner;
}
