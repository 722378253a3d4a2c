import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, exportCell, looksLikeFormula, type Column } from './cells.js';
import type { ApiRecord } from '../records/rows.js';

/**
 * The three export formats, each written row by row to a stream. Text
 * that a spreadsheet would run as a formula is neutralised: in CSV it gets
 * a leading apostrophe (the OWASP advice; Excel hides it), in .xlsx every
 * text is written as a text cell (never a formula), in HTML it is escaped.
 */
export interface ExportWriter {
  contentType: string;
  extension: string;
  begin(columns: Column[]): Promise<void>;
  rows(columns: Column[], records: ApiRecord[]): Promise<void>;
  end(): Promise<void>;
}

/** Waits for a stream to take more when it is full. */
function write(out: Writable, text: string): Promise<void> {
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve) => out.once('drain', resolve));
}

export function csvWriter(out: Writable, options: { bom: boolean; delimiter: string }): ExportWriter {
  const quote = (text: string) => {
    const safe = looksLikeFormula(text) ? `'${text}` : text;
    return /["\r\n]/.test(safe) || safe.includes(options.delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    async begin(columns) {
      await write(out, (options.bom ? '\ufeff' : '') + columns.map((c) => quote(c.label)).join(options.delimiter) + '\r\n');
    },
    async rows(columns, records) {
      let chunk = '';
      for (const record of records) {
        chunk += columns.map((c) => {
          const cell = exportCell(c, record);
          // Numbers are written as the exact decimals they are; only text can be a formula.
          return cell.kind === 'text' ? quote(cell.value) : cellText(cell);
        }).join(options.delimiter) + '\r\n';
      }
      await write(out, chunk);
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function htmlWriter(out: Writable, title: string): ExportWriter {
  return {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    async begin(columns) {
      await write(out, `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`
        + '<style>body{font-family:Segoe UI,Arial,sans-serif;font-size:13px}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right}</style>'
        + `</head><body><h1>${escapeHtml(title)}</h1><table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr></thead><tbody>\n`);
    },
    async rows(columns, records) {
      let chunk = '';
      for (const record of records) {
        chunk += '<tr>' + columns.map((c) => {
          const cell = exportCell(c, record);
          return `<td${cell.kind === 'number' ? ' class="n"' : ''}>${escapeHtml(cellText(cell)).replace(/\n/g, '<br>')}</td>`;
        }).join('') + '</tr>\n';
      }
      await write(out, chunk);
    },
    async end() {
      await write(out, '</tbody></table></body></html>\n');
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/** Number format of a column: money and decimals with their places, grouped thousands. */
function numFmt(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

export function xlsxWriter(out: Writable, title: string): ExportWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  let count = 0;
  let width = 0;
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    async begin(columns) {
      width = columns.length;
      sheet.columns = columns.map((c) => ({ key: c.key, width: Math.min(50, Math.max(10, c.label.length + 2)) }));
      const head = sheet.addRow(columns.map((c) => c.label));
      head.font = { bold: true };
      head.commit();
    },
    async rows(columns, records) {
      for (const record of records) {
        const row = sheet.addRow(columns.map(() => null));
        columns.forEach((c, i) => {
          const cell = exportCell(c, record);
          const target = row.getCell(i + 1);
          switch (cell.kind) {
            case 'number':
              target.value = cell.value;
              target.numFmt = c.field.type === 'money' ? numFmt(Math.max(cell.decimals, 2)) : numFmt(cell.decimals);
              break;
            case 'date':
              target.value = cell.value;
              target.numFmt = c.field.type === 'datetime' ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
              break;
            case 'boolean':
              target.value = cell.value;
              break;
            case 'text':
              // A string value is always a text cell in the file, never a formula.
              target.value = cell.value;
              break;
            default:
              break;
          }
        });
        row.commit();
        count++;
      }
    },
    async end() {
      // Filter buttons over the whole table, like Format as Table.
      if (width) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: width } };
      sheet.commit();
      await workbook.commit();
    },
  };
}
