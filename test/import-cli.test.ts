import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'kontora.js');

describe('kontora import and export', function () {
  this.timeout(60_000);
  let dataDir: string;
  const kontora = (...args: string[]) => run(process.execPath, [bin, ...args], {
    env: { ...process.env, KONTORA_DATA_DIR: dataDir, DATABASE_URL: '', KONTORA_DEMO: '0', KONTORA_ADMIN_PASSWORD: 'cli-admin-password', KONTORA_LOG_LEVEL: 'warn' },
  });
  const fails = async (args: string[], code: number, pattern: RegExp) => {
    await assert.rejects(kontora(...args), (err: { code: number; stderr: string; stdout: string }) => {
      assert.equal(err.code, code, err.stderr);
      assert.match(err.stderr + err.stdout, pattern);
      return true;
    });
  };
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-cli-import-'));
    await kontora('migrate');
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('imports a file and prints the counts', async () => {
    const { stdout } = await kontora('import', path.join(root, 'import-samples', 'clients.xlsx'), '--target', 'clients');
    assert.match(stdout, /header on row 2/);
    assert.match(stdout, /done: 6 created, 0 updated, 0 skipped, 0 failed, 0 held for review/);
    const again = await kontora('import', path.join(root, 'import-samples', 'clients-windows-1251.csv'), '--target', 'clients', '--on-duplicate', 'skip');
    assert.match(again.stdout, /done: 0 created, 0 updated, 6 skipped/);
  });

  it('exits with 3 and writes the error report when rows fail', async () => {
    const file = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(file, 'Name,E-mail\nGood,good@cli.example\nBad,not-an-email\n');
    const report = path.join(dataDir, 'report.xlsx');
    await assert.rejects(kontora('import', file, '--target', 'clients', '--report', report), (err: { code: number; stdout: string }) => {
      assert.equal(err.code, 3);
      assert.match(err.stdout, /1 created, 0 updated, 0 skipped, 1 failed/);
      return true;
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    assert.equal(wb.worksheets[0]!.getRow(2).getCell(4).value, 'Bad');
  });

  it('exits with 1 on a file that cannot be imported and 2 on wrong usage', async () => {
    const garbage = path.join(dataDir, 'garbage.xlsx');
    fs.writeFileSync(garbage, 'not a workbook');
    await fails(['import', garbage, '--target', 'clients'], 1, /not an Excel workbook/);
    await fails(['import', garbage, '--target', 'invoices'], 2, /Usage: kontora import/);
    await fails(['import', path.join(dataDir, 'missing.csv'), '--target', 'clients'], 1, /there is no file/);
    await fails(['import', garbage, '--target', 'clients', '--mapping', 'nope'], 1, /no saved mapping "nope"/);
  });

  it('exports a filtered list to a file', async () => {
    const out = path.join(dataDir, 'moscow.csv');
    const { stdout } = await kontora('export', 'clients', '--format', 'csv', '--filter', 'city=Москва', '--columns', 'name,taxId', '--sort', 'name', '-o', out);
    assert.match(stdout, /2 clients/);
    assert.deepEqual(fs.readFileSync(out, 'utf8').trim().split('\r\n'), ['Name,Tax ID', 'ИП Кузнецов Андрей Викторович,772512345678', 'ООО «Северная звезда»,7701234567']);
    await fails(['export', 'clients', '--format', 'csv', '--filter', 'nosuch=1', '-o', out], 1, /no filter "nosuch"/);
    await fails(['export', 'clients', '--format', 'csv'], 2, /Usage: kontora export/);
  });
});
