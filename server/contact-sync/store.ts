import type { Conn } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import type { SyncFields } from './mapping.js';

/** Rows of the contact-sync tables (migration 2026-11-28-18) and their small reads and writes. */

export const deletionPolicies = ['propagate', 'unlink', 'archive'] as const;
export type DeletionPolicy = (typeof deletionPolicies)[number];

export interface SyncSettings {
  folderId: string | null;
  category: string | null;
  deletionPolicy: DeletionPolicy;
  version: number;
  updatedAt: string | null;
}

export const DEFAULT_SETTINGS: SyncSettings = { folderId: null, category: null, deletionPolicy: 'unlink', version: 0, updatedAt: null };

export async function readSettings(conn: Conn, userId: number): Promise<SyncSettings> {
  const row = (await conn('contact_sync_settings').where({ user_id: userId }).first()) as Record<string, any> | undefined;
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    folderId: row.folder_id ?? null, category: row.category ?? null, deletionPolicy: row.deletion_policy as DeletionPolicy,
    version: Number(row.version), updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export type LinkState = 'active' | 'detached' | 'out_of_scope';

export interface Link {
  id: number;
  contactId: number;
  outlookId: string;
  changeKey: string | null;
  kontora: SyncFields;
  outlook: SyncFields;
  outlookSeen: SyncFields | null;
  state: LinkState;
  seenInDelta: boolean;
}

export async function readLinks(conn: Conn, userId: number): Promise<Link[]> {
  const rows = (await conn('contact_sync_links').where({ user_id: userId }).orderBy('id')) as Record<string, any>[];
  return rows.map((r) => ({
    id: Number(r.id), contactId: Number(r.contact_id), outlookId: r.outlook_id, changeKey: r.change_key ?? null,
    kontora: JSON.parse(r.kontora_fields) as SyncFields, outlook: JSON.parse(r.outlook_fields) as SyncFields,
    outlookSeen: r.outlook_seen ? (JSON.parse(r.outlook_seen) as SyncFields) : null, state: r.state as LinkState,
    seenInDelta: Boolean(r.seen_in_delta),
  }));
}

export interface LinkWrite {
  contactId: number;
  outlookId: string;
  changeKey: string | null;
  kontora: SyncFields;
  outlook: SyncFields;
  outlookSeen?: SyncFields | null;
  state?: LinkState;
  seenInDelta?: boolean;
}

function linkRow(w: LinkWrite, at: string): Record<string, unknown> {
  return {
    contact_id: w.contactId, outlook_id: w.outlookId, change_key: w.changeKey, kontora_fields: JSON.stringify(w.kontora),
    outlook_fields: JSON.stringify(w.outlook), outlook_seen: w.outlookSeen ? JSON.stringify(w.outlookSeen) : null,
    state: w.state ?? 'active', seen_in_delta: w.seenInDelta ?? true, synced_at: at,
  };
}

/** Saves a link, replacing any other link of the same Kontora contact or Outlook contact in this mailbox. */
export async function saveLink(conn: Conn, userId: number, w: LinkWrite, at: string): Promise<number> {
  return conn.transaction(async (trx) => {
    await trx('contact_sync_links').where({ user_id: userId }).andWhere((q) => q.where('contact_id', w.contactId).orWhere('outlook_id', w.outlookId)).delete();
    const [inserted] = (await trx('contact_sync_links').insert({ user_id: userId, ...linkRow(w, at) }).returning('id')) as ({ id: number } | number)[];
    return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
  });
}

/** saveLink for many pairs in one transaction (a first sync creates hundreds). */
export async function saveLinks(conn: Conn, userId: number, writes: LinkWrite[], at: string): Promise<void> {
  if (!writes.length) return;
  await conn.transaction(async (trx) => {
    for (let i = 0; i < writes.length; i += 200) {
      const part = writes.slice(i, i + 200);
      await trx('contact_sync_links').where({ user_id: userId })
        .andWhere((q) => q.whereIn('contact_id', part.map((w) => w.contactId)).orWhereIn('outlook_id', part.map((w) => w.outlookId))).delete();
      await trx('contact_sync_links').insert(part.map((w) => ({ user_id: userId, ...linkRow(w, at) })));
    }
  });
}

/** Marks links whose Outlook contact a delta query has now reported. */
export async function markSeenInDelta(conn: Conn, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await conn('contact_sync_links').whereIn('id', ids.slice(i, i + 500)).update({ seen_in_delta: true });
}

export async function updateLink(conn: Conn, id: number, w: Partial<LinkWrite>, at: string): Promise<void> {
  const row: Record<string, unknown> = { synced_at: at };
  if (w.changeKey !== undefined) row.change_key = w.changeKey;
  if (w.kontora) row.kontora_fields = JSON.stringify(w.kontora);
  if (w.outlook) row.outlook_fields = JSON.stringify(w.outlook);
  if (w.outlookSeen !== undefined) row.outlook_seen = w.outlookSeen ? JSON.stringify(w.outlookSeen) : null;
  if (w.state) row.state = w.state;
  if (w.seenInDelta !== undefined) row.seen_in_delta = w.seenInDelta;
  await conn('contact_sync_links').where({ id }).update(row);
}

export async function deleteLink(conn: Conn, id: number): Promise<void> {
  await conn('contact_sync_links').where({ id }).delete();
}

export async function readDeltaLink(conn: Conn, userId: number, folderKey: string): Promise<string | null> {
  const row = (await conn('contact_sync_delta').where({ user_id: userId, folder_key: folderKey }).first('delta_link')) as { delta_link: string } | undefined;
  return row?.delta_link ?? null;
}

export async function saveDeltaLink(conn: Conn, userId: number, folderKey: string, link: string, at: string): Promise<void> {
  await conn.transaction(async (trx) => {
    await trx('contact_sync_delta').where({ user_id: userId, folder_key: folderKey }).delete();
    await trx('contact_sync_delta').insert({ user_id: userId, folder_key: folderKey, delta_link: link, updated_at: at });
  });
}

/** A run that died with its instance lets the next one in after this long. */
const LOCK_MS = 30 * 60_000;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY/i.test(e.message ?? '')) || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Takes the mailbox's sync lock, or refuses with sync_running. The
 * primary key on user_id makes this safe across instances sharing the
 * database; an expired lock (its run's instance died) is taken over.
 */
export async function takeLock(conn: Conn, userId: number, now: Date): Promise<void> {
  await conn('contact_sync_locks').where({ user_id: userId }).where('expires_at', '<', now.toISOString()).delete();
  try {
    await conn('contact_sync_locks').insert({ user_id: userId, run_id: 0, expires_at: new Date(now.getTime() + LOCK_MS).toISOString() });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('sync_running', 'A contact sync of this mailbox is already running; wait for it to finish.');
    throw err;
  }
}

export async function releaseLock(conn: Conn, userId: number): Promise<void> {
  await conn('contact_sync_locks').where({ user_id: userId }).delete();
}

export interface RunCounts {
  kontoraCreated: number;
  kontoraUpdated: number;
  kontoraDeleted: number;
  outlookCreated: number;
  outlookUpdated: number;
  outlookDeleted: number;
  linked: number;
  conflicts: number;
}

export const zeroCounts = (): RunCounts => ({
  kontoraCreated: 0, kontoraUpdated: 0, kontoraDeleted: 0, outlookCreated: 0, outlookUpdated: 0, outlookDeleted: 0, linked: 0, conflicts: 0,
});

export interface Problem {
  code: string;
  message: string;
  contactId?: number;
  outlookId?: string;
}

export interface RunJson extends RunCounts {
  id: number;
  trigger: 'manual' | 'schedule';
  status: 'running' | 'done' | 'failed';
  full: boolean;
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  problems: Problem[];
}

export function runJson(r: Record<string, any>): RunJson {
  return {
    id: Number(r.id), trigger: r.trigger, status: r.status, full: Boolean(r.full),
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    kontoraCreated: Number(r.kontora_created), kontoraUpdated: Number(r.kontora_updated), kontoraDeleted: Number(r.kontora_deleted),
    outlookCreated: Number(r.outlook_created), outlookUpdated: Number(r.outlook_updated), outlookDeleted: Number(r.outlook_deleted),
    linked: Number(r.linked), conflicts: Number(r.conflicts),
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    problems: r.problems ? (JSON.parse(r.problems) as Problem[]) : [],
  };
}

export async function startRun(conn: Conn, userId: number, trigger: 'manual' | 'schedule', at: string): Promise<number> {
  const [inserted] = (await conn('contact_sync_runs').insert({ user_id: userId, trigger, status: 'running', full: false, started_at: at }).returning('id')) as ({ id: number } | number)[];
  return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
}

/** At most this many per-contact problems are kept with a run (the count says how many there were). */
const MAX_PROBLEMS = 100;

export async function finishRun(conn: Conn, runId: number, result: { counts: RunCounts; full: boolean; problems: Problem[]; error?: { code: string; message: string } }, at: string): Promise<void> {
  const c = result.counts;
  await conn('contact_sync_runs').where({ id: runId }).update({
    status: result.error ? 'failed' : 'done', full: result.full, finished_at: at,
    kontora_created: c.kontoraCreated, kontora_updated: c.kontoraUpdated, kontora_deleted: c.kontoraDeleted,
    outlook_created: c.outlookCreated, outlook_updated: c.outlookUpdated, outlook_deleted: c.outlookDeleted,
    linked: c.linked, conflicts: c.conflicts,
    error_code: result.error?.code ?? null, error_message: result.error?.message.slice(0, 1000) ?? null,
    problems: result.problems.length ? JSON.stringify(result.problems.slice(0, MAX_PROBLEMS)) : null,
  });
}

export interface ConflictWrite {
  contactId: number;
  outlookId: string;
  field: string;
  kontoraValue: string | null;
  outlookValue: string | null;
  winner: 'kontora' | 'outlook';
  kontoraChangedAt: string | null;
  outlookChangedAt: string | null;
}

export async function logConflicts(conn: Conn, runId: number, userId: number, list: ConflictWrite[], at: string): Promise<void> {
  for (let i = 0; i < list.length; i += 200) {
    await conn('contact_sync_conflicts').insert(list.slice(i, i + 200).map((c) => ({
      run_id: runId, user_id: userId, contact_id: c.contactId, outlook_id: c.outlookId, field: c.field,
      kontora_value: c.kontoraValue, outlook_value: c.outlookValue, winner: c.winner,
      kontora_changed_at: c.kontoraChangedAt, outlook_changed_at: c.outlookChangedAt, at,
    })));
  }
}
