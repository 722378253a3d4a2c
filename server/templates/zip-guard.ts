/**
 * Checks an uploaded .docx as a zip BEFORE anything parses it: a corrupt
 * or non-zip file, too many entries, or entries that unpack to more than
 * the limits (a zip bomb) are refused. Sizes come from the central
 * directory, and every entry is then inflated as a stream with yauzl
 * counting the bytes, so a file that lies about its sizes is stopped as
 * soon as it unpacks past what it declared.
 */
import yauzl from 'yauzl';
import { AppError } from '../errors/app-error.js';

export const ZIP_LIMITS = {
  entries: 1000,
  /** All entries together, unpacked. */
  totalBytes: 64 * 1024 * 1024,
  /** Packed to unpacked ratio beyond which an entry is a bomb, not a document. */
  ratio: 200,
};

export const invalidFile = (why: string, code = 'invalid_file') =>
  new AppError('invalid_file', `The file is not a usable .docx: ${why}`, { details: [{ field: 'file', code, message: why }] });

function open(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err) : resolve(zip)));
  });
}

/** Resolves with the entry names when the zip is within the limits. */
export async function checkZip(buffer: Buffer): Promise<string[]> {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw invalidFile('it is not a zip archive (a .docx is one).', 'not_zip');
  let zip: yauzl.ZipFile;
  try {
    zip = await open(buffer);
  } catch (err) {
    throw invalidFile(`the zip archive is damaged (${err instanceof Error ? err.message.slice(0, 120) : 'unreadable'}).`, 'corrupt');
  }
  if (zip.entryCount > ZIP_LIMITS.entries) {
    zip.close();
    throw invalidFile(`it has ${zip.entryCount} entries; at most ${ZIP_LIMITS.entries} are accepted.`, 'too_many_entries');
  }
  const names: string[] = [];
  let total = 0;
  return new Promise<string[]>((resolve, reject) => {
    const fail = (error: AppError) => {
      zip.close();
      reject(error);
    };
    zip.on('error', (err: Error) => fail(invalidFile(`the zip archive is damaged (${err.message.slice(0, 120)}).`, 'corrupt')));
    zip.on('end', () => resolve(names));
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      total += entry.uncompressedSize;
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > ZIP_LIMITS.ratio && entry.uncompressedSize > 1024 * 1024) {
        return fail(invalidFile(`the entry "${entry.fileName.slice(0, 80)}" is compressed ${Math.round(entry.uncompressedSize / entry.compressedSize)}:1, like a zip bomb.`, 'zip_bomb'));
      }
      if (total > ZIP_LIMITS.totalBytes) return fail(invalidFile(`it unpacks to more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB.`, 'too_large_unpacked'));
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(invalidFile(`the entry "${entry.fileName.slice(0, 80)}" cannot be read.`, 'corrupt'));
        stream.on('error', (e: Error) => fail(invalidFile(`the entry "${entry.fileName.slice(0, 80)}" is damaged (${e.message.slice(0, 120)}).`, 'corrupt')));
        stream.on('data', () => undefined);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}
