import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import { buildAll } from '../templates/source/build.js';
import { renderDocx } from '../server/documents/render.js';
import { docxText } from '../server/documents/text.js';
import { convertDocx, sofficePath } from '../server/documents/pdf.js';
import { shippedForms } from '../server/templates/shipped.js';
import { Choice, DateValue, Decimal, ImageValue, Money } from '../server/documents/values.js';
import type { Locale } from '../server/documents/values.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = path.join(root, 'test', 'golden', 'documents');
const update = process.env.UPDATE_GOLDEN === '1';

const eur = (text: string) => new Money(BigInt(text.replace('.', '')), 'EUR', 2);
const dec = (text: string) => Decimal.parse(text);
/** A 2×1 red PNG: enough for the picture to be placed and sized. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e85d0000000f4944415478da63f8cfc0f01f0000050101ff9a0ad1e20000000049454e44ae426082', 'hex');
const logo = new ImageValue(png, 'image/png', 'fixture-logo');

const company = {
  id: 1, name: 'Northwind Trading', legalName: 'Northwind Trading Ltd', taxId: 'GB123456789', registrationNumber: '08123456',
  legalAddress: '12 Market Street, London EC1A 1BB', postalAddress: null, bankName: 'Barclays Bank PLC', bankCode: 'BARCGB22', bankAccount: 'GB29 NWBK 6016 1331 9268 19',
  correspondentAccount: null, directorName: 'Margaret Hale', directorTitle: 'Managing Director', vatNumber: 'GB 123 4567 89', phone: '+44 20 7946 0000',
  email: 'office@northwind.example', website: 'https://northwind.example', accountantName: 'John Thornton', defaultCurrency: 'EUR', paymentTermsDays: dec('14'),
  logo, stamp: null, signature: logo,
};
const client = {
  id: 7, kind: new Choice('legal', 'Legal entity'), name: 'Globex', legalName: 'Globex Corporation GmbH', taxId: 'DE811907980', registrationNumber: 'HRB 12345',
  legalAddress: 'Hauptstraße 5, 10115 Berlin', postalAddress: null, bankName: 'Deutsche Bank', bankCode: 'DEUTDEFF', bankAccount: 'DE89 3704 0044 0532 0130 00',
  directorName: 'Hank Scorpio', directorTitle: 'CEO', city: 'Berlin', country: 'Germany', photo: null,
};
const manager = { name: 'Anna Smith', email: 'anna@northwind.example' };
const primaryContact = { id: 3, name: 'Frank Grimes', firstName: 'Frank', jobTitle: 'Purchasing manager' };
const lines = [
  { position: 1, description: 'Support plan, monthly', unit: 'month', quantity: dec('12'), price: eur('100.00'), discount: dec('5'), vatRate: dec('21'), net: eur('1140.00'), vat: eur('239.40'), gross: eur('1379.40') },
  { position: 2, description: 'Onboarding workshop', unit: 'day', quantity: dec('1.5'), price: eur('450.00'), discount: dec('0'), vatRate: dec('21'), net: eur('675.00'), vat: eur('141.75'), gross: eur('816.75') },
];
const totals = { currency: 'EUR', vatMode: new Choice('exclusive', 'VAT on top of prices'), netTotal: eur('1815.00'), vatTotal: eur('381.15'), total: eur('2196.15') };
const contract = {
  id: 11, number: 'C-2026-0042', date: new DateValue('2026-11-27'), subject: 'Support and onboarding services', startDate: new DateValue('2027-01-01'), endDate: new DateValue('2027-12-31'),
  autoRenew: true, noticeDays: dec('45'), signatoryName: 'Hank Scorpio', notes: null, lines, ...totals,
};
const today = new DateValue('2026-11-27');

export const goldenData: Record<string, Record<string, unknown>> = {
  contract: { ...contract, client, company, manager, primaryContact, signatory: primaryContact, today },
  invoice: {
    id: 21, number: 'INV-2026-00017', date: new DateValue('2026-11-27'), dueDate: new DateValue('2026-12-11'), notes: 'Thank you for your business.', lines, ...totals,
    client, company, manager, primaryContact, contract, today,
  },
  client: { ...client, client, company, manager, primaryContact, today },
};

const built = buildAll();

describe('Shipped print forms', () => {
  it('are exactly what templates/source writes (run `npx tsx templates/source/build.ts` after changing it)', () => {
    for (const form of built) {
      const committed = new PizZip(fs.readFileSync(form.file));
      const fresh = new PizZip(form.content);
      assert.deepEqual(Object.keys(committed.files).sort(), Object.keys(fresh.files).sort(), form.name);
      for (const name of Object.keys(fresh.files)) assert.equal(committed.file(name)!.asText(), fresh.file(name)!.asText(), `${form.name}: ${name}`);
    }
  });

  it('each have a server entry with their record type', () => {
    assert.deepEqual(shippedForms.map((f) => f.name).sort(), built.map((b) => b.name).sort());
  });

  for (const form of shippedForms) {
    it(`render "${form.name}" with fixed data to the expected text (UPDATE_GOLDEN=1 rewrites it)`, () => {
      const template = fs.readFileSync(path.join(root, 'templates', `${form.name}.docx`));
      const text = docxText(renderDocx(template, goldenData[form.recordType]!, 'en'));
      const file = path.join(goldenDir, `${form.name}.txt`);
      if (update || !fs.existsSync(file)) {
        fs.mkdirSync(goldenDir, { recursive: true });
        fs.writeFileSync(file, text);
        if (!update) assert.fail(`${path.relative(root, file)} did not exist and was written; review and commit it`);
      }
      assert.equal(text, fs.readFileSync(file, 'utf8'));
      assert.doesNotMatch(text, /[{}]/, 'no tag is left unfilled');
    });
  }

  it('prints the same contract in Russian with Russian dates and amount in words', () => {
    const template = fs.readFileSync(path.join(root, 'templates', 'contract.docx'));
    const data = { ...goldenData.contract, currency: 'RUB', total: new Money(125050n, 'RUB', 2) };
    const text = docxText(renderDocx(template, data, 'ru' as Locale));
    assert.match(text, /27\.11\.2026/);
    assert.match(text, /1\u00a0250,50 RUB \(Одна тысяча двести пятьдесят рублей 50 копеек\)/);
  });
});

describe('Shipped print forms in LibreOffice', function () {
  this.timeout(120_000);
  before(function () {
    if (!sofficePath()) {
      console.log('\n    ⚠ LibreOffice (soffice) is not installed: the PDF conversion tests are SKIPPED.\n');
      this.skip();
    }
  });

  for (const form of shippedForms) {
    it(`opens the rendered "${form.name}" and converts it to PDF and text`, async () => {
      const template = fs.readFileSync(path.join(root, 'templates', `${form.name}.docx`));
      const docx = renderDocx(template, goldenData[form.recordType]!, 'en');
      const pdf = await convertDocx(docx, 'pdf');
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = (await convertDocx(docx, 'txt:Text')).toString('utf8');
      assert.ok(text.includes(client.legalName), 'the client is named');
      if (form.recordType !== 'client') assert.ok(text.includes('2,196.15'), 'the total is printed');
      assert.ok(!/[{}]/.test(text), 'no tag is left unfilled');
    });
  }
});
