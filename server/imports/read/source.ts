import fs from 'node:fs';
import readline from 'node:readline';
import { AppError } from '../../errors/app-error.js';
import { csvRows } from './csv.js';
import { MAX_CELL_CHARS, type Cell, type Format, type SheetInfo, type TextOptions } from './table.js';
import { assertText, decodeSample, detectDelimiter, detectEncoding, readSample } from './text.js';
import { vcardRows } from './vcard.js';
import { BIG_SHARED_STRINGS, xlsxRows } from './xlsx.js';
import { inspectXlsx } from './zip-guard.js';

/** What detection found out about a file; kept on the job. */
export interface Structure {
  format: Format;
  sheets: SheetInfo[];
  text?: TextOptions;
  /** .xlsx: the shared strings are big enough to be kept off the heap while reading. */
  bigStrings?: boolean;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Finds a file's format by its content (the name only decides what a
 * mismatch is called): a zip is a workbook, an OLE file is the old .xls
 * (refused with advice), text starting with BEGIN:VCARD is vCard, other
 * text is CSV. Binary data that is none of these is refused.
 */
export async function detectStructure(file: string, fileName: string, given?: Partial<TextOptions>): Promise<Structure> {
  const sample = readSample(file);
  if (!sample.length) throw new AppError('import_empty', 'The file is empty.');
  const head = sample.subarray(0, 4);
  if (head.equals(ZIP)) {
    const { sheets, sharedStringsBytes } = await inspectXlsx(file);
    return { format: 'xlsx', sheets, ...(sharedStringsBytes > BIG_SHARED_STRINGS ? { bigStrings: true } : {}) };
  }
  if (head.equals(OLE)) throw new AppError('import_file_corrupt', 'This is an old Excel 97–2003 (.xls) workbook or another Office binary file: open it in Excel and save it as .xlsx.');
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw new AppError('import_file_corrupt', 'The file is named .xlsx but is not an Excel workbook (it is not a zip file).');
  const encoding = given?.encoding ?? detectEncoding(sample);
  const text = decodeSample(sample, encoding);
  assertText(text);
  if (/^\s*BEGIN:VCARD/i.test(text)) return { format: 'vcard', sheets: [{ name: 'vCard' }], text: { encoding, delimiter: ',' } };
  return { format: 'csv', sheets: [{ name: 'CSV' }], text: { encoding, delimiter: given?.delimiter ?? detectDelimiter(text) } };
}

async function* jsonRows(file: string): AsyncGenerator<[number, Cell[]]> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      if (!line) continue;
      n++;
      yield [n, JSON.parse(line) as Cell[]];
    }
  } finally {
    lines.close();
  }
}

/** Every row of the sheet, [row number, cells], streamed. */
export function readRows(file: string, structure: Structure, sheet?: string): AsyncGenerator<[number, Cell[]]> {
  switch (structure.format) {
    case 'xlsx':
      if (sheet !== undefined && !structure.sheets.some((s) => s.name === sheet)) {
        throw new AppError('validation_failed', `The workbook has no sheet "${sheet.slice(0, 100)}".`, { details: [{ field: 'sheet', code: 'invalid_choice', message: `Choose one of: ${structure.sheets.map((s) => s.name).join(', ')}.` }] });
      }
      return xlsxRows(file, sheet, structure.bigStrings === true);
    case 'csv':
      return csvRows(file, structure.text!);
    case 'vcard':
      return vcardRows(file, structure.text!.encoding);
    case 'json':
      return jsonRows(file);
  }
}

/** A JSON cell from the Excel pane: text, number, yes/no or empty, no longer than a cell may be. */
export function jsonCell(value: unknown): Cell | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
  if (typeof value === 'string') return value.length > MAX_CELL_CHARS ? undefined : value;
  return undefined;
}
