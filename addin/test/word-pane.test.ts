import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { base64ToBytes, bytesToBase64 } from '../src/documents/bytes.js';
import { fileNameFrom } from '../src/documents/filename.js';
import { INSERT_OPTIONS, SLICE_SIZE, readSlices, wordHost } from '../src/hosts/word.js';
import { nameFromFile } from '../src/templates/UploadDialog.js';
import { defaultFormatter, fieldTag, filterEntries, formattersFor, loopTags, sectionTags, toEntries, type FieldNode, type Formatter } from '../src/word/tags.js';

type Slices = (number[] | Error)[];

/**
 * An `Office` global whose open document is `bytes`, handed out by
 * getFileAsync in slices of the asked size, as Word does. Records what the
 * add-in asked for and whether it closed the file.
 */
function officeWithDocument(bytes: Uint8Array, options: { failOpen?: string; failSlice?: number; lie?: number } = {}) {
  const log = { fileType: '' as unknown, sliceSize: 0, closed: 0, sliceCalls: [] as number[] };
  const ok = (value: unknown) => ({ status: 'succeeded', value });
  const fail = (message: string) => ({ status: 'failed', error: { message } });
  // The enums are plain values on the real Office object too; the document is the mock.
  const office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    FileType: { Compressed: 'compressed', Text: 'text', Pdf: 'pdf' },
    context: new OfficeMockObject({
      document: {
        getFileAsync(fileType: unknown, opts: { sliceSize: number }, callback: (r: unknown) => void) {
          log.fileType = fileType;
          log.sliceSize = opts.sliceSize;
          if (options.failOpen) return callback(fail(options.failOpen));
          const slices: Slices = [];
          for (let at = 0; at < bytes.length; at += opts.sliceSize) slices.push(Array.from(bytes.subarray(at, at + opts.sliceSize)));
          if (options.failSlice !== undefined) slices[options.failSlice] = new Error('slice lost');
          callback(ok({
            size: options.lie ?? bytes.length,
            sliceCount: slices.length,
            getSliceAsync(index: number, cb: (r: unknown) => void) {
              log.sliceCalls.push(index);
              const s = slices[index];
              // Word answers asynchronously; a test that relies on a synchronous callback would hide ordering bugs.
              setTimeout(() => cb(s instanceof Error ? fail(s.message) : ok({ index, data: s, size: s!.length })), 0);
            },
            closeAsync(cb?: () => void) {
              log.closed++;
              cb?.();
            },
          }));
        },
      },
    }),
  };
  (globalThis as Record<string, unknown>).Office = office;
  return log;
}

/** A `Word` global that records the document-level calls the pane makes. */
function wordRecording() {
  const calls: { what: string; args: unknown[] }[] = [];
  let queued: (() => void)[] = [];
  const word = new OfficeMockObject({
    host: 'word',
    context: {
      document: {
        insertFileFromBase64(...args: unknown[]) {
          queued.push(() => calls.push({ what: 'insertFileFromBase64', args }));
          return {};
        },
        getSelection() {
          return {
            insertText(text: string, location: string) {
              queued.push(() => calls.push({ what: 'insertText', args: [text, location] }));
              return { select: (mode: string) => queued.push(() => calls.push({ what: 'select', args: [mode] })) };
            },
          };
        },
      },
      application: {
        createDocument(base64: string) {
          return { open: () => queued.push(() => calls.push({ what: 'createDocument.open', args: [base64] })) };
        },
      },
      async sync() {
        const batch = queued;
        queued = [];
        batch.forEach((f) => f());
        calls.push({ what: 'sync', args: [] });
      },
    },
    async run(this: { context: { sync(): Promise<void> } }, batch: (context: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });
  (globalThis as Record<string, unknown>).Word = word;
  return calls;
}

function bytesOf(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + 3) % 256;
  return out;
}

describe('Word pane: reading the open document for check and save', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('asks Word for the .docx (compressed) in 64 KB slices and joins them in order', async function () {
    const doc = bytesOf(SLICE_SIZE * 2 + 1234);
    const log = officeWithDocument(doc);
    const got = await wordHost().getDocumentBytes();
    assert.equal(log.fileType, 'compressed');
    assert.equal(log.sliceSize, 65536);
    assert.deepEqual(log.sliceCalls, [0, 1, 2]);
    assert.equal(got.length, doc.length);
    assert.deepEqual(got, doc);
  });

  it('closes the file after reading it, so the next check can open it again', async function () {
    const log = officeWithDocument(bytesOf(10));
    await wordHost().getDocumentBytes();
    await wordHost().getDocumentBytes();
    assert.equal(log.closed, 2);
  });

  it('reads a document smaller than one slice', async function () {
    officeWithDocument(Uint8Array.from([80, 75, 3, 4]));
    assert.deepEqual(await wordHost().getDocumentBytes(), Uint8Array.from([80, 75, 3, 4]));
  });

  it('reports Word refusing to give the file, with Word’s reason', async function () {
    officeWithDocument(bytesOf(10), { failOpen: 'The document is being edited by another add-in.' });
    await assert.rejects(wordHost().getDocumentBytes(), /being edited by another add-in/);
  });

  it('fails on a lost slice and still closes the file', async function () {
    const log = officeWithDocument(bytesOf(SLICE_SIZE * 3), { failSlice: 1 });
    await assert.rejects(wordHost().getDocumentBytes(), /slice lost/);
    assert.equal(log.closed, 1);
    assert.deepEqual(log.sliceCalls, [0, 1], 'no slice is read after a failed one');
  });

  it('refuses a short read instead of uploading a truncated template', async function () {
    const log = officeWithDocument(bytesOf(100), { lie: 150 });
    await assert.rejects(wordHost().getDocumentBytes(), /100 of the document's 150 bytes/);
    assert.equal(log.closed, 1);
  });

  it('accepts slices that arrive as Uint8Array as well as number arrays', async function () {
    let closed = false;
    const file = {
      size: 4, sliceCount: 2,
      getSliceAsync: (i: number, cb: (r: unknown) => void) => cb({ status: 'succeeded', value: { data: i === 0 ? Uint8Array.from([1, 2]) : [3, 4] } }),
      closeAsync: () => { closed = true; },
    };
    (globalThis as Record<string, unknown>).Office = { AsyncResultStatus: { Failed: 'failed', Succeeded: 'succeeded' } };
    assert.deepEqual(await readSlices(file as unknown as Office.File), Uint8Array.from([1, 2, 3, 4]));
    assert.ok(closed);
  });
});

describe('Word pane: putting documents and fields into Word', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Word;
  });

  it('replaces the open document with a .docx, bringing its styles, theme and headers along, in one sync', async function () {
    const calls = wordRecording();
    await wordHost().insertFileFromBase64('UEsDBA==');
    assert.deepEqual(calls, [{ what: 'insertFileFromBase64', args: ['UEsDBA==', 'Replace', INSERT_OPTIONS] }, { what: 'sync', args: [] }]);
    assert.equal(INSERT_OPTIONS.importStyles, true);
    assert.equal(INSERT_OPTIONS.importTheme, true);
  });

  it('opens a .docx as a new document', async function () {
    const calls = wordRecording();
    await wordHost().createDocument('UEsDBA==');
    assert.deepEqual(calls, [{ what: 'createDocument.open', args: ['UEsDBA=='] }, { what: 'sync', args: [] }]);
  });

  it('inserts a field at the cursor and leaves the cursor after it, so fields can be inserted one after another', async function () {
    const calls = wordRecording();
    await wordHost().insertTextAtCursor('{client.name}');
    assert.deepEqual(calls, [{ what: 'insertText', args: ['{client.name}', 'Replace'] }, { what: 'select', args: ['End'] }, { what: 'sync', args: [] }]);
  });

  it('passes Word’s errors on (e.g. an API set the Word version lacks)', async function () {
    (globalThis as Record<string, unknown>).Word = {
      run: async () => {
        throw new Error('ApiNotFound: createDocument');
      },
    };
    await assert.rejects(wordHost().createDocument('UEsDBA=='), /ApiNotFound/);
  });
});

describe('Word pane: bytes and file names', function () {
  it('turns a document into base64 and back without changing a byte, past the size a single fromCharCode call can take', function () {
    const doc = bytesOf(300_000);
    const b64 = bytesToBase64(doc);
    assert.equal(b64, Buffer.from(doc).toString('base64'));
    assert.deepEqual(base64ToBytes(b64), doc);
  });

  it('names a download as the server does, preferring the UTF-8 name', function () {
    assert.equal(fileNameFrom(`attachment; filename="_____-INV-1.docx"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82-INV-1.docx`, 'x.docx'), 'Счёт-INV-1.docx');
    assert.equal(fileNameFrom('attachment; filename="Contract CT-7.pdf"', 'x.pdf'), 'Contract CT-7.pdf');
    assert.equal(fileNameFrom('attachment; filename=plain.docx', 'x.docx'), 'plain.docx');
    assert.equal(fileNameFrom(null, 'invoice-5.docx'), 'invoice-5.docx');
    assert.equal(fileNameFrom(`attachment; filename*=UTF-8''%E0%A4%A`, 'fallback.docx'), 'fallback.docx');
    assert.equal(fileNameFrom(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`, 'x'), '..-..-etc-passwd');
  });

  it('suggests a template name from the chosen file', function () {
    assert.equal(nameFromFile('Contract Short (v2).docx'), 'contract-short-v2');
    assert.equal(nameFromFile('Договор.docx'), '');
  });
});

const tree: FieldNode[] = [
  { key: 'id', label: 'ID', type: 'number' },
  { key: 'id', label: 'ID', type: 'number' },
  { key: 'number', label: 'Number', type: 'text' },
  { key: 'clientId', label: 'Client', type: 'link' },
  { key: 'total', label: 'Total', type: 'money' },
  { key: 'endDate', label: 'End date', type: 'date' },
  { key: 'lines', label: 'Lines', type: 'list', children: [{ key: 'description', label: 'Description', type: 'text' }, { key: 'price', label: 'Price', type: 'money' }] },
  { key: 'client', label: 'Client', type: 'object', children: [{ key: 'name', label: 'Name', type: 'text' }, { key: 'bankAccount', label: 'Bank account', type: 'text' }, { key: 'photo', label: 'Photo', type: 'image' }, { key: 'region', label: 'Sales region', type: 'text', custom: true }] },
  { key: 'company', label: 'Our company', type: 'object', children: [{ key: 'logo', label: 'Logo', type: 'image' }, { key: 'bankAccount', label: 'Bank account', type: 'text' }] },
];

describe('Word pane: the field tree and the tags it inserts', function () {
  const entries = toEntries(tree);
  const find = (id: string) => filterEntries(entries, '').find((e) => e.id === id)!;

  it('shows a field the server lists twice once', function () {
    assert.deepEqual(entries.map((e) => e.id), ['id', 'number', 'clientId', 'total', 'endDate', 'lines', 'client', 'company']);
  });

  it('writes related records’ fields with their path and loop fields relative to the loop', function () {
    assert.equal(fieldTag(find('client.name')), '{client.name}');
    assert.equal(fieldTag(find('lines.price'), 'money'), '{price | money}');
    assert.equal(find('lines.price').loop, 'lines');
    assert.equal(find('client.name').loop, null);
    assert.deepEqual(find('lines.price').trail, ['Lines']);
    assert.equal(find('client.region').custom, true);
  });

  it('tells a link (which prints an id) apart from the related record of the same name', function () {
    assert.equal(find('clientId').label, 'Client (ID)');
    assert.equal(find('client').label, 'Client');
  });

  it('writes images with % and loops and sections with their start and end', function () {
    assert.equal(fieldTag(find('company.logo')), '{%company.logo}');
    assert.deepEqual(loopTags(find('lines')), { start: '{#lines}', end: '{/lines}' });
    assert.deepEqual(sectionTags(find('endDate'), 'filled'), { start: '{#endDate}', end: '{/endDate}' });
    assert.deepEqual(sectionTags(find('client.bankAccount'), 'empty'), { start: '{^client.bankAccount}', end: '{/client.bankAccount}' });
  });

  it('finds fields by label, by path or by parent, every word counting', function () {
    assert.deepEqual(filterEntries(entries, 'bank').map((e) => e.id), ['client.bankAccount', 'company.bankAccount']);
    assert.deepEqual(filterEntries(entries, 'company bank').map((e) => e.id), ['company.bankAccount']);
    assert.deepEqual(filterEntries(entries, 'LINES price').map((e) => e.id), ['lines.price']);
    assert.deepEqual(filterEntries(entries, 'nothing like this'), []);
    assert.equal(filterEntries(entries, '  ').length, 16, 'an empty filter lists every field');
  });

  it('proposes the formatter a type usually wants, and only formatters that fit the type', function () {
    const all: Formatter[] = ['upper', 'lower', 'money', 'currency', 'words', 'date', 'qty', 'size', 'join', 'yesno', 'default', 'number', 'percent', 'capitalize'].map((name) => ({ name, description: name, example: name }));
    assert.equal(defaultFormatter('money'), 'money');
    assert.equal(defaultFormatter('date'), 'date');
    assert.equal(defaultFormatter('text'), '');
    assert.deepEqual(formattersFor('money', all).map((f) => f.name), ['money', 'currency', 'words', 'default', 'number']);
    assert.deepEqual(formattersFor('image', all).map((f) => f.name), ['size']);
    assert.deepEqual(formattersFor('text', all).map((f) => f.name), ['upper', 'lower', 'default', 'capitalize']);
  });
});
