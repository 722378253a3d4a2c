import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { importFile } from './import-support.js';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'import-samples');

interface Case {
  file: string;
  target: 'clients' | 'contacts' | 'products';
  created: number;
  /** Checks the records the import made. */
  check(t: TestServer, ctx: { sinceKey: string }): Promise<void>;
  undo?: boolean;
}

const byName = async (t: TestServer, resource: string, name: string) => {
  const list = await t.admin.expect(200, 'GET', `/${resource}?name=${encodeURIComponent(name)}`);
  assert.equal(list.items.length, 1, `one ${resource} named ${name}`);
  return t.admin.expect(200, 'GET', `/${resource}/${list.items[0].id}`);
};

async function checkClientList(t: TestServer, sinceKey: string, latvianContact: string): Promise<void> {
  const star = await byName(t, 'clients', 'ООО «Северная звезда»');
  assert.deepEqual([star.kind, star.taxId, star.city, star.legalAddress, star.website, star[sinceKey], star.notes],
    ['legal', '7701234567', 'Москва', '125009, Москва, ул. Тверская, д. 7', 'https://sev-zvezda.ru', '2019-04-15', 'Оплата по факту; скидка 5 %']);
  assert.deepEqual(star.phones, [{ type: 'work', number: '+7 (495) 123-45-67' }]);
  assert.deepEqual(star.emails, [{ type: 'work', address: 'info@sev-zvezda.ru' }]);
  assert.deepEqual(star.contacts.map((c: any) => [c.name, c.jobTitle, c.isPrimary]), [['Иванов Пётр Сергеевич', 'Генеральный директор', true]]);
  const northwind = await byName(t, 'clients', 'Northwind Traders Ltd');
  assert.equal(northwind.notes, 'Prefers e-mail, "no calls before 10"');
  const balt = await byName(t, 'clients', 'Balt Logistics SIA');
  assert.equal(balt.website, 'https://www.baltlog.example');
  assert.equal(balt.notes, 'Multi-line note:\nwarehouse in Jelgava');
  assert.equal(balt.contacts[0].name, latvianContact);
  const kuznetsov = await byName(t, 'clients', 'ИП Кузнецов Андрей Викторович');
  assert.equal(kuznetsov.city, 'Москва');
  assert.equal(kuznetsov.taxId, '772512345678');
  const volga = await byName(t, 'clients', 'ООО «Волга-Трейд»');
  assert.deepEqual(volga.phones.map((p: any) => p.number), ['+7 831 430-00-11', '+7 910 123-00-22']);
}

const cases: Case[] = [
  { file: 'clients.xlsx', target: 'clients', created: 6, undo: true, check: (t, c) => checkClientList(t, c.sinceKey, 'Jānis Bērziņš') },
  { file: 'clients-utf8.csv', target: 'clients', created: 6, undo: true, check: (t, c) => checkClientList(t, c.sinceKey, 'Jānis Bērziņš') },
  { file: 'clients-windows-1251.csv', target: 'clients', created: 6, undo: true, check: (t, c) => checkClientList(t, c.sinceKey, 'Janis Berzins') },
  {
    file: 'outlook-contacts.csv', target: 'contacts', created: 3,
    async check(t) {
      const anne = await byName(t, 'contacts', 'Anne Dodsworth');
      assert.equal(anne.clientName, 'Northwind Traders Ltd', 'linked to the client by the company name');
      assert.deepEqual([anne.jobTitle, anne.department, anne.birthday, anne.notes], ['Purchasing Manager', 'Purchasing', '1980-05-23', 'Met at the London trade fair']);
      assert.deepEqual(anne.phones, [{ type: 'work', number: '+44 20 7946 0958' }, { type: 'fax', number: '+44 20 7946 0959' }, { type: 'mobile', number: '+44 7700 900123' }]);
      assert.deepEqual(anne.emails.map((e: any) => e.address), ['anne@northwind.example', 'anne.d@home.example']);
      const king = await byName(t, 'contacts', 'Robert J. King');
      assert.equal(king.birthday, null, 'Outlook writes 0/0/00 for no birthday');
      assert.equal(king.clientId, null, 'a company that is not a client leaves the contact standalone');
      const laura = await byName(t, 'contacts', 'Laura Callahan');
      assert.equal(laura.birthday, '1975-12-01');
      assert.equal(laura.notes, 'Freelance, "call first"\r\nprefers mornings');
    },
  },
  {
    file: 'google-contacts.csv', target: 'contacts', created: 2,
    async check(t) {
      const maria = await byName(t, 'contacts', 'Мария Петрова');
      assert.equal(maria.clientName, 'ООО «Северная звезда»');
      assert.deepEqual(maria.emails, [{ type: 'work', address: 'm.petrova@sev-zvezda.ru' }, { type: 'personal', address: 'masha.p@mail.example' }]);
      assert.deepEqual(maria.phones, [{ type: 'mobile', number: '+7 903 111-22-33' }, { type: 'work', number: '+7 (495) 123-45-68' }]);
      assert.deepEqual([maria.jobTitle, maria.department, maria.birthday], ['Менеджер', 'Продажи', '1990-07-08']);
      const tom = await byName(t, 'contacts', 'Tom Baker');
      assert.deepEqual(tom.emails.map((e: any) => e.address), ['tom@baltlog.example', 'tbaker@baltlog.example']);
      assert.equal(tom.birthday, null, 'a birthday without a year is left empty');
    },
  },
  {
    file: 'contacts.vcf', target: 'contacts', created: 3,
    async check(t) {
      const volkova = await byName(t, 'contacts', 'Волкова Елена Игоревна');
      assert.equal(volkova.clientName, 'АО «Уральские машины»');
      assert.deepEqual([volkova.firstName, volkova.middleName, volkova.lastName, volkova.department, volkova.birthday], ['Елена', 'Игоревна', 'Волкова', 'Отдел снабжения', '1984-02-29']);
      assert.deepEqual(volkova.phones, [{ type: 'work', number: '+7 343 222-33-45' }, { type: 'mobile', number: '+7 912 600-70-80' }]);
      assert.equal(volkova.notes, 'Звонить после 11:00, кроме пятницы.\nЛюбит подробные КП.');
      const janis = await byName(t, 'contacts', 'Jānis Bērziņš');
      assert.deepEqual(janis.phones, [{ type: 'work', number: '+371-6712-3456' }]);
      assert.equal(janis.notes, 'A long note that an address book folded over two lines because vCard lines are limited to 75 octets.');
      assert.equal(janis.birthday, '1978-03-15');
      const orlov = await byName(t, 'contacts', 'Сергей Орлов');
      assert.deepEqual(orlov.emails.map((e: any) => e.address), ['sergey@volga-trade.example']);
      assert.deepEqual(orlov.phones, [{ type: 'home', number: '8 831 555 44 33' }]);
    },
  },
  {
    file: 'price-list.xlsx', target: 'products', created: 4,
    async check(t) {
      const drill = await byName(t, 'products', 'Дрель ударная 750 Вт');
      assert.deepEqual([drill.sku, drill.unit, drill.vatRate, drill.categoryName], ['DR-1010', 'шт', '20', 'Электроинструмент']);
      assert.deepEqual(drill.prices.map((p: any) => [p.priceTypeName, p.amount]).sort(), [['Опт', '4390.50'], ['Розница', '5490.00']]);
      const gloves = await byName(t, 'products', 'Перчатки рабочие');
      assert.deepEqual(gloves.prices.map((p: any) => [p.priceTypeName, p.amount]).sort(), [['Опт', '65.00'], ['Розница', '89.90']]);
      const categories = await t.admin.expect(200, 'GET', '/product-categories?limit=50&sort=name');
      const tools = categories.items.find((c: any) => c.name === 'Инструмент');
      assert.ok(tools, 'the category path was created');
      assert.equal(categories.items.filter((c: any) => c.parentId === tools.id).length, 2, 'both subcategories under one parent');
    },
  },
];

forEachDatabase('Import samples', (kind) => {
  let t: TestServer;
  const ctx = { sinceKey: '' };
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    ctx.sinceKey = (await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Клиент с', type: 'date' })).key;
    await t.admin.expect(201, 'POST', '/price-types', { name: 'Розница', currency: 'RUB' });
    await t.admin.expect(201, 'POST', '/price-types', { name: 'Опт', currency: 'RUB' });
  });
  after(async () => t?.close());

  for (const c of cases) {
    it(`imports ${c.file} into ${c.target}`, async () => {
      if (c.target === 'contacts' && !(await t.admin.get('/clients?limit=1')).body.items.length) {
        for (const name of ['Northwind Traders Ltd', 'ООО «Северная звезда»', 'АО «Уральские машины»']) await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name });
      }
      const job = await importFile(t.admin, c.target, c.file, fs.readFileSync(path.join(samples, c.file)));
      assert.equal(job.status, 'done', JSON.stringify(job.error));
      if (job.counts.failed) {
        const failed = await t.admin.expect(200, 'GET', `/imports/${job.id}/rows?outcome=failed`);
        assert.fail(JSON.stringify(failed.items.map((r: any) => [r.rowNumber, r.problems])));
      }
      assert.deepEqual(job.counts, { created: c.created, updated: 0, skipped: 0, failed: 0, held: 0 });
      await c.check(t, ctx);
      if (c.undo) {
        const undone = await t.admin.expect(200, 'POST', `/imports/${job.id}/undo`);
        assert.deepEqual([undone.removed, undone.refused], [c.created, []]);
        assert.equal((await t.admin.get('/clients?limit=1')).body.total, 0);
        assert.equal((await t.admin.get('/contacts?limit=1')).body.total, 0, 'contact persons go with their clients');
      }
    });
  }
});
