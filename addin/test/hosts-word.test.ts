import assert from 'node:assert/strict';
import { wordHost } from '../src/hosts/word.js';
import { installFakeWord, removeFakeWord } from './support/fakeWord.js';

describe('Word host: inserting text at the cursor', function () {
  afterEach(removeFakeWord);

  it('inserts the paragraphs at the cursor, in order, between the text around it', async function () {
    const doc = installFakeWord(['Dear Ann,', '', 'Kind regards'], { paragraph: 1 });
    await wordHost().insertParagraphs(['Invoice INV-2026-0001', 'Total: 1,200.00 EUR', 'Due 2026-03-01']);
    assert.deepEqual(doc.text, ['Dear Ann,', 'Invoice INV-2026-0001', 'Total: 1,200.00 EUR', 'Due 2026-03-01', 'Kind regards']);
  });

  it('replaces the selected text with the first paragraph', async function () {
    const doc = installFakeWord(['To: [client]', 'Thank you.'], { paragraph: 0, start: 4, end: 12 });
    await wordHost().insertParagraphs(['Acme Ltd', 'Berlin, Hauptstr. 1']);
    assert.deepEqual(doc.text, ['To: Acme Ltd', 'Berlin, Hauptstr. 1', 'Thank you.']);
  });

  it('inserts a single paragraph in place and keeps the rest of the document', async function () {
    const doc = installFakeWord(['Hello ', 'World'], { paragraph: 0, start: 6, end: 6 });
    await wordHost().insertParagraphs(['Ann']);
    assert.deepEqual(doc.text, ['Hello Ann', 'World']);
  });

  it('leaves the document and the selection alone when there is nothing to insert', async function () {
    const doc = installFakeWord(['Keep this selected text'], { paragraph: 0 });
    await wordHost().insertParagraphs([]);
    assert.deepEqual(doc.text, ['Keep this selected text']);
  });

  it('sends all paragraphs to Word in one round trip', async function () {
    const doc = installFakeWord([''], { paragraph: 0 });
    await wordHost().insertParagraphs(Array.from({ length: 50 }, (_, i) => `Line ${i + 1}`));
    assert.equal(doc.text.length, 50);
    assert.equal(doc.text[49], 'Line 50');
    assert.equal(doc.syncs, 1);
  });
});
