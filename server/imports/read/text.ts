import fs from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../../errors/app-error.js';
import type { TextOptions } from './table.js';

/**
 * Encoding and delimiter detection for CSV and text files, from the first
 * 64 KB: a byte-order mark decides (UTF-8, UTF-16 LE/BE); without one,
 * UTF-16 shows as NUL bytes in every other place, valid UTF-8 is UTF-8, and
 * anything else is taken as Windows-1251 (what Excel on a Russian Windows
 * writes as "CSV"). A file whose text is mostly control characters is
 * binary data, not text, and refused.
 */

export const SAMPLE_BYTES = 64 * 1024;

export function readSample(file: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export function detectEncoding(sample: Buffer): TextOptions['encoding'] {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < pairs; i++) {
      if (sample[2 * i] === 0) evenNul++;
      if (sample[2 * i + 1] === 0) oddNul++;
    }
    // ASCII text in UTF-16 has a NUL in every other byte; binary data in both.
    if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf16le';
    if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf16be';
  }
  // A sample may end inside a multi-byte character: leave out the last 3 bytes.
  const body = sample.length === SAMPLE_BYTES ? sample.subarray(0, sample.length - 3) : sample;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return 'utf8';
  } catch {
    return 'windows-1251';
  }
}

export function decodeSample(sample: Buffer, encoding: TextOptions['encoding']): string {
  return iconv.decode(sample, encoding === 'utf8' ? 'utf8' : encoding);
}

/** Refuses binary data: more than 1% control characters (other than tab and line breaks) or replacement characters. */
export function assertText(text: string): void {
  if (!text.trim()) throw new AppError('import_empty', 'The file is empty.');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) bad++;
  }
  if (bad > Math.max(2, text.length * 0.01)) {
    throw new AppError('import_not_text', 'The file holds binary data, not text: save the list as .xlsx or CSV and upload that.');
  }
}

const DELIMITERS = [';', ',', '\t'] as const;

/**
 * The delimiter used consistently on the first lines: the candidate found
 * the same (non-zero) number of times on most lines, outside quotes.
 */
export function detectDelimiter(text: string): TextOptions['delimiter'] {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text.slice(0, 32 * 1024)) {
    if (ch === '"') quoted = !quoted;
    if ((ch === '\n' || ch === '\r') && !quoted) {
      if (current.trim()) lines.push(current);
      current = '';
      if (lines.length >= 30) break;
    } else {
      current += quoted && ch !== '"' ? '' : ch;
    }
  }
  if (current.trim() && lines.length < 30) lines.push(current);
  let best: { d: TextOptions['delimiter']; score: number; count: number } = { d: ',', score: -1, count: 0 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [c, n] of freq) if (n > modeLines || (n === modeLines && c > mode)) [mode, modeLines] = [c, n];
    if (modeLines > best.score || (modeLines === best.score && mode > best.count)) best = { d, score: modeLines, count: mode };
  }
  return best.d;
}

export function decodeStream(file: string, encoding: TextOptions['encoding']): NodeJS.ReadableStream {
  return fs.createReadStream(file).pipe(iconv.decodeStream(encoding === 'utf8' ? 'utf8' : encoding, { stripBOM: true }));
}
