import { api, ApiError } from '../api/client.js';
import type { Cell, ExcelHost, RowMark } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { cellOf } from '../records/ExcelPull.js';
import type { FieldMeta, RecordData } from '../records/meta.js';

/**
 * Two-way editing of a pulled list. A pulled table ends with one hidden
 * column titled "Kontora:<list path>" whose cell holds, per row, the
 * record's id, its version and the values as pulled. Pushing compares each
 * row with what was pulled, sends only the cells the user changed, with the
 * pulled version, and so never overwrites a record someone changed in
 * Kontora since: the server answers 409 and the row is shown as a conflict.
 */

export const META_PREFIX = 'Kontora:';

export interface RowMeta {
  id: number;
  v: number;
  c: Cell[];
}

/** The hidden cell of a pulled row. */
export function metaCell(record: RecordData, cells: Cell[]): string {
  return JSON.stringify({ id: record.id, v: record.version, c: cells } satisfies RowMeta);
}

export interface PulledRow {
  /** 1-based sheet row. */
  sheetRow: number;
  id: number;
  version: number;
  pulled: Cell[];
  current: Cell[];
}

export interface PulledSheet {
  path: string;
  labels: string[];
  /** 0-based column of the hidden cell within the area. */
  metaColumn: number;
  rows: PulledRow[];
  /** Rows without the hidden cell (added by hand): not pushed. */
  unknown: number;
}

/** Reads a pulled table from the cells of its area (header first); null when the area is not a pulled list. */
export function parsePulled(cells: Cell[][], firstRow: number): PulledSheet | null {
  const header = cells[0] ?? [];
  const metaColumn = header.findIndex((h) => typeof h === 'string' && h.startsWith(META_PREFIX));
  if (metaColumn < 0) return null;
  const path = String(header[metaColumn]).slice(META_PREFIX.length).trim();
  if (!/^\/[a-z-]+$/.test(path)) return null;
  const labels = header.slice(0, metaColumn).map((h) => (h === null ? '' : String(h)));
  const rows: PulledRow[] = [];
  let unknown = 0;
  cells.slice(1).forEach((row, i) => {
    const raw = row[metaColumn];
    const current = labels.map((_, c) => row[c] ?? null);
    let meta: RowMeta | null = null;
    try {
      meta = typeof raw === 'string' ? (JSON.parse(raw) as RowMeta) : null;
    } catch {
      meta = null;
    }
    if (!meta || !Number.isInteger(meta.id) || !Number.isInteger(meta.v) || !Array.isArray(meta.c)) {
      if (current.some((c) => c !== null && c !== '')) unknown++;
      return;
    }
    rows.push({ sheetRow: firstRow + 1 + i, id: meta.id, version: meta.v, pulled: meta.c, current });
  });
  return { path, labels, metaColumn, rows, unknown };
}

/** Equal as a user sees them: empty is empty, numbers by value, the rest by text. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  const norm = (x: Cell | undefined) => (x === null || x === undefined ? '' : x);
  const x = norm(a);
  const y = norm(b);
  if (x === '' || y === '') return x === y;
  if (typeof x === 'number' || typeof y === 'number') return Number(x) === Number(y);
  return String(x) === String(y);
}

/** Field types whose cells can be sent back as they are typed. */
const PUSHABLE = new Set(['text', 'long_text', 'email', 'url', 'phone', 'number', 'money', 'date', 'boolean', 'one_of', 'tags']);

/** A typed cell as the API value of a field, or an error saying why the cell cannot be sent (the field is then left alone). */
export function apiValue(field: FieldMeta, cell: Cell): { value: unknown } | { error: string } {
  const text = cell === null ? '' : typeof cell === 'string' ? cell.trim() : String(cell);
  if (text === '') return { value: field.type === 'tags' ? [] : null };
  switch (field.type) {
    case 'number':
    case 'money': {
      const n = typeof cell === 'number' ? String(cell) : text.replace(/[\s\u00a0]/g, '').replace(',', '.');
      return /^-?\d+(\.\d+)?$/.test(n) ? { value: n } : { error: t('excel.push.notNumber', { label: field.label, value: text }) };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text } : { error: t('excel.push.notDate', { label: field.label, value: text }) };
    case 'boolean': {
      if (typeof cell === 'boolean') return { value: cell };
      const yes = /^(true|yes|y|1|да|истина)$/i.test(text);
      const no = /^(false|no|n|0|нет|ложь)$/i.test(text);
      return yes || no ? { value: yes } : { error: t('excel.push.notBoolean', { label: field.label, value: text }) };
    }
    case 'one_of': {
      const choice = field.options.choices?.find((c) => c.label.toLowerCase() === text.toLowerCase() || c.key === text);
      return choice ? { value: choice.key } : { error: t('excel.push.notChoice', { label: field.label, value: text, choices: (field.options.choices ?? []).map((c) => c.label).join(', ') }) };
    }
    case 'tags':
      return { value: text.split(/[,;]/).map((s) => s.trim()).filter(Boolean) };
    default:
      return { value: text };
  }
}

export interface RowChange {
  row: PulledRow;
  body: Record<string, unknown>;
  /** Labels of changed cells that cannot be pushed (links, phones…), or that do not hold a valid value. */
  problems: string[];
}

/** The changes of each edited row, as PATCH bodies. Columns are matched to fields by their header (the field's label). */
export function changesOf(sheet: PulledSheet, fields: FieldMeta[]): RowChange[] {
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  const out: RowChange[] = [];
  for (const row of sheet.rows) {
    const body: Record<string, unknown> = {};
    const problems: string[] = [];
    sheet.labels.forEach((label, c) => {
      if (sameCell(row.current[c], row.pulled[c])) return;
      const field = byLabel.get(label);
      if (!field || field.readOnly || !PUSHABLE.has(field.type)) {
        problems.push(t('excel.push.notPushable', { label }));
        return;
      }
      const v = apiValue(field, row.current[c] ?? null);
      if ('error' in v) problems.push(v.error);
      else body[field.key] = v.value;
    });
    if (Object.keys(body).length || problems.length) out.push({ row, body, problems });
  }
  return out;
}

export interface PushOutcome {
  saved: number;
  conflicts: { row: number; id: number; note: string }[];
  failed: { row: number; id: number; note: string }[];
}

/**
 * Sends each changed row with the version it was pulled at. Saved rows get
 * a fresh hidden cell (so pushing twice sends nothing twice) and lose any
 * earlier mark; conflicts and refusals are marked in the sheet with what
 * the server holds or why it refused.
 */
export async function pushChanges(
  host: ExcelHost,
  area: { sheet: string; firstRow: number; firstColumn: number },
  sheet: PulledSheet,
  fields: FieldMeta[],
  onProgress?: (done: number, total: number) => void,
): Promise<PushOutcome> {
  const changes = changesOf(sheet, fields);
  const outcome: PushOutcome = { saved: 0, conflicts: [], failed: [] };
  const marks: RowMark[] = [];
  const writes: { row: number; column: number; value: Cell }[] = [];
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  const changedFields = (change: RowChange) => Object.keys(change.body).map((k) => fields.find((f) => f.key === k)!).filter(Boolean);
  let done = 0;
  // Rows already saved get their fresh hidden cell even when a later row fails hard (network, 5xx):
  // otherwise the next push would send them again with their old version and see the user's own change as a conflict.
  try {
    for (const change of changes) {
      const { row } = change;
      if (change.problems.length && !Object.keys(change.body).length) {
        outcome.failed.push({ row: row.sheetRow, id: row.id, note: change.problems.join(' · ') });
        marks.push({ row: row.sheetRow, kind: 'rejected', note: change.problems.join(' · ') });
        continue;
      }
      try {
        const saved = await api.patch<RecordData>(`${sheet.path}/${row.id}`, { ...change.body, version: row.version });
        const pulled = sheet.labels.map((label, c) => {
          const f = byLabel.get(label);
          return f && f.key in change.body ? cellOf(f, saved) : (row.pulled[c] ?? null);
        });
        writes.push({ row: row.sheetRow, column: area.firstColumn + sheet.metaColumn, value: metaCell(saved, pulled) });
        outcome.saved++;
        if (change.problems.length) {
          outcome.failed.push({ row: row.sheetRow, id: row.id, note: change.problems.join(' · ') });
          marks.push({ row: row.sheetRow, kind: 'rejected', note: change.problems.join(' · ') });
        } else marks.push({ row: row.sheetRow, kind: 'clear' });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'version_conflict') {
          let note = t('excel.push.conflict');
          try {
            const server = await api.get<RecordData>(`${sheet.path}/${row.id}`);
            const values = changedFields(change).map((f) => `${f.label}: ${String(cellOf(f, server) ?? '—')}`);
            note = t('excel.push.conflictValues', { values: values.join('; ') });
          } catch (inner) {
            if (inner instanceof ApiError && inner.status === 404) note = t('excel.push.deleted');
          }
          outcome.conflicts.push({ row: row.sheetRow, id: row.id, note });
          marks.push({ row: row.sheetRow, kind: 'conflict', note });
        } else if (err instanceof ApiError && err.status !== 0 && err.status < 500) {
          const note = err.details.length ? err.details.map((d) => d.message).join(' · ') : err.message;
          outcome.failed.push({ row: row.sheetRow, id: row.id, note });
          marks.push({ row: row.sheetRow, kind: 'rejected', note });
        } else throw err;
      }
      onProgress?.(++done, changes.length);
    }
  } finally {
    if (writes.length) await host.writeCells(area.sheet, writes);
    if (marks.length) {
      const lastColumn = area.firstColumn + sheet.labels.length - 1;
      // The note goes right of the hidden column, so it is seen and never mistaken for a field.
      await host.markRows(area.sheet, { firstColumn: area.firstColumn, lastColumn, noteColumn: area.firstColumn + sheet.metaColumn + 1, headerRow: area.firstRow, noteHeader: t('excel.marks.header') }, marks);
    }
  }
  return outcome;
}
