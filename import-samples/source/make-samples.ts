/**
 * Writes the sample import files in import-samples/ (run from the repo root):
 *   node --import tsx import-samples/source/make-samples.ts
 * The files are committed; test/import-samples.test.ts imports each one and
 * checks the records it makes. Content is invented but shaped like real
 * exports: Excel with a title row, rich text, a hyperlink, a formula and
 * dates; CSV as Excel saves it (UTF-8 with BOM; Windows-1251 with
 * semicolons); Outlook's and Google's contact exports with their own
 * headers; vCards 3.0 and 4.0 with folded lines and escapes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CLIENT_HEADER = ['Наименование', 'ИНН', 'Контактное лицо', 'Должность', 'Телефон', 'E-mail', 'Город', 'Юридический адрес', 'Сайт', 'Клиент с', 'Примечание'];
export const CLIENTS: (string | null)[][] = [
  ['ООО «Северная звезда»', '7701234567', 'Иванов Пётр Сергеевич', 'Генеральный директор', '+7 (495) 123-45-67', 'info@sev-zvezda.ru', 'Москва', '125009, Москва, ул. Тверская, д. 7', 'sev-zvezda.ru', '2019-04-15', 'Оплата по факту; скидка 5 %'],
  ['АО «Уральские машины»', '6671123456', 'Смирнова Ольга', 'Главный бухгалтер', '8 343 222-33-44', 'buh@uralmash.example', 'Екатеринбург', '620014, Екатеринбург, пр. Ленина, 24', 'https://uralmash.example', '2021-11-02', null],
  ['Northwind Traders Ltd', 'GB123456789', 'Anne Dodsworth', 'Purchasing Manager', '+44 20 7946 0958', 'anne@northwind.example', 'London', '12 Baker Street, London NW1 6XE', 'northwind.example', '2020-01-20', 'Prefers e-mail, "no calls before 10"'],
  ['ИП Кузнецов Андрей Викторович', '772512345678', null, null, '+7 916 555-12-34', 'kuznetsov.av@mail.example', 'Москва', null, null, '2023-06-30', 'Розница'],
  ['Balt Logistics SIA', 'LV40003123456', 'Jānis Bērziņš', 'Director', '+371 6712 3456', 'janis@baltlog.example', 'Riga', 'Brīvības iela 100, Rīga, LV-1001', 'www.baltlog.example', '2018-09-01', 'Multi-line note:\nwarehouse in Jelgava'],
  ['ООО «Волга-Трейд»', '5260123456', 'Сидоров Алексей', 'Менеджер по закупкам', '+7 831 430-00-11; +7 910 123-00-22', 'zakaz@volga-trade.example', 'Нижний Новгород', null, null, '2022-02-14', null],
];

async function clientWorkbook(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kontora samples';
  const ws = wb.addWorksheet('Клиенты');
  ws.addRow(['Список клиентов на 01.11.2026']);
  ws.addRow(CLIENT_HEADER);
  ws.getRow(2).font = { bold: true };
  for (const c of CLIENTS) {
    const row = ws.addRow(c.map((v, i) => (i === 9 && v ? new Date(`${v}T00:00:00Z`) : v)));
    row.getCell(10).numFmt = 'dd.mm.yyyy';
  }
  // Rich text in a name, a hyperlink for a website, a formula with its cached result for a city.
  ws.getCell('A5').value = { richText: [{ text: 'Northwind ', font: { bold: true } }, { text: 'Traders Ltd' }] };
  ws.getCell('I7').value = { text: 'www.baltlog.example', hyperlink: 'https://www.baltlog.example' };
  ws.getCell('G6').value = { formula: 'G3', result: 'Москва' };
  ws.getColumn(1).width = 36;
  const notes = wb.addWorksheet('Пояснения');
  notes.addRow(['Этот лист не импортируется: выберите лист «Клиенты».']);
  await wb.xlsx.writeFile(path.join(dir, 'clients.xlsx'));
}

function csvLine(cells: (string | null)[], delimiter: string): string {
  return cells.map((c) => {
    const v = c ?? '';
    return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(delimiter);
}

function clientCsv(): void {
  const rows = [CLIENT_HEADER, ...CLIENTS];
  // Excel's "CSV UTF-8": comma-separated, with a byte-order mark, CRLF.
  fs.writeFileSync(path.join(dir, 'clients-utf8.csv'), '\ufeff' + rows.map((r) => csvLine(r, ',')).join('\r\n') + '\r\n');
  // Excel's "CSV" on a Russian Windows: Windows-1251, semicolons. (ā, ē, ņ, ī have no 1251 code: Latvian names lose them, as Excel does.)
  const in1251 = (ch: string) => iconv.decode(iconv.encode(ch, 'windows-1251'), 'windows-1251') === ch;
  const plain = (v: string) => [...v].map((ch) => (in1251(ch) ? ch : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))).join('');
  const text = rows.map((r) => csvLine(r.map((v) => (v === null ? null : plain(v))), ';')).join('\r\n') + '\r\n';
  fs.writeFileSync(path.join(dir, 'clients-windows-1251.csv'), iconv.encode(text, 'windows-1251'));
}

function outlookCsv(): void {
  const header = ['Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Business Street', 'Business City', 'Business Postal Code', 'Business Country/Region',
    'Business Phone', 'Business Fax', 'Home Phone', 'Mobile Phone', 'E-mail Address', 'E-mail Type', 'E-mail Display Name', 'E-mail 2 Address', 'Birthday', 'Notes', 'Web Page'];
  const rows = [
    ['Ms.', 'Anne', '', 'Dodsworth', '', 'Northwind Traders Ltd', 'Purchasing', 'Purchasing Manager', '12 Baker Street', 'London', 'NW1 6XE', 'United Kingdom', '+44 20 7946 0958', '+44 20 7946 0959', '', '+44 7700 900123', 'anne@northwind.example', 'SMTP', 'Anne Dodsworth (anne@northwind.example)', 'anne.d@home.example', '5/23/1980', 'Met at the London trade fair', ''],
    ['Mr.', 'Robert', 'J.', 'King', '', 'Contoso Pharmaceuticals', '', 'CFO', '', 'Seattle', '98101', 'United States', '(206) 555-0101', '', '(206) 555-0199', '', 'rking@contoso.example', 'SMTP', 'Robert King', '', '0/0/00', '', 'http://www.contoso.example/'],
    ['', 'Laura', '', 'Callahan', '', '', '', 'Consultant', '', 'Boston', '', 'United States', '', '', '', '617-555-0147', 'laura.callahan@example.net', 'SMTP', 'Laura Callahan', '', '12/1/1975', 'Freelance, "call first"\r\nprefers mornings', ''],
  ];
  fs.writeFileSync(path.join(dir, 'outlook-contacts.csv'), [header, ...rows].map((r) => csvLine(r, ',')).join('\r\n') + '\r\n');
}

function googleCsv(): void {
  const header = ['First Name', 'Middle Name', 'Last Name', 'Phonetic First Name', 'Nickname', 'File As', 'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value',
    'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value', 'Address 1 - Label', 'Address 1 - Formatted', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Notes', 'Labels', 'Website 1 - Label', 'Website 1 - Value'];
  const rows = [
    ['Мария', '', 'Петрова', '', 'Маша', '', '* Work', 'm.petrova@sev-zvezda.ru', '* Home', 'masha.p@mail.example', 'Mobile', '+7 903 111-22-33', 'Work', '+7 (495) 123-45-68', 'Work', 'Москва, ул. Тверская, 7', 'ООО «Северная звезда»', 'Менеджер', 'Продажи', '1990-07-08', '', '* myContacts ::: Clients', '', ''],
    ['Tom', '', 'Baker', '', '', '', 'Work', 'tom@baltlog.example ::: tbaker@baltlog.example', '', '', 'Work', '+371 6712 3457', '', '', '', '', 'Balt Logistics SIA', 'Logistics Lead', '', '--04-12', 'Birthday without a year', '* myContacts', 'Profile', 'https://linkedin.example/tbaker'],
  ];
  fs.writeFileSync(path.join(dir, 'google-contacts.csv'), [header, ...rows].map((r) => csvLine(r, ',')).join('\n') + '\n');
}

function vcards(): void {
  const cards = [
    ['BEGIN:VCARD', 'VERSION:3.0', 'N:Волкова;Елена;Игоревна;;', 'FN:Волкова Елена Игоревна', 'ORG:АО «Уральские машины»;Отдел снабжения', 'TITLE:Начальник отдела снабжения',
      'TEL;TYPE=WORK,VOICE:+7 343 222-33-45', 'TEL;TYPE=CELL:+7 912 600-70-80', 'EMAIL;TYPE=INTERNET,WORK:volkova@uralmash.example', 'BDAY:1984-02-29',
      'NOTE:Звонить после 11:00\\, кроме пятницы.\\nЛюбит подробные КП.', 'END:VCARD'],
    ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Jānis Bērziņš', 'N:Bērziņš;Jānis;;;', 'ORG:Balt Logistics SIA', 'TITLE:Director',
      'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+371-6712-3456', 'EMAIL;TYPE=work:janis@baltlog.example', 'ADR;TYPE=work:;;Brīvības iela 100;Rīga;;LV-1001;Latvia',
      'NOTE:A long note that an address book folded over two lines because vCard lines are li', ' mited to 75 octets.', 'BDAY:19780315', 'END:VCARD'],
    ['BEGIN:VCARD', 'VERSION:3.0', 'item1.EMAIL;type=INTERNET;type=pref:sergey@volga-trade.example', 'item1.X-ABLabel:work', 'N:Орлов;Сергей;;;', 'FN:Сергей Орлов',
      'TEL;type=HOME:8 831 555 44 33', 'URL:https://volga-trade.example', 'END:VCARD'],
  ];
  fs.writeFileSync(path.join(dir, 'contacts.vcf'), cards.map((c) => c.join('\r\n')).join('\r\n') + '\r\n');
}

export const PRICE_HEADER = ['Артикул', 'Наименование', 'Категория', 'Ед. изм.', 'НДС, %', 'Розница', 'Опт'];
export const PRICES: (string | number)[][] = [
  ['DR-1010', 'Дрель ударная 750 Вт', 'Инструмент / Электроинструмент', 'шт', 20, 5490, 4390.5],
  ['SC-0220', 'Набор отвёрток 12 шт.', 'Инструмент / Ручной инструмент', 'набор', 20, 1290, 990],
  ['GL-0001', 'Перчатки рабочие', 'Спецодежда', 'пара', 20, 89.9, 65],
  ['SV-MONT', 'Монтаж оборудования (час)', 'Услуги', 'ч', 20, 2500, 2000],
];

async function priceList(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Прайс-лист');
  ws.addRow(PRICE_HEADER).font = { bold: true };
  for (const p of PRICES) ws.addRow(p);
  ws.getColumn(6).numFmt = '#,##0.00';
  ws.getColumn(7).numFmt = '#,##0.00';
  await wb.xlsx.writeFile(path.join(dir, 'price-list.xlsx'));
}

async function main(): Promise<void> {
  await clientWorkbook();
  clientCsv();
  outlookCsv();
  googleCsv();
  vcards();
  await priceList();
  process.stdout.write(`Samples written to ${dir}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
