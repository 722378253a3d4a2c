import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Conn } from '../db/connect.js';
import type { Cell } from './read/table.js';

/**
 * The error report: the original rows that were not imported (failed, or
 * held for review), as they were in the file, with the row number, what
 * happened and why, as an .xlsx a user fixes and imports again. Streamed
 * with exceljs's WorkbookWriter, a page of rows at a time. Text is written
 * as text, so a cell that was "=1+1" in a CSV stays text here.
 */
export async function writeErrorReport(conn: Conn, jobId: number, header: Cell[], out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Not imported', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = header.length;
  const head = sheet.addRow(['Row', 'Outcome', 'Reason', ...header.map((h) => (h === null ? '' : String(h instanceof Date ? h.toISOString().slice(0, 10) : h)))]);
  head.font = { bold: true };
  head.commit();
  sheet.getColumn(3).width = 60;
  let lastId = 0;
  for (;;) {
    const rows = (await conn('import_rows').where({ job_id: jobId }).whereIn('outcome', ['failed', 'held']).where('id', '>', lastId).orderBy('id').limit(1000)
      .select('id', 'row_number', 'outcome', 'source', 'reason')) as { id: number; row_number: number; outcome: string; source: string | null; reason: string | null }[];
    if (!rows.length) break;
    lastId = Number(rows[rows.length - 1]!.id);
    for (const r of rows.sort((a, b) => a.row_number - b.row_number)) {
      const cells = r.source ? (JSON.parse(r.source) as Cell[]) : [];
      const reasons = r.reason ? (JSON.parse(r.reason) as { field?: string; message: string }[]) : [];
      const reason = reasons.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('\n');
      const values = cells.slice(0, Math.max(width, cells.length)).map((c) => (typeof c === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(c) ? new Date(c) : c));
      sheet.addRow([Number(r.row_number), r.outcome === 'held' ? 'held for review' : 'not imported', reason, ...values]).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
