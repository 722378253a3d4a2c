import type { WordHost } from './host.js';

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
  };
}
