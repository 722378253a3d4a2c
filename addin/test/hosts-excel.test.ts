import assert from 'node:assert/strict';
import { excelHost, ROWS_PER_WRITE } from '../src/hosts/excel.js';
import type { Cell } from '../src/hosts/host.js';
import { installFakeExcel, removeFakeExcel } from './support/fakeExcel.js';

describe('Excel host: pulling a list into a sheet', function () {
  afterEach(removeFakeExcel);

  it('puts the list in a new sheet as a table with a header row, and shows that sheet', async function () {
    const book = installFakeExcel(['Sheet1']);
    const name = await excelHost().pullTable({
      title: 'Clients',
      columns: ['Name', 'City', 'Balance'],
      rows: [
        ['Acme Ltd', 'Berlin', 1200.5],
        ['Globex', null, 0],
      ],
    });
    assert.equal(name, 'Clients');
    assert.deepEqual(book.sheets.map((s) => s.name), ['Sheet1', 'Clients']);
    assert.equal(book.active, 'Clients');
    assert.deepEqual(book.grid('Clients', 3, 3), [
      ['Name', 'City', 'Balance'],
      ['Acme Ltd', 'Berlin', 1200.5],
      ['Globex', '', 0],
    ]);
    const [table] = book.sheets[1]!.tables;
    assert.deepEqual({ address: table!.address, hasHeaders: table!.hasHeaders }, { address: 'A1:C3', hasHeaders: true });
    assert.match(table!.name, /^Kontora_Clients/);
    assert.deepEqual(book.sheets[1]!.autofitted, ['A1:C3']);
    assert.deepEqual(book.grid('Sheet1', 1, 1), [[null]], 'the sheet the user was on is left alone');
  });

  it('never overwrites a sheet: pulling again gives a new uniquely named sheet, whatever its case', async function () {
    const book = installFakeExcel(['Sheet1', 'CLIENTS', 'Clients 2']);
    const name = await excelHost().pullTable({ title: 'Clients', columns: ['Name'], rows: [['Acme']] });
    assert.equal(name, 'Clients 3');
    assert.deepEqual(book.grid('Clients 3', 2, 1), [['Name'], ['Acme']]);
    assert.deepEqual(book.grid('CLIENTS', 1, 1), [[null]]);
    const again = await excelHost().pullTable({ title: 'Clients', columns: ['Name'], rows: [['Globex']] });
    assert.equal(again, 'Clients 4');
    const tableNames = book.sheets.flatMap((s) => s.tables.map((t) => t.name));
    assert.equal(new Set(tableNames.map((n) => n.toLowerCase())).size, tableNames.length, 'each pull has its own table name');
  });

  it('pulls lists with non-Latin titles of the same length side by side (Russian "Клиенты" and "Платежи")', async function () {
    const book = installFakeExcel(['Лист1']);
    assert.equal(await excelHost().pullTable({ title: 'Клиенты', columns: ['Имя'], rows: [['ООО Ромашка']] }), 'Клиенты');
    assert.equal(await excelHost().pullTable({ title: 'Платежи', columns: ['Сумма'], rows: [[100]] }), 'Платежи');
    assert.deepEqual(book.grid('Платежи', 2, 1), [['Сумма'], [100]]);
  });

  it('makes a sheet name Excel accepts out of any list title', async function () {
    const cases: [string, string][] = [
      ['Invoices: 2026/01 [overdue]?', 'Invoices  2026 01  overdue'],
      ['A very long saved view name that goes on and on', 'A very long saved view name '.trim()],
      ['   ', 'Kontora'],
      ["'Gold' clients'", "Gold' clients"],
      ['History', 'History 2'],
    ];
    for (const [title, expected] of cases) {
      const book = installFakeExcel(['Sheet1']);
      const name = await excelHost().pullTable({ title, columns: ['Name'], rows: [['x']] });
      assert.equal(name, expected, `title ${JSON.stringify(title)}`);
      assert.ok(book.sheets.some((s) => s.name === expected));
      assert.ok(name.length <= 31);
    }
  });

  it('writes a 5,000-row list in several batches, each below the request size limit, and loses no row', async function () {
    const book = installFakeExcel(['Sheet1']);
    const rows: Cell[][] = Array.from({ length: 5000 }, (_, i) => [`Client ${i + 1}`, i + 1, i % 2 === 0]);
    await excelHost().pullTable({ title: 'Clients', columns: ['Name', 'No', 'Active'], rows });
    const writes = book.syncs.filter((s) => s.rowsWritten > 0);
    assert.ok(writes.length >= 3, `5,000 rows went out in ${writes.length} write(s)`);
    for (const w of writes) assert.ok(w.rowsWritten <= ROWS_PER_WRITE + 1, `one write carried ${w.rowsWritten} rows`);
    assert.equal(writes.reduce((n, w) => n + w.rowsWritten, 0), 5001, 'header + every row, each once');
    const grid = book.grid('Clients', 5002, 3);
    assert.deepEqual(grid[0], ['Name', 'No', 'Active']);
    assert.deepEqual(grid[1], ['Client 1', 1, true]);
    assert.deepEqual(grid[2000], ['Client 2000', 2000, false]);
    assert.deepEqual(grid[2001], ['Client 2001', 2001, true]);
    assert.deepEqual(grid[5000], ['Client 5000', 5000, false]);
    assert.deepEqual(grid[5001], [null, null, null], 'nothing below the list');
    assert.equal(book.sheets[1]!.tables[0]!.address, 'A1:C5001');
  });

  it('writes text that starts with = + - @ as that text, never as a formula', async function () {
    const book = installFakeExcel(['Sheet1']);
    const risky = ['=HYPERLINK("http://evil.example","click")', '+7 916 123-45-67', '-10% promo', '@SUM(A1:A9)', '=1+1'];
    await excelHost().pullTable({ title: 'Notes', columns: ['Note'], rows: risky.map((r) => [r]) });
    risky.forEach((text, i) => {
      const cell = book.cell('Notes', `A${i + 2}`);
      assert.equal(cell?.formula, undefined, `${text} became a formula`);
      assert.equal(cell?.value, text);
    });
  });

  it('keeps number-like text such as account numbers and codes with leading zeros exactly as typed', async function () {
    const book = installFakeExcel(['Sheet1']);
    const texts = ['40702810900000000001', '007', '0123456789', '1e5'];
    await excelHost().pullTable({ title: 'Requisites', columns: ['Value'], rows: texts.map((v) => [v]) });
    texts.forEach((text, i) => assert.equal(book.cell('Requisites', `A${i + 2}`)?.value, text));
  });

  it('keeps real numbers numbers and dates as ISO text Excel recognises', async function () {
    const book = installFakeExcel(['Sheet1']);
    await excelHost().pullTable({ title: 'Invoices', columns: ['Total', 'Due'], rows: [[-150.25, '2026-03-01']] });
    assert.deepEqual(book.grid('Invoices', 2, 2)[1], [-150.25, '2026-03-01']);
  });

  it('writes an empty list as a table with just the header row', async function () {
    const book = installFakeExcel(['Sheet1']);
    const name = await excelHost().pullTable({ title: 'Clients', columns: ['Name', 'City'], rows: [] });
    assert.deepEqual(book.grid(name, 2, 2), [['Name', 'City'], [null, null]]);
    assert.equal(book.sheets[1]!.tables[0]!.address, 'A1:B1');
  });

  it('fills short rows with empty cells instead of failing', async function () {
    const book = installFakeExcel(['Sheet1']);
    await excelHost().pullTable({ title: 'Contacts', columns: ['Name', 'Phone', 'E-mail'], rows: [['Ann'], ['Bob', '+1 555 0100', 'bob@example.com']] });
    assert.deepEqual(book.grid('Contacts', 3, 3).slice(1), [
      ['Ann', '', ''],
      ['Bob', '+1 555 0100', 'bob@example.com'],
    ]);
  });
});
