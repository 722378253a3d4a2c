import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import type { RecordService } from '../records/service.js';
import type { Target } from './fields.js';
import { serviceFor } from './runner.js';

/**
 * Undo of a whole import: records it created are removed and records it
 * updated get their earlier values back — each only if nobody changed it
 * since (its version is still the one the import left) and, for a removal,
 * nothing else refers to it (a contract, an invoice, a contact added by
 * hand). Refused records are listed with the reason and left alone. Works a
 * chunk at a time in short transactions, like the import itself.
 */

const CHUNK = 500;

export interface Refusal { rowNumber: number; entity: string; recordId: number; code: string; message: string }
export interface UndoResult { removed: number; restored: number; refused: Refusal[] }

interface ImportRow { id: number; row_number: number; outcome: string; entity: string; record_id: number; record_version: number; before: string | null }

const TABLE: Record<string, string> = { client: 'clients', contact: 'contacts', product: 'products' };

/** Records still referenced elsewhere, per id, with what refers to them. */
async function inUse(trx: Tx, entity: string, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const checks: [string, string, string][] = entity === 'client'
    ? [['contracts', 'client_id', 'contracts'], ['invoices', 'client_id', 'invoices'], ['payments', 'client_id', 'payments']]
    : entity === 'product' ? [['contract_lines', 'product_id', 'contract lines'], ['invoice_lines', 'product_id', 'invoice lines']] : [];
  for (const [table, column, what] of checks) {
    const rows = (await trx(table).whereIn(column, ids).distinct(column)) as Record<string, number>[];
    for (const r of rows) if (!out.has(Number(r[column]))) out.set(Number(r[column]), `It is used by ${what} made since the import.`);
  }
  if (entity === 'client') {
    // Contacts added or edited by hand since stay, and so does their client.
    const rows = (await trx('contacts').whereIn('client_id', ids).where('version', '>', 1).distinct('client_id')) as { client_id: number }[];
    for (const r of rows) if (!out.has(Number(r.client_id))) out.set(Number(r.client_id), 'Its contacts were changed since the import.');
  }
  return out;
}

async function removeRecords(trx: Tx, entity: string, ids: number[], actor: Actor, at: string): Promise<void> {
  if (!ids.length) return;
  if (entity === 'client') {
    const contactIds = ((await trx('contacts').whereIn('client_id', ids).select('id')) as { id: number }[]).map((c) => Number(c.id));
    await removeRecords(trx, 'contact', contactIds, actor, at);
    await trx('client_tags').whereIn('client_id', ids).delete();
  }
  if (entity === 'product') await trx('prices').whereIn('product_id', ids).delete();
  if (entity === 'client' || entity === 'contact') {
    await trx('channels').where('owner_entity', entity).whereIn('owner_id', ids).delete();
    await trx('search_entries').where('entity', entity).whereIn('record_id', ids).delete();
    await trx('files').where('owner_entity', entity).whereIn('owner_id', ids).delete();
  }
  await trx(TABLE[entity]!).whereIn('id', ids).delete();
  const audits = ids.map((id) => ({ at, user_id: actor.id, entity, record_id: id, action: 'delete', changes: JSON.stringify({ import: { old: 'created by import', new: 'removed by undo' } }) }));
  for (let i = 0; i < audits.length; i += 400) await trx('audit_log').insert(audits.slice(i, i + 400));
}

/** Marks the import rows of a chunk with what undo did to each, one statement per mark. */
async function markRows(trx: Tx, marks: Map<string, number[]>): Promise<void> {
  for (const [mark, ids] of marks) await trx('import_rows').whereIn('id', ids).update({ undo: mark });
}

function addMark(marks: Map<string, number[]>, mark: string, id: number): void {
  const ids = marks.get(mark);
  if (ids) ids.push(id);
  else marks.set(mark, [id]);
}

export async function undoImport(ctx: AppContext, actor: Actor, jobId: number, target: Target): Promise<UndoResult> {
  const service: RecordService = serviceFor(ctx, target);
  const result: UndoResult = { removed: 0, restored: 0, refused: [] };
  const refuse = (r: ImportRow, code: string, message: string) => result.refused.push({ rowNumber: Number(r.row_number), entity: r.entity, recordId: Number(r.record_id), code, message });

  // Updates first, newest first, so a record updated twice ends at its first state.
  let lastId = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = (await ctx.db('import_rows').where({ job_id: jobId, outcome: 'updated' }).whereNull('undo').whereNotNull('before').where('id', '<', lastId).orderBy('id', 'desc').limit(CHUNK)) as ImportRow[];
    if (!rows.length) break;
    lastId = Number(rows[rows.length - 1]!.id);
    await ctx.db.transaction(async (trx) => {
      const marks = new Map<string, number[]>();
      for (const r of rows) {
        let mark = 'restored';
        try {
          await trx.transaction(async (sp) => {
            const current = (await sp(TABLE[r.entity]!).where({ id: r.record_id }).first('version')) as { version: number } | undefined;
            if (!current) throw new AppError('not_found', 'The record was deleted since the import.');
            if (Number(current.version) !== Number(r.record_version)) throw new AppError('version_conflict', 'The record was changed since the import; it keeps its current values.');
            await service.updateIn(sp, actor, Number(r.record_id), { ...(JSON.parse(r.before!) as Record<string, unknown>), version: Number(current.version) });
          });
          result.restored++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          refuse(r, err.code === 'version_conflict' ? 'changed_since' : err.code === 'not_found' ? 'deleted_since' : err.code, err.message);
          mark = 'refused';
        }
        addMark(marks, mark, Number(r.id));
      }
      await markRows(trx, marks);
    });
    await yieldToOthers();
  }

  lastId = 0;
  for (;;) {
    const rows = (await ctx.db('import_rows').where({ job_id: jobId, outcome: 'created' }).whereNull('undo').where('id', '>', lastId).orderBy('id').limit(CHUNK)) as ImportRow[];
    if (!rows.length) break;
    lastId = Number(rows[rows.length - 1]!.id);
    await ctx.db.transaction(async (trx) => {
      const entity = rows[0]!.entity;
      const ids = rows.map((r) => Number(r.record_id));
      const versions = new Map(((await trx(TABLE[entity]!).whereIn('id', ids).select('id', 'version')) as { id: number; version: number }[]).map((v) => [Number(v.id), Number(v.version)]));
      const used = await inUse(trx, entity, ids);
      const remove: number[] = [];
      const marks = new Map<string, number[]>();
      for (const r of rows) {
        const id = Number(r.record_id);
        const version = versions.get(id);
        let mark = 'removed';
        if (version === undefined) {
          mark = 'gone'; // deleted by hand since: nothing left to undo
        } else if (version !== Number(r.record_version)) {
          refuse(r, 'changed_since', 'The record was changed since the import; it was kept.');
          mark = 'refused';
        } else if (used.has(id)) {
          refuse(r, 'in_use', used.get(id)!);
          mark = 'refused';
        } else remove.push(id);
        addMark(marks, mark, Number(r.id));
      }
      await markRows(trx, marks);
      await removeRecords(trx, entity, remove, actor, nowIso(ctx));
      result.removed += remove.length;
    });
    await yieldToOthers();
  }
  return result;
}
