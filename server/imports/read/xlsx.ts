import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors/app-error.js';
import { MAX_CELL_CHARS, type Cell } from './table.js';
import { SharedStringFile } from './shared-strings.js';

/**
 * Rows of one sheet of an .xlsx file, streamed with exceljs's
 * WorkbookReader: shared, inline and rich-text strings become text,
 * formulas their cached result, date-formatted serials dates, hyperlinks
 * their shown text. Call inspectXlsx (zip-guard.ts) first: it refuses zip
 * bombs before this unpacks anything.
 */

interface RichText { richText: { text: string }[] }

export function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v as unknown as RichText).richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? cellValue(v.result) : null;
    if ('text' in v) return cellValue(v.text);
    if ('error' in v) return null;
  }
  return String(value);
}

function tooLarge(sheet: string, row: number, col: number, length: number): AppError {
  return new AppError('import_cell_too_large', `The cell in row ${row}, column ${col} of sheet "${sheet}" holds ${length.toLocaleString('en')} characters; a cell may hold at most ${MAX_CELL_CHARS.toLocaleString('en')}.`, {
    details: [{ code: 'cell_too_large', message: 'Shorten or remove the cell.', sheet, row, column: col }],
  });
}

/**
 * Shared strings above this size (unpacked) are kept off the heap
 * (shared-strings.ts). Held as JavaScript strings they stay live for the
 * whole read and raise the level V8 lets garbage grow to before a full
 * collection: at 16 MB a 100,000-row import peaked at 646 MB RSS, at 4 MB
 * 488 MB, for the same time within noise (the OS caches the file).
 */
export const BIG_SHARED_STRINGS = 4 * 1024 * 1024;

interface ReaderItem { eventType?: string; value?: unknown; index?: number; text?: unknown }

/**
 * Yields [rowNumber, cells] for the sheet named (or the first sheet), with
 * row numbers as Excel shows them. Stops reading (and closes the file) when
 * the caller stops iterating. With `bigStrings` (a workbook whose shared
 * strings unpack to more than BIG_SHARED_STRINGS) the strings go to a
 * temporary file instead of memory.
 */
export async function* xlsxRows(file: string, sheetName?: string, bigStrings = false): AsyncGenerator<[number, Cell[]]> {
  const input = fs.createReadStream(file);
  const strings = bigStrings ? new SharedStringFile() : null;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: strings ? 'emit' : 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  const resolve = (value: unknown): Cell => {
    if (strings && value !== null && typeof value === 'object' && 'sharedString' in (value as object)) {
      return strings.get(Number((value as { sharedString: number }).sharedString));
    }
    return cellValue(value);
  };
  let first = true;
  try {
    const items = (reader as unknown as { parse(): AsyncIterable<ReaderItem> }).parse();
    for await (const item of items) {
      if (item.eventType === undefined) {
        // A shared string (emit mode): plain text or rich text.
        if (strings) strings.add(String(cellValue(item.text as never) ?? ''));
        continue;
      }
      if (item.eventType !== 'worksheet') continue;
      const ws = item.value as { name?: string } & AsyncIterable<ExcelJS.Row>;
      const name = ws.name ?? '';
      const wanted = sheetName === undefined ? first : name === sheetName;
      first = false;
      for await (const row of ws) {
        if (!wanted) continue; // drains the sheet to reach the next one
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) {
          const cell = resolve(values[i]);
          if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) throw tooLarge(name, row.number, i, cell.length);
          cells.push(cell);
        }
        yield [row.number, cells];
      }
      if (wanted) return;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('import_file_corrupt', `The .xlsx file cannot be read: ${(err as Error).message?.slice(0, 200) ?? 'it is damaged'}.`);
  } finally {
    input.destroy();
    strings?.close();
  }
}
