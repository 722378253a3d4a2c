import type { WordHost } from './host.js';

/**
 * Slices of 64 KB: the largest size Word on iPad accepts, and small enough
 * everywhere else (desktop allows 4 MB) that a slow slice does not stall.
 */
export const SLICE_SIZE = 64 * 1024;

/** What a .docx opened or inserted brings with it besides the text; headers, footers and section settings always come. */
export const INSERT_OPTIONS: Word.InsertFileOptions = { importTheme: true, importStyles: true, importParagraphSpacing: true, importPageColor: true, importDifferentOddEvenPages: true };

function failed(result: Office.AsyncResult<unknown>): Error | null {
  return result.status === Office.AsyncResultStatus.Failed ? new Error(result.error?.message || 'Word could not read the document.') : null;
}

/** Every slice of an open Office.File, in order, joined into one byte array; the file is closed either way. */
export async function readSlices(file: Office.File): Promise<Uint8Array> {
  try {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await new Promise<Office.Slice>((resolve, reject) =>
        file.getSliceAsync(i, (r) => {
          const error = failed(r);
          if (error) reject(error);
          else resolve(r.value);
        }),
      );
      // Compressed slices arrive as arrays of byte values (numbers).
      parts.push(slice.data instanceof Uint8Array ? slice.data : Uint8Array.from(slice.data as number[]));
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    if (out.length !== file.size) throw new Error(`Word gave ${out.length} of the document's ${file.size} bytes; try again.`);
    return out;
  } finally {
    // Word keeps at most two files open for an add-in: a file left open blocks the next read.
    file.closeAsync(() => undefined);
  }
}

export function wordHost(): WordHost {
  return {
    kind: 'word',
    async insertParagraphs(paragraphs: string[]): Promise<void> {
      // Nothing to insert must not wipe out what the user has selected.
      if (paragraphs.length === 0) return;
      await Word.run(async (context) => {
        const selection = context.document.getSelection();
        // The first paragraph replaces the selection; the rest follow it in order.
        let last = selection.insertText(paragraphs[0] ?? '', 'Replace');
        for (const text of paragraphs.slice(1)) {
          last = last.insertParagraph(text, 'After') as unknown as Word.Range;
        }
        await context.sync();
      });
    },

    async insertTextAtCursor(text: string): Promise<void> {
      await Word.run(async (context) => {
        const inserted = context.document.getSelection().insertText(text, 'Replace');
        // The cursor goes after the field, so the next insert follows it instead of replacing it.
        inserted.select('End');
        await context.sync();
      });
    },

    async insertFileFromBase64(base64: string): Promise<void> {
      await Word.run(async (context) => {
        context.document.insertFileFromBase64(base64, 'Replace', INSERT_OPTIONS);
        await context.sync();
      });
    },

    async createDocument(base64: string): Promise<void> {
      await Word.run(async (context) => {
        context.application.createDocument(base64).open();
        await context.sync();
      });
    },

    async getDocumentBytes(): Promise<Uint8Array> {
      const file = await new Promise<Office.File>((resolve, reject) =>
        Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: SLICE_SIZE }, (r) => {
          const error = failed(r);
          if (error) reject(error);
          else resolve(r.value);
        }),
      );
      return readSlices(file);
    },
  };
}
