import { OfficeMockObject } from 'office-addin-mock';

/**
 * A Word document of plain paragraphs with a selection, behind an
 * office-addin-mock `Word` global. As in Word's JavaScript API, edits are
 * queued and happen on `context.sync()`, so a test reads the document a user
 * would see.
 */
export interface FakeDocument {
  /** The paragraphs' text, top to bottom. */
  readonly text: string[];
  syncs: number;
}

interface Para {
  text: string;
}

export function installFakeWord(paragraphs: string[], selection: { paragraph: number; start?: number; end?: number }): FakeDocument {
  const paras: Para[] = paragraphs.map((text) => ({ text }));
  let queue: (() => void)[] = [];
  const doc: FakeDocument = {
    get text() {
      return paras.map((p) => p.text);
    },
    syncs: 0,
  };

  function insertAfter(anchor: Para, text: string) {
    const created: Para = { text: '' };
    queue.push(() => {
      const at = paras.indexOf(anchor);
      if (at < 0) throw new Error('ItemNotFound: the paragraph is gone');
      created.text = text;
      paras.splice(at + 1, 0, created);
    });
    return paragraphProxy(created);
  }

  function paragraphProxy(para: Para) {
    return {
      insertParagraph(text: string, location: string) {
        if (location !== 'After') throw new Error(`the fake supports insertParagraph(…, 'After'), not '${location}'`);
        return insertAfter(para, text);
      },
    };
  }

  const selected = paras[selection.paragraph];
  if (!selected) throw new Error('the selection must be in a paragraph');
  const start = selection.start ?? 0;
  const end = selection.end ?? selected.text.length;

  const word = new OfficeMockObject({
    host: 'word',
    context: {
      document: {
        getSelection() {
          return {
            insertText(text: string, location: string) {
              if (location !== 'Replace') throw new Error(`the fake supports insertText(…, 'Replace'), not '${location}'`);
              queue.push(() => {
                selected.text = selected.text.slice(0, start) + text + selected.text.slice(end);
              });
              // The inserted text is a range inside the selected paragraph.
              return paragraphProxy(selected);
            },
          };
        },
      },
      async sync() {
        const batch = queue;
        queue = [];
        batch.forEach((command) => command());
        doc.syncs++;
      },
    },
    async run(this: { context: { sync(): Promise<void> } }, batch: (context: unknown) => Promise<unknown>) {
      const result = await batch(this.context);
      if (queue.length) await this.context.sync();
      return result;
    },
  });
  (globalThis as Record<string, unknown>).Word = word;
  return doc;
}

export function removeFakeWord(): void {
  delete (globalThis as Record<string, unknown>).Word;
}
