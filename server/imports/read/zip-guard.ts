import yauzl from 'yauzl';
import { AppError } from '../../errors/app-error.js';
import type { SheetInfo } from './table.js';

/**
 * Looks at an .xlsx file's zip central directory BEFORE anything unpacks
 * it: a file that is no zip, or that would unpack to too many parts or too
 * much data (a zip bomb), is refused here. Limits are far above what Excel
 * writes for a full sheet (1,048,576 rows × a few dozen columns unpack to
 * about 1–2 GB of XML, streamed, never held in memory).
 */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Total uncompressed size of all parts. */
  totalBytes: 8 * 1024 ** 3,
  /** A part over 16 MB may be at most this many times larger than its compressed size (sheet XML compresses ~10–50×; deflate tops out near 1,030×). */
  ratio: 500,
  /** Shared strings are held in memory while a sheet is read. */
  sharedStrings: 256 * 1024 ** 2,
  /** Parts read whole here (workbook.xml and its relations). */
  smallPart: 16 * 1024 * 1024,
};

function corrupt(why: string): AppError {
  return new AppError('import_file_corrupt', `The file is not a readable .xlsx workbook: ${why}.`);
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(corrupt(err ? err.message.replace(/\.$/, '') : 'it cannot be opened'));
      else resolve(zip);
    });
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let total = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      total += entry.uncompressedSize;
      if (entries.length > ZIP_LIMITS.entries) return reject(new AppError('import_zip_bomb', `The workbook has more than ${ZIP_LIMITS.entries.toLocaleString('en')} parts; it is refused as unsafe to unpack.`));
      if (total > ZIP_LIMITS.totalBytes) return reject(new AppError('import_zip_bomb', `The workbook would unpack to more than ${ZIP_LIMITS.totalBytes / 1024 ** 3} GB; it is refused as unsafe to unpack.`));
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (/sharedStrings\.xml$/i.test(entry.fileName) && entry.uncompressedSize > ZIP_LIMITS.sharedStrings) {
        return reject(new AppError('import_zip_bomb', `The workbook's shared text would unpack to more than ${ZIP_LIMITS.sharedStrings / 1024 ** 2} MB; it is refused as unsafe to unpack.`));
      }
      if (entry.uncompressedSize > 16 * 1024 * 1024 && ratio > ZIP_LIMITS.ratio) {
        return reject(new AppError('import_zip_bomb', `The part ${entry.fileName.slice(0, 100)} would unpack ${Math.round(ratio)} times larger than it is stored; it is refused as unsafe to unpack.`));
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(corrupt(err.message.replace(/\.$/, ''))));
    zip.readEntry();
  });
}

function readPart(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(corrupt(`part ${entry.fileName} cannot be read`));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          stream.destroy();
          resolve(Buffer.concat(chunks).toString('utf8'));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', (e: Error) => reject(corrupt(`part ${entry.fileName}: ${e.message}`)));
    });
  });
}

const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? xmlText(m[1]!) : undefined;
}

/**
 * Checks the workbook and lists its sheets with the row counts their
 * dimensions declare, reading only the central directory, workbook.xml, its
 * relations and the first few KB of each sheet.
 */
export async function inspectXlsx(file: string): Promise<{ sheets: SheetInfo[]; sharedStringsBytes: number }> {
  const zip = await openZip(file);
  try {
    const entries = await readEntries(zip);
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const workbook = byName.get('xl/workbook.xml');
    if (!workbook) throw corrupt('it has no workbook part (is it a different kind of zip file?)');
    const workbookXml = await readPart(zip, workbook, ZIP_LIMITS.smallPart);
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    const relsXml = rels ? await readPart(zip, rels, ZIP_LIMITS.smallPart) : '';
    const targets = new Map<string, string>();
    for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], 'Id');
      const target = attr(m[0], 'Target');
      if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
    }
    const sheets: SheetInfo[] = [];
    for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = attr(m[0], 'name');
      if (!name) continue;
      const rid = attr(m[0], 'r:id') ?? /\s\w+:id="([^"]*)"/.exec(m[0])?.[1];
      const part = rid ? byName.get(targets.get(rid) ?? '') : undefined;
      let rowsEstimate: number | undefined;
      if (part) {
        const head = await readPart(zip, part, 4096);
        const ref = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
        if (ref) rowsEstimate = Number(ref[1]);
      }
      sheets.push({ name, ...(rowsEstimate ? { rowsEstimate } : {}) });
    }
    if (!sheets.length) throw corrupt('it has no sheets');
    return { sheets, sharedStringsBytes: byName.get('xl/sharedStrings.xml')?.uncompressedSize ?? 0 };
  } finally {
    zip.close();
  }
}
