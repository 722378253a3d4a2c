import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../access/rights.js';
import { seesAll } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import { notFound } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import type { Target } from './fields.js';
import type { Policy } from './process.js';
import type { Structure } from './read/source.js';
import type { Cell } from './read/table.js';
import type { Mapping } from './suggest.js';

/**
 * Import jobs as stored: the row in import_jobs and the uploaded file in
 * <data dir>/imports/, named by a random id (never by the user's file name).
 */

export type JobStatus = 'ready' | 'running' | 'cancelling' | 'cancelled' | 'interrupted' | 'done' | 'failed' | 'undone';

export interface JobOptions {
  sheet?: string;
  mapping: Mapping;
  onDuplicate: Policy;
  /** The header row's cells, for the error report and saved mappings. */
  header: Cell[];
}

export interface JobRow {
  id: number;
  user_id: number;
  target: Target;
  status: JobStatus;
  file_name: string;
  stored_name: string;
  format: string;
  size: number;
  structure: string;
  options: string;
  cursor: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  held: number;
  error_code: string | null;
  error_message: string | null;
  version: number;
  created_at: unknown;
  updated_at: unknown;
  started_at: unknown;
  finished_at: unknown;
}

/** A running job that has not written for this long was stopped with its server. */
export const HEARTBEAT_MS = 60_000;

export function importDir(ctx: AppContext): string {
  const dir = path.join(ctx.config.dataDir, 'imports');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function newStoredName(ext: string): string {
  return `${crypto.randomBytes(12).toString('hex')}.${ext}`;
}

export function filePath(ctx: AppContext, job: Pick<JobRow, 'stored_name'>): string {
  return path.join(importDir(ctx), path.basename(job.stored_name));
}

export async function loadJob(ctx: AppContext, conn: Conn, actor: Actor, id: number): Promise<JobRow> {
  const qb = conn('import_jobs').where({ id });
  if (!seesAll(actor)) qb.where('user_id', actor.id);
  const row = (await qb.first()) as JobRow | undefined;
  if (!row) throw notFound('Import');
  return row;
}

/** The status a user sees: a "running" job whose runner went silent was interrupted. */
export function effectiveStatus(ctx: AppContext, job: JobRow, runningHere: boolean): JobStatus {
  if ((job.status === 'running' || job.status === 'cancelling') && !runningHere) {
    const last = new Date(toIso(job.updated_at) ?? 0).getTime();
    if (ctx.clock.now().getTime() - last > HEARTBEAT_MS) return 'interrupted';
  }
  return job.status;
}

export function jobJson(ctx: AppContext, job: JobRow, runningHere: boolean): Record<string, unknown> {
  const structure = JSON.parse(job.structure) as Structure;
  const options = JSON.parse(job.options) as JobOptions;
  const sheet = structure.sheets.find((s) => s.name === (options.sheet ?? structure.sheets[0]?.name));
  return {
    id: Number(job.id),
    target: job.target,
    status: effectiveStatus(ctx, job, runningHere),
    fileName: job.file_name,
    format: job.format,
    size: Number(job.size),
    structure,
    options: { sheet: options.sheet ?? structure.sheets[0]?.name ?? null, mapping: options.mapping, onDuplicate: options.onDuplicate },
    header: options.header.map((c) => (c === null ? null : c instanceof Date ? c.toISOString() : String(c))),
    progress: {
      lastRow: Number(job.cursor),
      rowsEstimate: sheet?.rowsEstimate ?? null,
      percent: sheet?.rowsEstimate ? Math.min(100, Math.round((Number(job.cursor) / sheet.rowsEstimate) * 100)) : null,
    },
    counts: { created: Number(job.created), updated: Number(job.updated), skipped: Number(job.skipped), failed: Number(job.failed), held: Number(job.held) },
    error: job.error_code ? { code: job.error_code, message: job.error_message } : null,
    version: Number(job.version),
    createdAt: toIso(job.created_at),
    updatedAt: toIso(job.updated_at),
    startedAt: toIso(job.started_at),
    finishedAt: toIso(job.finished_at),
  };
}

export async function setStatus(ctx: AppContext, conn: Conn, id: number, status: JobStatus, extra: Record<string, unknown> = {}): Promise<void> {
  await conn('import_jobs').where({ id }).update({ status, updated_at: nowIso(ctx), version: conn.raw('version + 1'), ...extra });
}
