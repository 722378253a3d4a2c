import { OfficeMockObject } from 'office-addin-mock';

/**
 * A small Excel workbook behind an office-addin-mock `Excel` global. Like
 * the real Excel JavaScript API it queues commands and carries them out only
 * on `context.sync()`, refuses what Excel refuses (a sheet name it does not
 * accept, a values array that does not fit its range) and reads typed text
 * the way a cell does: `=…` becomes a formula, number-like text a number,
 * and a leading apostrophe keeps the rest as text. So a test sees what a user
 * would see in the sheet, not which calls the adapter made.
 */

export type CellValue = string | number | boolean;

export interface StoredCell {
  value: CellValue;
  /** The formula when Excel read the text as one. */
  formula?: string;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, StoredCell>;
  tables: { address: string; hasHeaders: boolean; name: string }[];
  autofitted: string[];
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  active: string | null;
  /** One entry per context.sync(): how many rows of cells that batch wrote. */
  syncs: { rowsWritten: number }[];
  /** The cell as a user would read it, or undefined when empty. */
  cell(sheet: string, address: string): StoredCell | undefined;
  /** A rectangular block of displayed values, rows × columns from A1. */
  grid(sheet: string, rows: number, columns: number): (CellValue | null)[][];
}

/** 1-based column number of letters (A → 1, AA → 27). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function parseAddress(address: string): { c1: number; r1: number; c2: number; r2: number } {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) throw new Error(`InvalidArgument: bad range address ${address}`);
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  if (c2 < c1 || r2 < r1 || r1 < 1) throw new Error(`InvalidArgument: bad range address ${address}`);
  return { c1, r1, c2, r2 };
}

/** How a cell reads a value typed into it. */
function enter(value: unknown): StoredCell {
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (value === null || value === undefined) return { value: '' };
  const text = String(value);
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: 0, formula: text };
  // Excel turns number-like text into a number, dropping leading zeros and digits past 15.
  const numeric = text.trim().replace(',', '.');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(numeric)) return { value: Number(numeric) };
  return { value: text };
}

/** The rules Excel applies to a new worksheet's name. */
function checkSheetName(name: string, taken: FakeSheet[]): void {
  if (name.length === 0 || name.length > 31) throw new Error(`InvalidArgument: sheet name "${name}" must be 1–31 characters`);
  if (/[:\\/?*[\]]/.test(name)) throw new Error(`InvalidArgument: sheet name "${name}" contains a character Excel refuses`);
  if (name.startsWith("'") || name.endsWith("'")) throw new Error(`InvalidArgument: sheet name "${name}" starts or ends with an apostrophe`);
  if (name.toLowerCase() === 'history') throw new Error('InvalidArgument: "History" is a reserved sheet name');
  if (taken.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: a sheet named "${name}" exists`);
}

export function installFakeExcel(existingSheets: string[] = ['Sheet1']): FakeWorkbook {
  const book: FakeWorkbook = {
    sheets: existingSheets.map((name) => ({ name, cells: new Map(), tables: [], autofitted: [] })),
    active: existingSheets[0] ?? null,
    syncs: [],
    cell(sheet, address) {
      return book.sheets.find((s) => s.name === sheet)?.cells.get(address);
    },
    grid(sheet, rows, columns) {
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => book.cell(sheet, `${letters(c + 1)}${r + 1}`)?.value ?? null),
      );
    },
  };

  // Commands wait here until context.sync(), as in Office.
  let queue: (() => number | void)[] = [];
  let pendingItemsLoad = false;

  function rangeProxy(sheet: () => FakeSheet, address: string) {
    return {
      set values(values: unknown[][]) {
        queue.push(() => {
          const { c1, r1, c2, r2 } = parseAddress(address);
          if (!Array.isArray(values) || values.length !== r2 - r1 + 1 || values.some((row) => !Array.isArray(row) || row.length !== c2 - c1 + 1)) {
            throw new Error(`InvalidArgument: the values do not match the size of range ${address}`);
          }
          values.forEach((row, i) => row.forEach((v, j) => sheet().cells.set(`${letters(c1 + j)}${r1 + i}`, enter(v))));
          return values.length;
        });
      },
      format: {
        autofitColumns() {
          queue.push(() => void sheet().autofitted.push(address));
        },
      },
    };
  }

  function sheetProxy(name: string) {
    const sheet = () => {
      const found = book.sheets.find((s) => s.name === name);
      if (!found) throw new Error(`ItemNotFound: sheet ${name}`);
      return found;
    };
    return {
      get name() {
        return name;
      },
      getRange(address: string) {
        return rangeProxy(sheet, address);
      },
      tables: {
        add(address: string, hasHeaders: boolean) {
          const record = { address, hasHeaders, name: `Table${book.sheets.length}` };
          queue.push(() => {
            parseAddress(address);
            sheet().tables.push(record);
          });
          return {
            set name(value: string) {
              queue.push(() => {
                if (!/^[\p{L}_\\][\p{L}\p{N}_.]{0,254}$/u.test(value)) throw new Error(`InvalidArgument: table name "${value}"`);
                const all = book.sheets.flatMap((s) => s.tables);
                if (all.some((t) => t !== record && t.name.toLowerCase() === value.toLowerCase())) throw new Error(`InvalidArgument: table name "${value}" is taken`);
                record.name = value;
              });
            },
          };
        },
      },
      activate() {
        queue.push(() => {
          book.active = name;
        });
      },
    };
  }

  const excel = new OfficeMockObject({
    host: 'excel',
    context: {
      workbook: {
        worksheets: {
          items: [],
          load(this: { items: unknown }, what: string) {
            if (!String(what).split(',').some((p) => p.trim().startsWith('items'))) throw new Error(`unexpected load(${what})`);
            pendingItemsLoad = true;
          },
          add(name: string) {
            queue.push(() => {
              checkSheetName(name, book.sheets);
              book.sheets.push({ name, cells: new Map(), tables: [], autofitted: [] });
            });
            return sheetProxy(name);
          },
        },
      },
      async sync(this: { workbook: { worksheets: { items: unknown } } }) {
        const batch = queue;
        queue = [];
        let rowsWritten = 0;
        for (const command of batch) rowsWritten += command() ?? 0;
        book.syncs.push({ rowsWritten });
        if (pendingItemsLoad) {
          pendingItemsLoad = false;
          // Loaded collection items are snapshots, as office.js gives them.
          this.workbook.worksheets.items = book.sheets.map((s) => ({ name: s.name }));
        }
      },
    },
    async run(this: { context: { sync(): Promise<void> } }, batch: (context: unknown) => Promise<unknown>) {
      const result = await batch(this.context);
      // Excel.run carries out whatever the batch left queued.
      if (queue.length) await this.context.sync();
      return result;
    },
  });
  (globalThis as Record<string, unknown>).Excel = excel;
  return book;
}

export function removeFakeExcel(): void {
  delete (globalThis as Record<string, unknown>).Excel;
}
