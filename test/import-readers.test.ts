import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SharedStringFile } from '../server/imports/read/shared-strings.js';
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

  it('gives back every shared string kept in a file, in any order, long ones and non-Latin ones included', () => {
    const strings = new SharedStringFile();
    try {
      // Long texts cross the file's read blocks; Cyrillic takes two bytes a letter; more strings than its cache of recent ones holds.
      const texts = Array.from({ length: 120_000 }, (_, i) => (i % 4999 === 0 ? `Длинный ${i} `.repeat(40_000 / 10) : i % 3 ? `Строка ${i}` : `row ${i}`));
      texts.push('');
      for (const t of texts) strings.add(t);
      const order = texts.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = (i * 7919) % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of [...texts.keys(), ...order]) assert.equal(strings.get(i), texts[i], `string ${i}`);
      assert.equal(strings.get(texts.length), null);
    } finally {
      strings.close();
    }
  });
});
