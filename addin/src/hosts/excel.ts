import type { Cell, ExcelHost, RowMark, SheetArea, SheetTable } from './host.js';

/** Excel limits a request's payload (about 5 MB); rows are written in slices well below it. */
export const ROWS_PER_WRITE = 2000;

/**
 * Text Excel would read as a formula, or as a number (dropping an account
 * number's digits past 15 or a code's leading zeros), is written as text.
 * Real numbers arrive as numbers and stay numbers.
 */
export function asCell(value: Cell): Cell {
  if (typeof value === 'string' && (/^[=+\-@\t\r]/.test(value) || /^\s*(\d+[.,]?\d*|[.,]\d+)(e[+-]?\d+)?\s*$/i.test(value))) return `'${value}`;
  return value ?? '';
}

/** Column letters for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * A worksheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ],
 * no apostrophe at either end, not the reserved "History", unique in the
 * workbook.
 */
export function sheetName(title: string, taken: string[]): string {
  const clean = (s: string) => s.replace(/^[\s']+|[\s']+$/g, '');
  const base = clean(clean(title.replace(/[:\\/?*[\]]/g, ' ')).slice(0, 28)) || 'Kontora';
  const lower = new Set([...taken.map((n) => n.toLowerCase()), 'history']);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${clean(base.slice(0, 27))} ${i}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Cells per read: Excel refuses a response over about 5 MB, and 20,000
 * cells of even 200 characters stay under it; a sheet of 10 columns is
 * read 2,000 rows at a time.
 */
export const CELLS_PER_READ = 20_000;

export function rowsPerRead(columns: number): number {
  return Math.max(1, Math.min(ROWS_PER_WRITE, Math.floor(CELLS_PER_READ / Math.max(1, columns))));
}

/** Whether a number format shows a date (d, y, or a month name) rather than a number or a time alone. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === 'General' || format === '@') return false;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dy]/i.test(bare) && !/[0#?]/.test(bare);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell's serial number as ISO text (the time of day, if any, dropped). */
export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** A cell as read: dates as ISO text, empty cells as null, everything else as Excel gives it. */
export function readCell(value: unknown, format: unknown): Cell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') return isDateFormat(format) && value > 0 && value < 2958466 ? serialToIso(value) : value;
  if (typeof value === 'boolean') return value;
  return String(value);
}

/** Fill colours of marked rows: a light red for rows the import refused, amber for conflicts. */
export const MARK_COLOURS = { rejected: '#F8D7DA', conflict: '#FFE8B3' } as const;

export function excelHost(): ExcelHost {
  return {
    kind: 'excel',
    async pullTable(table: SheetTable): Promise<string> {
      return Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const name = sheetName(table.title, sheets.items.map((s) => s.name));
        const sheet = sheets.add(name);
        const width = Math.max(1, table.columns.length);
        const last = columnLetter(width);
        const header = sheet.getRange(`A1:${last}1`);
        header.values = [table.columns.map((c) => asCell(c))];
        for (let start = 0; start < table.rows.length; start += ROWS_PER_WRITE) {
          const slice = table.rows.slice(start, start + ROWS_PER_WRITE);
          const range = sheet.getRange(`A${start + 2}:${last}${start + 1 + slice.length}`);
          range.values = slice.map((row) => Array.from({ length: width }, (_, i) => asCell(row[i] ?? null)));
          await context.sync();
        }
        const tableRange = `A1:${last}${table.rows.length + 1}`;
        const excelTable = sheet.tables.add(tableRange, true);
        // Table names may hold any letters (a Russian title keeps its own name), but no spaces or punctuation.
        excelTable.name = `Kontora_${name.replace(/[^\p{L}\p{N}_]/gu, '_')}`.slice(0, 250);
        sheet.getRange(tableRange).format.autofitColumns();
        if (table.hiddenColumns) sheet.getRange(`${columnLetter(width - table.hiddenColumns + 1)}:${last}`).columnHidden = true;
        sheet.activate();
        await context.sync();
        return name;
      });
    },

    async sheetArea(source: 'used' | 'selection'): Promise<SheetArea> {
      return Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        // valuesOnly: formatting alone (a coloured empty row) does not make a row "used".
        const range = source === 'used' ? sheet.getUsedRange(true) : context.workbook.getSelectedRange();
        sheet.load('name');
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        await context.sync();
        return { sheet: sheet.name, firstRow: range.rowIndex + 1, firstColumn: range.columnIndex + 1, rowCount: range.rowCount, columnCount: range.columnCount };
      });
    },

    async readRows(area: SheetArea, offset: number, count: number): Promise<Cell[][]> {
      const end = Math.min(area.rowCount, offset + count);
      if (offset >= end) return [];
      const first = columnLetter(area.firstColumn);
      const last = columnLetter(area.firstColumn + area.columnCount - 1);
      const step = rowsPerRead(area.columnCount);
      return Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(area.sheet);
        const out: Cell[][] = [];
        for (let from = offset; from < end; from += step) {
          const to = Math.min(end, from + step);
          const range = sheet.getRange(`${first}${area.firstRow + from}:${last}${area.firstRow + to - 1}`);
          range.load('values,numberFormat');
          await context.sync();
          const values = range.values as unknown[][];
          const formats = range.numberFormat as unknown[][];
          values.forEach((row, r) => out.push(row.map((v, c) => readCell(v, formats[r]?.[c]))));
        }
        return out;
      });
    },

    async markRows(sheetName, layout, marks: RowMark[]): Promise<void> {
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        const note = columnLetter(layout.noteColumn);
        sheet.getRange(`${note}${layout.headerRow}`).values = [[asCell(layout.noteHeader)]];
        const first = columnLetter(layout.firstColumn);
        const last = columnLetter(layout.lastColumn);
        for (let i = 0; i < marks.length; i++) {
          const m = marks[i]!;
          const fill = sheet.getRange(`${first}${m.row}:${last}${m.row}`).format.fill;
          if (m.kind === 'clear') fill.clear();
          else fill.color = MARK_COLOURS[m.kind];
          sheet.getRange(`${note}${m.row}`).values = [[m.kind === 'clear' ? '' : asCell(m.note ?? '')]];
          if (i % 500 === 499) await context.sync();
        }
        await context.sync();
      });
    },

    async writeCells(sheetName, cells): Promise<void> {
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i]!;
          sheet.getRange(`${columnLetter(c.column)}${c.row}`).values = [[asCell(c.value)]];
          if (i % 1000 === 999) await context.sync();
        }
        await context.sync();
      });
    },
  };
}
