import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { marksFor } from '../src/excel/SheetMarks.js';
import { changesOf, metaCell, parsePulled, pushChanges, sameCell } from '../src/excel/push.js';
import { importFromSheet, ROWS_PER_SEND, sheetRowOf } from '../src/excel/sheetImport.js';
import { CELLS_PER_READ, excelHost, isDateFormat, MARK_COLOURS, readCell, rowsPerRead } from '../src/hosts/excel.js';
import type { Cell } from '../src/hosts/host.js';
import type { ImportRow } from '../src/imports/api.js';
import type { FieldMeta } from '../src/records/meta.js';

/**
 * A workbook behind an office-addin-mock `Excel` global with the parts the
 * pane reads and writes: the active sheet's used range, the selection,
 * ranges by address (values and number formats, loaded only on sync, as
 * office.js does), fills and written cells. Every read is recorded, so a
 * test can check no single request carries more than Excel allows.
 */
interface Sheet {
  name: string;
  cells: Map<string, { value: Cell; format?: string; fill?: string }>;
}

function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
function colNumber(l: string): number {
  let n = 0;
  for (const ch of l) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
function parse(address: string) {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) throw new Error(`InvalidArgument: ${address}`);
  return { c1: colNumber(m[1]!), r1: Number(m[2]), c2: m[3] ? colNumber(m[3]) : colNumber(m[1]!), r2: m[4] ? Number(m[4]) : Number(m[2]) };
}

function installBook(sheets: Record<string, Cell[][]>, options: { active?: string; selection?: string; formats?: Record<string, string> } = {}) {
  const book: Sheet[] = Object.entries(sheets).map(([name, rows]) => {
    const cells = new Map<string, { value: Cell; format?: string; fill?: string }>();
    rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== '' && cells.set(`${letters(c + 1)}${r + 1}`, { value: v })));
    return { name, cells };
  });
  for (const [address, format] of Object.entries(options.formats ?? {})) {
    const [sheet, cell] = address.split('!') as [string, string];
    const s = book.find((x) => x.name === sheet)!;
    s.cells.set(cell, { ...(s.cells.get(cell) ?? { value: null }), format });
  }
  const reads: number[] = [];
  let queue: (() => void)[] = [];
  const sheetOf = (name: string) => {
    const s = book.find((x) => x.name === name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return s;
  };

  function range(sheet: string, address: () => string) {
    const loaded: Record<string, unknown> = {};
    const pending = new Set<string>();
    const r = {
      load(props: string) {
        for (const p of props.split(',')) pending.add(p.trim());
        queue.push(() => {
          const { c1, r1, c2, r2 } = parse(address());
          const s = sheetOf(sheet);
          const grid = (f: (cell: { value: Cell; format?: string } | undefined) => unknown) =>
            Array.from({ length: r2 - r1 + 1 }, (_, i) => Array.from({ length: c2 - c1 + 1 }, (_, j) => f(s.cells.get(`${letters(c1 + j)}${r1 + i}`))));
          if (pending.has('values')) reads.push((r2 - r1 + 1) * (c2 - c1 + 1));
          const all: Record<string, unknown> = {
            rowIndex: r1 - 1, columnIndex: c1 - 1, rowCount: r2 - r1 + 1, columnCount: c2 - c1 + 1,
            values: grid((c) => c?.value ?? ''), numberFormat: grid((c) => c?.format ?? 'General'),
          };
          for (const p of pending) loaded[p] = all[p];
        });
      },
      set values(values: Cell[][]) {
        queue.push(() => {
          const { c1, r1, c2, r2 } = parse(address());
          assert.equal(values.length, r2 - r1 + 1);
          values.forEach((row, i) => {
            assert.equal(row.length, c2 - c1 + 1);
            row.forEach((v, j) => {
              const key = `${letters(c1 + j)}${r1 + i}`;
              const s = sheetOf(sheet);
              const text = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
              s.cells.set(key, { ...(s.cells.get(key) ?? {}), value: text });
            });
          });
        });
      },
      format: {
        fill: {
          set color(color: string) {
            queue.push(() => paint(color));
          },
          clear() {
            queue.push(() => paint(undefined));
          },
        },
      },
    };
    function paint(color: string | undefined) {
      const { c1, r1, c2, r2 } = parse(address());
      const s = sheetOf(sheet);
      for (let i = r1; i <= r2; i++) for (let j = c1; j <= c2; j++) {
        const key = `${letters(j)}${i}`;
        s.cells.set(key, { ...(s.cells.get(key) ?? { value: null }), fill: color });
      }
    }
    // Reading a property before it was loaded and synced fails, as in office.js.
    return new Proxy(r, {
      get(target, prop) {
        if (typeof prop === 'string' && ['rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'numberFormat'].includes(prop)) {
          if (!(prop in loaded)) throw new Error(`PropertyNotLoaded: ${prop}`);
          return loaded[prop];
        }
        return Reflect.get(target, prop);
      },
    });
  }

  function usedAddress(name: string): string {
    let [c1, r1, c2, r2] = [Infinity, Infinity, 0, 0];
    for (const [k, c] of sheetOf(name).cells) {
      if (c.value === null || c.value === '') continue;
      const p = parse(k);
      [c1, r1, c2, r2] = [Math.min(c1, p.c1), Math.min(r1, p.r1), Math.max(c2, p.c1), Math.max(r2, p.r1)];
    }
    return c2 === 0 ? 'A1' : `${letters(c1)}${r1}:${letters(c2)}${r2}`;
  }

  function worksheet(name: string) {
    const ws: { name?: string; load(p: string): void; getRange(a: string): unknown; getUsedRange(valuesOnly?: boolean): unknown } = {
      load() {
        queue.push(() => {
          ws.name = name;
        });
      },
      getRange: (a: string) => range(name, () => a),
      getUsedRange: () => range(name, () => usedAddress(name)),
    };
    return ws;
  }
  const active = options.active ?? Object.keys(sheets)[0]!;
  const excel = new OfficeMockObject({
    host: 'excel',
    context: {
      workbook: {
        worksheets: {
          getActiveWorksheet: () => worksheet(active),
          getItem: (name: string) => worksheet(name),
        },
        getSelectedRange: () => range(active, () => options.selection ?? 'A1'),
      },
      async sync() {
        const batch = queue;
        queue = [];
        for (const c of batch) c();
      },
    },
    async run(this: { context: { sync(): Promise<void> } }, batch: (context: unknown) => Promise<unknown>) {
      const result = await batch(this.context);
      if (queue.length) await this.context.sync();
      return result;
    },
  });
  (globalThis as Record<string, unknown>).Excel = excel;
  return {
    reads,
    cell: (sheet: string, a: string) => sheetOf(sheet).cells.get(a),
  };
}

/** Answers API calls from a table of handlers and records them. */
function stubFetch(handler: (method: string, path: string, body: unknown) => { status: number; body?: unknown }) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init.method ?? 'GET', path, body });
    const answer = handler(init.method ?? 'GET', path, body);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { calls, restore: () => void (globalThis.fetch = original) };
}

let nextId = 1;
function field(key: string, label: string, type = 'text', options: FieldMeta['options'] = {}): FieldMeta {
  return { id: nextId++, version: 1, entity: 'client', key, label, type, options, required: false, position: nextId, hidden: false, archived: false, custom: false, readOnly: false };
}
const fields: FieldMeta[] = [
  field('name', 'Name'), field('city', 'City'), field('creditLimit', 'Credit limit', 'money'), field('since', 'Client since', 'date'),
  field('status', 'Status', 'one_of', { choices: [{ key: 'active', label: 'Active' }, { key: 'lost', label: 'Lost' }] }),
  field('managerId', 'Manager', 'link', { entity: 'user' }),
];

describe('Excel pane: reading a sheet', function () {
  afterEach(() => delete (globalThis as Record<string, unknown>).Excel);

  it('finds the used range of the active sheet wherever the list starts, and the selection', async function () {
    installBook({ Sheet1: [[null, null], [null, 'Name', 'City'], [null, 'Acme', 'Riga']] }, { selection: 'B2:C2' });
    assert.deepEqual(await excelHost().sheetArea('used'), { sheet: 'Sheet1', firstRow: 2, firstColumn: 2, rowCount: 2, columnCount: 2 });
    assert.deepEqual(await excelHost().sheetArea('selection'), { sheet: 'Sheet1', firstRow: 2, firstColumn: 2, rowCount: 1, columnCount: 2 });
  });

  it('reads dates as ISO dates, empty cells as null and keeps numbers and text as they are', async function () {
    installBook({ Data: [['Name', 'Since', 'Limit'], ['Acme', 45352, 1200.5], ['Globex', 'yesterday', null]] }, { formats: { 'Data!B2': 'dd.mm.yyyy', 'Data!C2': '#,##0.00' } });
    const area = await excelHost().sheetArea('used');
    assert.deepEqual(await excelHost().readRows(area, 0, 10), [['Name', 'Since', 'Limit'], ['Acme', '2024-03-01', 1200.5], ['Globex', 'yesterday', null]]);
  });

  it('tells date formats from number and time formats', function () {
    for (const f of ['dd.mm.yyyy', 'm/d/yyyy', 'yyyy-mm-dd', '[$-409]d-mmm-yy;@', 'd mmmm yyyy']) assert.ok(isDateFormat(f), f);
    for (const f of ['General', '0.00', '#,##0', '@', 'h:mm', '0%', '"Day" 0']) assert.ok(!isDateFormat(f), f);
    assert.equal(readCell(45352.75, 'dd.mm.yyyy hh:mm'), '2024-03-01', 'the time of day is dropped');
    assert.equal(readCell(0, 'General'), 0);
  });

  it('reads a 30-column, 5,000-row sheet in blocks, none over the cells Excel returns in one request', async function () {
    const rows: Cell[][] = [Array.from({ length: 30 }, (_, c) => `H${c}`), ...Array.from({ length: 5000 }, (_, r) => Array.from({ length: 30 }, (_, c) => `${r}:${c}`))];
    const book = installBook({ Big: rows });
    const area = await excelHost().sheetArea('used');
    const read = await excelHost().readRows(area, 0, area.rowCount);
    assert.equal(read.length, 5001);
    assert.deepEqual(read[4321], rows[4321]);
    assert.ok(book.reads.length >= 5001 * 30 / CELLS_PER_READ, `${book.reads.length} reads`);
    for (const n of book.reads) assert.ok(n <= CELLS_PER_READ, `a read of ${n} cells`);
    assert.equal(rowsPerRead(30), Math.floor(CELLS_PER_READ / 30));
  });
});

describe('Excel pane: importing a sheet', function () {
  afterEach(() => delete (globalThis as Record<string, unknown>).Excel);

  it('sends the sheet in blocks: the first starts the job with the header row, the rest are added, rows stay in order', async function () {
    const rows: Cell[][] = [['Name', 'Phone'], ...Array.from({ length: 2500 }, (_, i) => [`Client ${i + 1}`, i === 9 ? null : `+371 2000 ${String(i).padStart(4, '0')}`])];
    installBook({ Clients: rows });
    const sent: unknown[][] = [];
    const api = stubFetch((method, path, body) => {
      const b = body as { rows: unknown[][] };
      sent.push(...b.rows);
      return { status: path === '/imports/rows' ? 201 : 200, body: { id: 7, status: 'ready' } };
    });
    try {
      const progress: number[] = [];
      const { job } = await importFromSheet(excelHost(), 'used', 'clients', (s) => progress.push(s));
      assert.equal(job.id, 7);
      assert.deepEqual(api.calls.map((c) => `${c.method} ${c.path}`), ['POST /imports/rows', 'POST /imports/7/rows', 'POST /imports/7/rows']);
      assert.deepEqual((api.calls[0]!.body as { target: string }).target, 'clients');
      assert.ok(api.calls.every((c) => (c.body as { rows: unknown[] }).rows.length <= ROWS_PER_SEND));
      assert.equal(sent.length, 2501);
      assert.deepEqual(sent[0], ['Name', 'Phone']);
      assert.deepEqual(sent[10], ['Client 10'], 'an empty trailing cell is left off, the row kept');
      assert.deepEqual(sent[2500], ['Client 2500', '+371 2000 2499']);
      assert.deepEqual(progress, [1000, 2000, 2501]);
    } finally {
      api.restore();
    }
  });

  it('refuses an empty sheet before anything is sent', async function () {
    installBook({ Empty: [] });
    const api = stubFetch(() => ({ status: 500 }));
    try {
      await assert.rejects(importFromSheet(excelHost(), 'used', 'clients', () => undefined), /empty/);
      assert.equal(api.calls.length, 0);
    } finally {
      api.restore();
    }
  });

  it('marks refused rows light red and held rows amber in the sheet they came from, with the reason beside the data', async function () {
    const book = installBook({ List: [['Title'], ['Name', 'Tax ID'], ['Acme', '1'], ['Bad', 'x'], ['Dup', '2']] });
    const origin = { firstRow: 2 };
    const row = (rowNumber: number, outcome: ImportRow['outcome'], message: string): ImportRow => ({ rowNumber, outcome, entity: 'client', recordId: null, cells: [], problems: [{ code: 'x', message }], undo: null });
    const marks = marksFor(origin, [row(3, 'failed', 'Tax ID is not valid.')], [row(4, 'held', 'Same tax ID as Globex.')]);
    assert.deepEqual(marks.map((m) => [m.row, m.kind]), [[4, 'rejected'], [5, 'conflict']]);
    assert.equal(sheetRowOf(origin, 1), 2, 'row 1 of the job is the first row sent');
    await excelHost().markRows('List', { firstColumn: 1, lastColumn: 2, noteColumn: 3, headerRow: 2, noteHeader: 'Why' }, marks);
    assert.equal(book.cell('List', 'A4')?.fill, MARK_COLOURS.rejected);
    assert.equal(book.cell('List', 'B4')?.fill, MARK_COLOURS.rejected);
    assert.equal(book.cell('List', 'C4')?.value, 'Tax ID is not valid.');
    assert.equal(book.cell('List', 'A5')?.fill, MARK_COLOURS.conflict);
    assert.match(String(book.cell('List', 'C5')?.value), /Same tax ID as Globex/);
    assert.equal(book.cell('List', 'C2')?.value, 'Why');
    assert.equal(book.cell('List', 'A3')?.fill, undefined, 'an imported row is left alone');
  });
});

describe('Excel pane: pushing edits of a pulled list', function () {
  afterEach(() => delete (globalThis as Record<string, unknown>).Excel);
  const header = ['Name', 'City', 'Credit limit', 'Client since', 'Status', 'Manager', 'Kontora:/clients'];
  const pulledRow = (id: number, version: number, cells: Cell[]) => [...cells, metaCell({ id, version }, cells)];

  it('finds the edited cells of each row and turns them into typed values; untouched rows send nothing', function () {
    const cells: Cell[][] = [
      header,
      [...pulledRow(1, 3, ['Acme', 'Riga', 100, '2024-03-01', 'Active', 'Anna']).slice(0, 6).map((c, i) => (i === 1 ? 'Tallinn' : i === 2 ? '1 250,50' : i === 4 ? 'lost' : c)), metaCell({ id: 1, version: 3 }, ['Acme', 'Riga', 100, '2024-03-01', 'Active', 'Anna'])],
      pulledRow(2, 1, ['Globex', null, null, null, 'Active', 'Bob']),
      ['Typed by hand', 'Paris', null, null, null, null, null],
    ];
    const sheet = parsePulled(cells, 1)!;
    assert.equal(sheet.path, '/clients');
    assert.equal(sheet.unknown, 1, 'a row added by hand is counted, not sent');
    const changes = changesOf(sheet, fields);
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]!.body, { city: 'Tallinn', creditLimit: '1250.50', status: 'lost' });
    assert.equal(changes[0]!.row.sheetRow, 2);
    assert.deepEqual(changes[0]!.problems, []);
  });

  it('does not send what the sheet cannot say (a link by name, a bad date) and says why', function () {
    const sheet = parsePulled([header, [...['Acme', 'Riga', 100, 'soon', 'Active', 'Someone else'], metaCell({ id: 1, version: 3 }, ['Acme', 'Riga', 100, '2024-03-01', 'Active', 'Anna'])]], 1)!;
    const [change] = changesOf(sheet, fields);
    assert.deepEqual(change!.body, {});
    assert.equal(change!.problems.length, 2);
    assert.match(change!.problems.join(' '), /Client since.*not a date/);
    assert.match(change!.problems.join(' '), /Manager.*cannot be changed from the sheet/);
  });

  it('compares cells as a user sees them', function () {
    assert.ok(sameCell(null, ''));
    assert.ok(sameCell(100, 100));
    assert.ok(!sameCell(100, 100.5));
    assert.ok(!sameCell('', 0), 'clearing a zero is a change');
    assert.ok(sameCell('007', '007'));
  });

  it('saves changed rows with their pulled version, marks rows changed in Kontora since as conflicts with its values, and never overwrites them', async function () {
    const book = installBook({
      Clients: [
        header,
        [...['Acme', 'Tallinn', 100, null, 'Active', 'Anna'], metaCell({ id: 1, version: 3 }, ['Acme', 'Riga', 100, null, 'Active', 'Anna'])],
        [...['Globex', 'Vilnius', null, null, 'Active', 'Bob'], metaCell({ id: 2, version: 1 }, ['Globex', 'Kaunas', null, null, 'Active', 'Bob'])],
        [...['Initech', 'Oslo', 'lots', null, 'Active', 'Bob'], metaCell({ id: 3, version: 5 }, ['Initech', 'Oslo', 10, null, 'Active', 'Bob'])],
      ],
    });
    const api = stubFetch((method, path, body) => {
      const b = body as Record<string, unknown> | undefined;
      if (method === 'PATCH' && path === '/clients/1') return { status: 200, body: { id: 1, version: 4, name: 'Acme', city: b?.city } };
      if (method === 'PATCH' && path === '/clients/2') return { status: 409, body: { error: { code: 'version_conflict', message: 'This record was changed by someone else.' } } };
      if (method === 'GET' && path === '/clients/2') return { status: 200, body: { id: 2, version: 2, name: 'Globex', city: 'Klaipėda' } };
      return { status: 500 };
    });
    try {
      const host = excelHost();
      const area = await host.sheetArea('used');
      const sheet = parsePulled(await host.readRows(area, 0, area.rowCount), area.firstRow)!;
      const outcome = await pushChanges(host, area, sheet, fields);
      assert.equal(outcome.saved, 1);
      assert.deepEqual(api.calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body]), [
        ['/clients/1', { city: 'Tallinn', version: 3 }],
        ['/clients/2', { city: 'Vilnius', version: 1 }],
      ], 'only changed cells go, each with the version it was pulled at; the row with a bad number is not sent');
      assert.deepEqual(outcome.conflicts.map((c) => c.row), [3]);
      assert.match(outcome.conflicts[0]!.note, /City: Klaipėda/);
      assert.deepEqual(outcome.failed.map((c) => c.row), [4]);
      assert.match(outcome.failed[0]!.note, /Credit limit.*not a number/);
      assert.equal(book.cell('Clients', 'A3')?.fill, MARK_COLOURS.conflict);
      assert.match(String(book.cell('Clients', 'H3')?.value), /Klaipėda/, 'the note sits right of the hidden column');
      assert.equal(book.cell('Clients', 'A4')?.fill, MARK_COLOURS.rejected);
      assert.equal(book.cell('Clients', 'B3')?.value, 'Vilnius', 'the user’s edit stays in the sheet');
      // The saved row's hidden cell now holds the new version and value: pushing again sends nothing for it.
      const meta = JSON.parse(String(book.cell('Clients', 'G2')?.value)) as { id: number; v: number; c: Cell[] };
      assert.equal(meta.v, 4);
      assert.equal(meta.c[1], 'Tallinn');
      api.calls.length = 0;
      const again = parsePulled(await host.readRows(area, 0, area.rowCount), area.firstRow)!;
      await pushChanges(host, area, again, fields);
      assert.deepEqual(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path), ['/clients/2']);
    } finally {
      api.restore();
    }
  });

  it('keeps what was saved when a later row fails outright: the saved row gets its new version, so pushing again does not send it twice', async function () {
    const book = installBook({
      Clients: [
        header,
        [...['Acme', 'Tallinn', 100, null, 'Active', 'Anna'], metaCell({ id: 1, version: 3 }, ['Acme', 'Riga', 100, null, 'Active', 'Anna'])],
        [...['Globex', 'Vilnius', null, null, 'Active', 'Bob'], metaCell({ id: 2, version: 1 }, ['Globex', 'Kaunas', null, null, 'Active', 'Bob'])],
      ],
    });
    const api = stubFetch((method, path, body) => {
      const b = body as Record<string, unknown> | undefined;
      if (method === 'PATCH' && path === '/clients/1') return { status: 200, body: { id: 1, version: 4, name: 'Acme', city: b?.city } };
      return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong.' } } };
    });
    try {
      const host = excelHost();
      const area = await host.sheetArea('used');
      const sheet = parsePulled(await host.readRows(area, 0, area.rowCount), area.firstRow)!;
      await assert.rejects(pushChanges(host, area, sheet, fields), 'a server failure stops the push and is shown to the user');
      const meta = JSON.parse(String(book.cell('Clients', 'G2')?.value)) as { id: number; v: number; c: Cell[] };
      assert.equal(meta.v, 4, 'the row saved before the failure holds its new version');
      assert.equal(meta.c[1], 'Tallinn');
      assert.equal(JSON.parse(String(book.cell('Clients', 'G3')?.value)).v, 1, 'the failed row keeps the version it was pulled at');
    } finally {
      api.restore();
    }
  });

  it('ignores a sheet that is not a pulled list', function () {
    assert.equal(parsePulled([['Name', 'City'], ['Acme', 'Riga']], 1), null);
    assert.equal(parsePulled([['Name', 'Kontora:../../etc'], ['Acme', '{}']], 1), null);
  });
});
