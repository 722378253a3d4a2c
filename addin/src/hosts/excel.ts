import type { Cell, ExcelHost, SheetTable } from './host.js';

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
        sheet.activate();
        await context.sync();
        return name;
      });
    },
  };
}
