import fs from 'node:fs';
import type { Response } from 'express';
import { z } from 'zod';
import { assertCan, seesAll, type Actor, type Resource } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { attachmentDisposition } from '../documents/routes.js';
import { analyse, headRows } from './analyse.js';
import { findExisting, matchKeys } from './dedupe.js';
import { importFields, targets, type Target } from './fields.js';
import { saveUpload, sizeText } from './upload.js';
import { findMapping } from './mappings.js';
import { buildDraft } from './map.js';
import { policies, processChunk, resolve, type Policy } from './process.js';
import { detectStructure, jsonCell, type Structure } from './read/source.js';
import { isEmptyRow, type Cell } from './read/table.js';
import { writeErrorReport } from './report.js';
import { isRunningHere, setupFor, startRun } from './runner.js';
import { effectiveStatus, filePath, importDir, jobJson, loadJob, newStoredName, setStatus, type JobOptions, type JobRow } from './store.js';
import { undoImport, type UndoResult } from './undo.js';
import type { Mapping } from './suggest.js';

const RESOURCE: Record<Target, Resource> = { clients: 'clients', contacts: 'contacts', products: 'catalog' };

export function assertImport(actor: Actor, target: Target, policy: Policy = 'skip'): void {
  assertCan(actor, RESOURCE[target], 'create');
  if (policy === 'update' || policy === 'review') assertCan(actor, RESOURCE[target], 'edit');
}

export const targetSchema = z.enum(targets, { error: `Use one of: ${targets.join(', ')}.` });
export const policySchema = z.enum(policies, { error: `Use one of: ${policies.join(', ')}.` });

const columnSchema = z.strictObject({
  column: z.number().int().min(0).max(16_383),
  header: z.string().max(500).optional(),
  field: z.string().min(1).max(100),
  type: z.string().max(20).optional(),
  labelColumn: z.number().int().min(0).max(16_383).optional(),
});
export const mappingSchema = z.strictObject({
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(1_048_576),
  columns: z.array(columnSchema).max(500),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
});

export const optionsSchema = z.strictObject({
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  mapping: mappingSchema.optional(),
  mappingName: z.string().min(1).max(100).optional(),
  onDuplicate: policySchema.optional(),
  version: z.number().int().positive().optional(),
});

export const reviewSchema = z.strictObject({
  decisions: z.array(z.strictObject({
    rowNumber: z.number().int().min(1),
    action: z.enum(['skip', 'create', 'update']),
  })).min(1).max(10_000),
});

export const rowsSchema = z.strictObject({
  target: targetSchema.optional(),
  fileName: z.string().max(255).optional(),
  rows: z.array(z.array(z.unknown()).max(16_384)).min(1).max(100_000),
});

/** Checks a mapping names only fields of the target and columns that exist. */
function checkMapping(mapping: Mapping, fieldKeys: Set<string>, width: number): void {
  const details = mapping.columns.flatMap((c, i) => [
    ...(fieldKeys.has(c.field) ? [] : [{ field: `mapping.columns.${i}.field`, code: 'invalid_choice', message: `There is no import field "${c.field.slice(0, 60)}".` }]),
    ...(c.column < Math.max(width, 1) ? [] : [{ field: `mapping.columns.${i}.column`, code: 'out_of_range', message: `The sheet has ${width} columns.` }]),
  ]);
  if (details.length) throw new AppError('validation_failed', 'The mapping is invalid.', { details });
}

function storedExt(fileName: string): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ?? 'bin';
}

export function importService(ctx: AppContext) {
  const json = (job: JobRow) => jobJson(ctx, job, isRunningHere(ctx, Number(job.id)));
  const reload = async (actor: Actor, id: number) => json(await loadJob(ctx, ctx.db, actor, id));

  /** Detects the structure, suggests a mapping and stores the job; a bad file gives a failed job with its error. */
  async function register(actor: Actor, target: Target, fileName: string, storedName: string, size: number, opts: { mappingName?: string; onDuplicate?: Policy; structure?: Structure }): Promise<JobRow> {
    const at = nowIso(ctx);
    const file = `${importDir(ctx)}/${storedName}`;
    let structure: Structure = opts.structure ?? { format: 'csv', sheets: [] };
    let options: JobOptions = { mapping: { headerRow: 1, columns: [] }, onDuplicate: opts.onDuplicate ?? 'skip', header: [] };
    let error: AppError | null = null;
    try {
      structure = opts.structure ?? (await detectStructure(file, fileName));
      const saved = opts.mappingName ? await findMapping(ctx, target, opts.mappingName) : undefined;
      const found = await analyse(ctx, target, file, structure, { saved, sheet: saved?.sheet });
      options = { ...options, mapping: found.mapping, header: found.header, ...(found.mapping.sheet ? { sheet: found.mapping.sheet } : {}) };
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'not_found') throw err;
      error = err;
    }
    const [inserted] = (await ctx.db('import_jobs').insert({
      user_id: actor.id, target, status: error ? 'failed' : 'ready', file_name: fileName.slice(0, 255), stored_name: storedName,
      format: structure.format, size, structure: JSON.stringify(structure), options: JSON.stringify(options),
      error_code: error?.code ?? null, error_message: error?.message ?? null, version: 1, created_at: at, updated_at: at, finished_at: error ? at : null,
    }).returning('id')) as ({ id: number } | number)[];
    const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    return loadJob(ctx, ctx.db, actor, id);
  }

  return {
    async upload(actor: Actor, query: Record<string, unknown>, req: Parameters<typeof saveUpload>[0]): Promise<Record<string, unknown>> {
      const params = parseOrThrow(z.object({
        target: targetSchema,
        fileName: z.string().min(1).max(255).optional(),
        mapping: z.string().min(1).max(100).optional(),
        onDuplicate: policySchema.optional(),
      }), query);
      assertImport(actor, params.target, params.onDuplicate);
      if (params.mapping) await findMapping(ctx, params.target, params.mapping);
      const fileName = (params.fileName ?? 'upload').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '') || 'upload';
      const storedName = newStoredName(storedExt(fileName));
      const size = await saveUpload(req, `${importDir(ctx)}/${storedName}`, ctx.config.importLimit);
      return json(await register(actor, params.target, fileName, storedName, size, { mappingName: params.mapping, onDuplicate: params.onDuplicate }));
    },

    /** A job from a file on this machine (the CLI): copied into the data folder so a resume finds it. */
    async fromFile(actor: Actor, target: Target, source: string, opts: { mappingName?: string; onDuplicate?: Policy }): Promise<JobRow> {
      assertImport(actor, target, opts.onDuplicate);
      if (opts.mappingName) await findMapping(ctx, target, opts.mappingName);
      const size = fs.statSync(source).size;
      if (size > ctx.config.importLimit) throw new AppError('payload_too_large', `The file is larger than the ${sizeText(ctx.config.importLimit)} an import accepts (KONTORA_IMPORT_LIMIT).`);
      const fileName = source.split(/[\\/]/).pop()!;
      const storedName = newStoredName(storedExt(fileName));
      fs.copyFileSync(source, `${importDir(ctx)}/${storedName}`);
      return register(actor, target, fileName, storedName, size, opts);
    },

    /** Rows sent as JSON (the Excel pane reads a sheet in chunks): the first call creates the job. */
    async addRows(actor: Actor, id: number | null, body: unknown): Promise<Record<string, unknown>> {
      const input = parseOrThrow(rowsSchema, body);
      const lines: string[] = [];
      const details: { field: string; code: string; message: string }[] = [];
      input.rows.forEach((row, r) => {
        const cells = row.map((v, c) => {
          const cell = jsonCell(v);
          if (cell === undefined) details.push({ field: `rows.${r}.${c}`, code: typeof v === 'string' ? 'cell_too_large' : 'invalid_type', message: typeof v === 'string' ? 'A cell may hold at most 32,767 characters.' : 'A cell is text, a number, true/false or null.' });
          return cell ?? null;
        });
        lines.push(JSON.stringify(cells));
      });
      if (details.length) throw new AppError('validation_failed', 'Some cells cannot be imported.', { details: details.slice(0, 50) });
      if (id === null) {
        if (!input.target) throw new AppError('validation_failed', 'Say what to import.', { details: [{ field: 'target', code: 'required', message: 'Give the target: clients, contacts or products.' }] });
        assertImport(actor, input.target);
        const storedName = newStoredName('jsonl');
        const file = `${importDir(ctx)}/${storedName}`;
        fs.writeFileSync(file, lines.join('\n') + '\n');
        const structure: Structure = { format: 'json', sheets: [{ name: 'Sheet', rowsEstimate: input.rows.length }] };
        return json(await register(actor, input.target, input.fileName ?? 'Excel selection', storedName, fs.statSync(file).size, { structure }));
      }
      const job = await loadJob(ctx, ctx.db, actor, id);
      if (job.format !== 'json') throw new AppError('invalid_state', 'Rows can be added only to an import started from rows.');
      if (job.status !== 'ready' || Number(job.cursor) > 0) throw new AppError('invalid_state', 'Rows can be added only before the import runs.');
      const file = filePath(ctx, job);
      const size = fs.statSync(file).size;
      const added = Buffer.byteLength(lines.join('\n') + '\n');
      if (size + added > ctx.config.importLimit) throw new AppError('payload_too_large', 'The rows would make the import larger than the server accepts (KONTORA_IMPORT_LIMIT).');
      fs.appendFileSync(file, lines.join('\n') + '\n');
      const structure = JSON.parse(job.structure) as Structure;
      structure.sheets[0]!.rowsEstimate = (structure.sheets[0]!.rowsEstimate ?? 0) + input.rows.length;
      const options = JSON.parse(job.options) as JobOptions;
      if (!options.mapping.columns.length) {
        const found = await analyse(ctx, job.target, file, structure, {});
        options.mapping = found.mapping;
        options.header = found.header;
      }
      await ctx.db('import_jobs').where({ id }).update({ size: size + added, structure: JSON.stringify(structure), options: JSON.stringify(options), updated_at: nowIso(ctx), version: ctx.db.raw('version + 1') });
      return reload(actor, id);
    },

    async list(actor: Actor, query: Record<string, unknown>): Promise<Record<string, unknown>> {
      const { limit, offset } = parseOrThrow(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }), query);
      const qb = ctx.db('import_jobs');
      if (!seesAll(actor)) qb.where('user_id', actor.id);
      const total = Number(((await qb.clone().count({ n: '*' }).first()) as { n: number | string }).n);
      const rows = (await qb.orderBy('id', 'desc').limit(limit).offset(offset)) as JobRow[];
      return { items: rows.map(json), total, limit, offset };
    },

    get: reload,

    /** Fields a column can be mapped to, for the wizard's dropdowns. */
    async fields(actor: Actor, target: Target) {
      assertImport(actor, target);
      return { items: (await importFields(ctx, ctx.db, target)).map((f) => ({ key: f.key, label: f.label, kind: f.kind, type: f.field?.type ?? null, custom: f.field?.custom ?? false })) };
    },

    async update(actor: Actor, id: number, body: unknown): Promise<Record<string, unknown>> {
      const input = parseOrThrow(optionsSchema, body);
      const job = await loadJob(ctx, ctx.db, actor, id);
      if (job.status !== 'ready') throw new AppError('invalid_state', 'Only an import that has not run yet can be changed.');
      if (input.version !== undefined && input.version !== Number(job.version)) throw new AppError('version_conflict', 'The import was changed since you read it.', { extra: { current: json(job) } });
      const structure = JSON.parse(job.structure) as Structure;
      const options = JSON.parse(job.options) as JobOptions;
      const file = filePath(ctx, job);
      if (input.onDuplicate) {
        assertImport(actor, job.target, input.onDuplicate);
        options.onDuplicate = input.onDuplicate;
      }
      const sheetChanged = input.sheet !== undefined && input.sheet !== (options.sheet ?? structure.sheets[0]?.name);
      if (sheetChanged && !structure.sheets.some((s) => s.name === input.sheet)) {
        throw new AppError('validation_failed', 'There is no such sheet.', { details: [{ field: 'sheet', code: 'invalid_choice', message: `Choose one of: ${structure.sheets.map((s) => s.name).join(', ')}.` }] });
      }
      if (input.mappingName || sheetChanged || input.headerRow !== undefined) {
        const saved = input.mappingName ? await findMapping(ctx, job.target, input.mappingName) : undefined;
        const sheet = input.sheet ?? saved?.sheet ?? options.sheet;
        const found = await analyse(ctx, job.target, file, structure, { sheet, headerRow: input.headerRow, saved });
        options.mapping = found.mapping;
        options.header = found.header;
        if (sheet) options.sheet = sheet;
      }
      if (input.mapping) {
          const keys = new Set((await importFields(ctx, ctx.db, job.target)).map((f) => f.key));
        const rows = await headRows(file, structure, options.sheet, input.mapping.headerRow + 1);
        const width = Math.max(0, ...rows.map(([, cells]) => cells.length));
        checkMapping(input.mapping, keys, width);
        if (input.mapping.headerRow !== options.mapping.headerRow) options.header = rows.find(([n]) => n === input.mapping!.headerRow)?.[1] ?? [];
        options.mapping = input.mapping;
      }
      await ctx.db('import_jobs').where({ id }).update({ options: JSON.stringify(options), updated_at: nowIso(ctx), version: ctx.db.raw('version + 1') });
      return reload(actor, id);
    },

    /** The first rows as they will be saved: values, problems per field and the duplicate each would meet. Writes nothing. */
    async preview(actor: Actor, id: number, query: Record<string, unknown>): Promise<Record<string, unknown>> {
      const { limit } = parseOrThrow(z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), query);
      const job = await loadJob(ctx, ctx.db, actor, id);
      if (job.error_code && job.status === 'failed' && !Number(job.cursor)) throw new AppError('invalid_state', `The file cannot be imported: ${job.error_message ?? ''}`);
      const options = JSON.parse(job.options) as JobOptions;
      const structure = JSON.parse(job.structure) as Structure;
      const setup = await setupFor(ctx, actor, job, options);
      const rows = (await headRows(filePath(ctx, job), structure, options.sheet, options.mapping.headerRow + limit + 50))
        .filter(([n, cells]) => n > options.mapping.headerRow && !isEmptyRow(cells)).slice(0, limit);
      const items: unknown[] = [];
      const rollback = new Error('preview');
      await ctx.db.transaction(async (trx) => {
        // The same resolution and checks as the run, so the preview shows the problems the run would report.
        const checked = [];
        for (const [n, cells] of rows) checked.push(await resolve(trx, setup, buildDraft(job.target, setup.byKey, options.mapping, n, cells), { createCategories: false }));
        const matches = await findExisting(trx, job.target, checked.map((c) => matchKeys(job.target, c.values ?? {})));
        const ids = matches.flatMap((m) => (m ? [m.id] : []));
        const names = new Map(((ids.length ? await trx(job.target).whereIn('id', ids).select('id', 'name') : []) as { id: number; name: string }[]).map((r) => [Number(r.id), r.name]));
        checked.forEach((c, i) => {
          const m = matches[i];
          items.push({
            rowNumber: c.draft.rowNumber,
            values: { ...c.body, ...(c.draft.refs.category ? { category: c.draft.refs.category } : {}), ...(c.draft.contact ? { contact: c.draft.contact } : {}) },
            problems: c.problems,
            duplicate: m ? { id: m.id, name: names.get(m.id) ?? null, reason: m.reason, value: m.value } : null,
          });
        });
        throw rollback;
      }).catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
      return { items, mapping: options.mapping, header: options.header };
    },

    async start(actor: Actor, id: number, body: unknown): Promise<Record<string, unknown>> {
      if (body && typeof body === 'object' && Object.keys(body).length) await this.update(actor, id, body);
      const job = await loadJob(ctx, ctx.db, actor, id);
      const options = JSON.parse(job.options) as JobOptions;
      assertImport(actor, job.target, options.onDuplicate);
      if (job.status !== 'ready') throw new AppError('invalid_state', job.status === 'failed' && job.error_code ? `The file cannot be imported: ${job.error_message ?? ''}` : `The import is ${job.status}; only a new import can be started (use resume for a stopped one).`);
      if (!options.mapping.columns.length) throw new AppError('validation_failed', 'Map at least one column before importing.', { details: [{ field: 'mapping.columns', code: 'required', message: 'No column is mapped to a field.' }] });
      const claimed = await ctx.db('import_jobs').where({ id, status: 'ready' }).update({ status: 'running', updated_at: nowIso(ctx) });
      if (!claimed) throw new AppError('invalid_state', 'The import was started already.');
      void startRun(ctx, actor, { ...job, status: 'running' });
      return reload(actor, id);
    },

    async cancel(actor: Actor, id: number): Promise<Record<string, unknown>> {
      const job = await loadJob(ctx, ctx.db, actor, id);
      const status = effectiveStatus(ctx, job, isRunningHere(ctx, id));
      if (status === 'ready' || status === 'interrupted') await setStatus(ctx, ctx.db, id, 'cancelled', { finished_at: nowIso(ctx) });
      else if (status === 'running') await setStatus(ctx, ctx.db, id, 'cancelling');
      else if (status !== 'cancelling') throw new AppError('invalid_state', `The import is ${status}; there is nothing to cancel.`);
      return reload(actor, id);
    },

    async resume(actor: Actor, id: number): Promise<Record<string, unknown>> {
      const job = await loadJob(ctx, ctx.db, actor, id);
      const status = effectiveStatus(ctx, job, isRunningHere(ctx, id));
      const resumable = status === 'interrupted' || status === 'cancelled' || (status === 'failed' && job.error_code === 'internal');
      if (!resumable) throw new AppError('invalid_state', `The import is ${status}; only an interrupted, cancelled or failed import can be resumed.`);
      const options = JSON.parse(job.options) as JobOptions;
      assertImport(actor, job.target, options.onDuplicate);
      const claimed = await ctx.db('import_jobs').where({ id, version: job.version }).update({ status: 'running', updated_at: nowIso(ctx), version: ctx.db.raw('version + 1') });
      if (!claimed) throw new AppError('invalid_state', 'The import was resumed already.');
      void startRun(ctx, actor, { ...job, status: 'running' });
      return reload(actor, id);
    },

    async undo(actor: Actor, id: number): Promise<UndoResult & { job: Record<string, unknown> }> {
      const job = await loadJob(ctx, ctx.db, actor, id);
      assertCan(actor, RESOURCE[job.target], 'delete');
      const status = effectiveStatus(ctx, job, isRunningHere(ctx, id));
      if (!['done', 'cancelled', 'interrupted', 'failed'].includes(status)) throw new AppError('invalid_state', `The import is ${status}; undo is possible once it has stopped.`);
      const claimed = await ctx.db('import_jobs').where({ id, version: job.version }).update({ status: 'running', updated_at: nowIso(ctx), version: ctx.db.raw('version + 1') });
      if (!claimed) throw new AppError('invalid_state', 'The import is being changed by another request.');
      try {
        const result = await undoImport(ctx, actor, id, job.target);
        await setStatus(ctx, ctx.db, id, 'undone', { finished_at: nowIso(ctx) });
        return { ...result, job: await reload(actor, id) };
      } catch (err) {
        await setStatus(ctx, ctx.db, id, job.status === 'running' ? 'cancelled' : job.status);
        throw err;
      }
    },

    async rows(actor: Actor, id: number, query: Record<string, unknown>): Promise<Record<string, unknown>> {
      const q = parseOrThrow(z.object({
        outcome: z.enum(['created', 'updated', 'skipped', 'failed', 'held']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).default(0),
      }), query);
      await loadJob(ctx, ctx.db, actor, id);
      const qb = ctx.db('import_rows').where({ job_id: id });
      if (q.outcome) qb.where({ outcome: q.outcome });
      const total = Number(((await qb.clone().count({ n: '*' }).first()) as { n: number | string }).n);
      const rows = (await qb.orderBy('row_number').limit(q.limit).offset(q.offset)) as { row_number: number; outcome: string; entity: string | null; record_id: number | null; source: string | null; reason: string | null; undo: string | null }[];
      return {
        items: rows.map((r) => ({
          rowNumber: Number(r.row_number), outcome: r.outcome, entity: r.entity, recordId: r.record_id === null ? null : Number(r.record_id),
          cells: r.source ? JSON.parse(r.source) : null, problems: r.reason ? JSON.parse(r.reason) : [], undo: r.undo,
        })),
        total, limit: q.limit, offset: q.offset,
      };
    },

    /** Decisions on rows held for review: skip, create anyway, or update the record found. */
    async review(actor: Actor, id: number, body: unknown): Promise<Record<string, unknown>> {
      const input = parseOrThrow(reviewSchema, body);
      const job = await loadJob(ctx, ctx.db, actor, id);
      const status = effectiveStatus(ctx, job, isRunningHere(ctx, id));
      if (status === 'running' || status === 'cancelling' || status === 'undone') throw new AppError('invalid_state', `The import is ${status}; review the held rows once it has stopped.`);
      const options = JSON.parse(job.options) as JobOptions;
      const held = (await ctx.db('import_rows').where({ job_id: id, outcome: 'held' }).whereIn('row_number', input.decisions.map((d) => d.rowNumber))
        .select('id', 'row_number', 'record_id', 'source', 'before')) as { id: number; row_number: number; record_id: number; source: string; before: string }[];
      const byRow = new Map(held.map((h) => [Number(h.row_number), h]));
      const missing = input.decisions.filter((d) => !byRow.has(d.rowNumber));
      if (missing.length) {
        throw new AppError('validation_failed', 'Some rows are not held for review.', { details: missing.slice(0, 50).map((d) => ({ field: 'decisions', code: 'not_held', message: `Row ${d.rowNumber} is not held for review.`, rowNumber: d.rowNumber })) });
      }
      for (const d of input.decisions) assertImport(actor, job.target, d.action === 'update' ? 'update' : 'skip');
      const setup = await setupFor(ctx, actor, job, options);
      const drafts = input.decisions.map((d) => buildDraft(job.target, setup.byKey, options.mapping, d.rowNumber, JSON.parse(byRow.get(d.rowNumber)!.source) as Cell[]));
      const forced = new Map(input.decisions.map((d) => [d.rowNumber, { action: d.action, recordId: d.action === 'update' ? Number(byRow.get(d.rowNumber)!.record_id) : undefined }]));
      // Each part's held entries go in the transaction that writes its decisions (process.ts writeChunk).
      for (let i = 0; i < drafts.length; i += 200) await processChunk(setup, drafts.slice(i, i + 200), forced);
      return reload(actor, id);
    },

    async report(actor: Actor, id: number, res: Response): Promise<void> {
      const job = await loadJob(ctx, ctx.db, actor, id);
      const options = JSON.parse(job.options) as JobOptions;
      const name = `${job.file_name.replace(/\.[^.]*$/, '')} - not imported.xlsx`;
      res.status(200);
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', attachmentDisposition(name));
      await writeErrorReport(ctx.db, id, options.header, res);
    },

    async remove(actor: Actor, id: number): Promise<void> {
      const job = await loadJob(ctx, ctx.db, actor, id);
      const status = effectiveStatus(ctx, job, isRunningHere(ctx, id));
      if (status === 'running' || status === 'cancelling') throw new AppError('invalid_state', 'Cancel the import before deleting it.');
      await ctx.db('import_jobs').where({ id }).delete();
      fs.rmSync(filePath(ctx, job), { force: true });
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
