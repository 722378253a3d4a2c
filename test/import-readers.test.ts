import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xlsxRows } from '../server/imports/read/xlsx.js';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'import-samples');

async function all(file: string, bigStrings: boolean) {
  const rows: unknown[] = [];
  for await (const row of xlsxRows(file, undefined, bigStrings)) rows.push(row);
  return rows;
}

describe('Import: .xlsx reader', () => {
  it('reads a workbook the same with its shared strings kept in a file as in memory', async () => {
    for (const name of ['clients.xlsx', 'price-list.xlsx']) {
      const file = path.join(samples, name);
      const inMemory = await all(file, false);
      assert.ok(inMemory.length > 4);
      assert.deepEqual(await all(file, true), inMemory, name);
    }
  });

  it('reads the sheet asked for, skipping the others', async () => {
    const rows: unknown[][] = [];
    for await (const [, cells] of xlsxRows(path.join(samples, 'clients.xlsx'), 'Пояснения', true)) rows.push(cells);
    assert.deepEqual(rows, [['Этот лист не импортируется: выберите лист «Клиенты».']]);
  });
});
