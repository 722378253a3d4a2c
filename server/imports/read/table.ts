/**
 * Every import format is read as a table: named sheets of rows of cells.
 * A CSV, vCard or JSON-rows file has one sheet; an .xlsx file has its own.
 */

/** A cell as read: text, a number, a yes/no, a date (xlsx date cells) or empty. */
export type Cell = string | number | boolean | Date | null;

export interface SheetInfo {
  name: string;
  /** Rows in the sheet as the file declares them (xlsx dimension), when known. */
  rowsEstimate?: number;
}

export type Format = 'xlsx' | 'csv' | 'vcard' | 'json';

/** How a text file is encoded and split, found by detection or given by the user. */
export interface TextOptions {
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'windows-1251';
  delimiter: ',' | ';' | '\t';
}

/** The longest text a cell may hold: Excel's own limit for a cell. */
export const MAX_CELL_CHARS = 32_767;

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export function isEmptyRow(row: Cell[]): boolean {
  return row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}
