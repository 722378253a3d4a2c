import fs from 'node:fs';
import { parse } from 'csv-parse';
import { AppError } from '../../errors/app-error.js';
import { MAX_CELL_CHARS, type Cell, type TextOptions } from './table.js';
import { decodeStream } from './text.js';

/** A record may hold a few huge cells before it is refused (bounds memory). */
const MAX_RECORD_CHARS = 4 * MAX_CELL_CHARS + 1024;

function tooLarge(line: number, col: number, length?: number): AppError {
  return new AppError('import_cell_too_large', `A cell on line ${line}${col ? `, column ${col}` : ''} holds ${length ? length.toLocaleString('en') : 'more than ' + MAX_RECORD_CHARS.toLocaleString('en')} characters; a cell may hold at most ${MAX_CELL_CHARS.toLocaleString('en')}.`, {
    details: [{ code: 'cell_too_large', message: 'Shorten or remove the cell.', row: line, ...(col ? { column: col } : {}) }],
  });
}

/**
 * Rows of a CSV file, streamed through iconv-lite and csv-parse: quoted
 * cells may hold delimiters, quotes ("") and line breaks; rows may have
 * fewer or more cells than the header. Yields [lineNumber, cells] with the
 * line a row starts on, as a text editor shows it.
 */
export async function* csvRows(file: string, options: TextOptions): AsyncGenerator<[number, Cell[]]> {
  // UTF-8 bytes go to csv-parse as they are (it decodes them, and drops a
  // BOM): the same text as through iconv-lite, without a decoding stream
  // between the file and the parser. Other encodings are decoded first.
  const utf8 = options.encoding === 'utf8';
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    ...(utf8 ? { bom: true, encoding: 'utf8' as const } : {}),
  });
  const input: NodeJS.ReadableStream = utf8 ? fs.createReadStream(file) : decodeStream(file, options.encoding);
  input.on('error', (err: Error) => parser.destroy(err));
  // Records are taken from the parser's buffer with read() for as long as
  // it has any, and only an empty buffer waits for an event: an async
  // iterator over the stream would add a promise per record to the one
  // this generator's yield costs (0.2–0.3 s per 100,000 rows).
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const rouse = () => {
    wake?.();
    wake = null;
  };
  parser.on('readable', rouse);
  parser.on('end', () => {
    ended = true;
    rouse();
  });
  parser.on('error', (err: Error) => {
    failure = err;
    rouse();
  });
  input.pipe(parser);
  let line = 0;
  try {
    for (;;) {
      let record: string[] | null;
      while ((record = parser.read() as string[] | null) !== null) {
        // The record's number (what csv-parse's info.records counts), header included.
        line++;
        for (let i = 0; i < record.length; i++) {
          if (record[i]!.length > MAX_CELL_CHARS) throw tooLarge(line, i + 1, record[i]!.length);
        }
        yield [line, record];
      }
      if (failure) throw failure;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(e.lines ?? 0, 0);
    throw new AppError('import_file_corrupt', `The CSV file cannot be read${e.lines ? ` at line ${e.lines}` : ''}: ${(e.message ?? 'it is damaged').slice(0, 200)}`);
  } finally {
    (input as unknown as { destroy?: () => void }).destroy?.();
    parser.destroy();
  }
}
