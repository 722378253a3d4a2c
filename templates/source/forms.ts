/**
 * Kontora's shipped print forms, laid out as a small business prints them.
 * Merge fields use the syntax of docs/documents.md: {client.name},
 * {total | money}, {#lines}…{/lines} as table rows, {#endDate}…{/endDate}
 * as a condition and {%company.logo} for an image.
 */
import { b, p, table, TEXT_WIDTH, type Cell, type Form } from './ooxml.js';

const W = TEXT_WIDTH;
const none = (content: string | string[], width?: number): Cell => ({ content, borders: 'none', valign: 'top', ...(width ? { width } : {}) });
const small = (text: string) => p(text, { style: 'Small' });
const label = (name: string, value: string) => p([b(`${name}: `), value], { style: 'TableText' });

const header: string[] = [
  table([[none(p('{%company.logo}'), 3000), none(p([b('{company.name}'), { br: true }, '{company.legalAddress}', { br: true }, '{company.phone}  {company.email}  {company.website}'], { style: 'Header', align: 'right' }))]], { widths: [3000, W - 3000], borders: false }),
  p('', { style: 'Header' }),
];

const footer = (what: string): string[] => [
  p([`${what}`, { tab: true }, 'Page ', { field: 'PAGE' }, ' of ', { field: 'NUMPAGES' }], { style: 'Footer' }),
];

/** A label line that disappears when its value is empty (a section on the field). */
const optional = (title: string, field: string) => p([`{#${field}}`, b(`${title}: `), `{${field}}{/${field}}`], { style: 'TableText' });

/** Both parties' requisites side by side; a client who is a person has no bank or registration lines. */
function requisites(left: string, leftPath: string, right: string, rightPath: string): string {
  const side = (title: string, path: string) => [
    p(b(title), { style: 'TableText' }),
    p(b(`{${path}.legalName | default:${path}.name}`), { style: 'TableText' }),
    optional('Address', `${path}.legalAddress`),
    ...(path === 'client' ? [optional('Registered at', 'client.registrationAddress')] : []),
    optional('Tax ID', `${path}.taxId`),
    optional('Registration No.', `${path}.registrationNumber`),
    optional('Bank', `${path}.bankName`),
    optional('BIC/SWIFT', `${path}.bankCode`),
    optional('Account', `${path}.bankAccount`),
  ];
  const half = Math.floor(W / 2);
  return table([[none(side(left, leftPath), half), none(side(right, rightPath), W - half)]], { widths: [half, W - half], borders: false });
}

/** Signature lines with the company's signature and stamp images. */
function signatures(left: [string, string], right: [string, string]): string {
  const half = Math.floor(W / 2);
  const block = ([role, name]: [string, string], images: boolean) => [
    p(b(role), { style: 'TableText', spaceBefore: 6 }),
    p(images ? '{%company.signature}' : '', { style: 'TableText' }),
    p(`________________ / ${name} /`, { style: 'TableText' }),
    ...(images ? [p('{%company.stamp}', { style: 'TableText' })] : [p('Stamp (if any)', { style: 'Small' })]),
  ];
  return table([[none(block(left, true), half), none(block(right, false), W - half)]], { widths: [half, W - half], borders: false });
}

const lineWidths = [500, W - 500 - 900 - 700 - 1200 - 700 - 1400, 900, 700, 1200, 700, 1400];

function linesTable(): string {
  const head = ['No.', 'Goods / services', 'Qty', 'Unit', 'Price', 'VAT %', 'Amount'].map((t, i): Cell => ({ content: t, bold: true, shade: 'E7E6E6', align: i === 1 ? 'left' : 'center' }));
  const row: Cell[] = [
    { content: '{#lines}{position}', align: 'center' },
    { content: '{description}' },
    { content: '{quantity | qty}', align: 'right' },
    { content: '{unit}', align: 'center' },
    { content: '{price | money}', align: 'right' },
    { content: '{vatRate | qty}', align: 'right' },
    { content: '{gross | money}{/lines}', align: 'right' },
  ];
  const total = (name: string, value: string): Cell[] => [
    { content: name, span: 6, align: 'right', bold: true },
    { content: value, align: 'right', bold: true },
  ];
  return table([head, row, total('Total without VAT', '{netTotal | money}'), total('VAT', '{vatTotal | money}'), total('Total, {currency}', '{total | money}')], { widths: lineWidths, headerRows: 1 });
}

const contract: Form = {
  name: 'contract',
  title: 'Contract',
  recordType: 'contract',
  header,
  footer: footer('Contract No. {number} of {date | date}'),
  body: [
    p('CONTRACT No. {number}', { style: 'Title' }),
    p([{ text: 'for {subject | lower}' }], { style: 'Subtitle' }),
    p(['{company.city | default:"Place of signing"}', { tab: true }, '{date | date}'], { tabRight: W }),
    p('{company.legalName | default:company.name}, represented by {company.directorTitle | default:"Director"} {company.directorName}, hereinafter the “Supplier”, and {client.legalName | default:client.name}{#client.directorName}, represented by {client.directorTitle | default:"Director"} {client.directorName}{/client.directorName}, hereinafter the “Client”, have concluded this contract as follows.', { align: 'both' }),
    p('1. Subject of the contract', { style: 'Heading1' }),
    p('1.1. The Supplier delivers and the Client accepts and pays for the following: {subject}.', { align: 'both' }),
    p('2. Goods and services', { style: 'Heading1' }),
    linesTable(),
    p('Total amount: {total | money} {currency} ({total | words}){#vatMode == "inclusive"}, VAT included{/vatMode == "inclusive"}{#vatMode == "none"}, VAT is not charged{/vatMode == "none"}.', { spaceBefore: 6, align: 'both' }),
    p('3. Term', { style: 'Heading1' }),
    p('3.1. The contract is valid from {startDate | date}{#endDate} until {endDate | date}{/endDate}{^endDate} until terminated by either party{/endDate}.', { align: 'both' }),
    p('{#autoRenew}3.2. The contract is renewed automatically for the same term unless either party gives written notice at least {noticeDays} days before it ends.{/autoRenew}', { align: 'both' }),
    p('4. Payment', { style: 'Heading1' }),
    p('4.1. The Client pays the Supplier’s invoices within {company.paymentTermsDays} days of issue by bank transfer to the account given below.', { align: 'both' }),
    p('5. Final provisions', { style: 'Heading1' }),
    p('5.1. The contract is made in two copies of equal force, one for each party. Changes are valid only in writing, signed by both parties.', { align: 'both' }),
    p('{#notes}5.2. {notes}{/notes}', { align: 'both' }),
    p('6. Requisites and signatures of the parties', { style: 'Heading1', keepNext: true }),
    requisites('Supplier', 'company', 'Client', 'client'),
    signatures(['For the Supplier', '{company.directorName}'], ['For the Client', '{signatoryName | default:client.directorName | default:client.name}']),
  ],
};

const bankBox = table([
  [{ content: [label('Bank', '{company.bankName}'), label('BIC/SWIFT', '{company.bankCode}')], span: 1 }, { content: [label('Account', '{company.bankAccount}'), label('Corr. account', '{company.correspondentAccount}')] }],
  [{ content: [label('Recipient', '{company.legalName | default:company.name}'), label('Tax ID', '{company.taxId}')] }, { content: [label('VAT No.', '{company.vatNumber}'), label('Reg. No.', '{company.registrationNumber}')] }],
], { widths: [Math.floor(W / 2), W - Math.floor(W / 2)] });

const partyLine = (role: string, path: string) =>
  p([b(`${role}: `), `{${path}.legalName | default:${path}.name}{#${path}.taxId}, Tax ID {${path}.taxId}{/${path}.taxId}{#${path}.legalAddress}, {${path}.legalAddress}{/${path}.legalAddress}`], { spaceAfter: 2 });

const invoice: Form = {
  name: 'invoice',
  title: 'Invoice for payment',
  recordType: 'invoice',
  header,
  footer: footer('Invoice No. {number} of {date | date}'),
  body: [
    p(b('Payment details'), { spaceAfter: 2 }),
    bankBox,
    p('INVOICE No. {number} of {date | date}', { style: 'Title', spaceBefore: 12 }),
    p('{#contract}under contract No. {contract.number} of {contract.date | date}{/contract}', { style: 'Subtitle' }),
    partyLine('Supplier', 'company'),
    partyLine('Buyer', 'client'),
    p('', { spaceAfter: 4 }),
    linesTable(),
    p([b('Total to pay: '), '{total | money} {currency} ({total | words})'], { spaceBefore: 6 }),
    p('{#vatMode == "none"}VAT is not charged.{/vatMode == "none"}{#vatMode != "none"}Including VAT: {vatTotal | money} {currency}.{/vatMode != "none"}'),
    p([b('Please pay by {dueDate | date}'), ', quoting the invoice number in the payment reference.']),
    p('{#notes}{notes}{/notes}', { style: 'Small' }),
    signatures(['Director', '{company.directorName}'], ['Chief accountant', '{company.accountantName}']),
  ],
};

const taxWidths = [500, W - 500 - 800 - 1200 - 1300 - 700 - 1200 - 1400, 800, 1200, 1300, 700, 1200, 1400];
const taxInvoice: Form = {
  name: 'tax-invoice',
  title: 'Tax invoice',
  recordType: 'invoice',
  header,
  footer: footer('Tax invoice No. {number} of {date | date}'),
  body: [
    p('TAX INVOICE No. {number}', { style: 'Title' }),
    p('Date of issue and of supply: {date | date}', { style: 'Subtitle' }),
    table([
      [{ content: [p(b('Supplier'), { style: 'TableText' }), p('{company.legalName | default:company.name}', { style: 'TableText' }), label('Address', '{company.legalAddress}'), label('VAT No.', '{company.vatNumber | default:company.taxId}')] },
        { content: [p(b('Customer'), { style: 'TableText' }), p('{client.legalName | default:client.name}', { style: 'TableText' }), label('Address', '{client.legalAddress}'), label('Tax ID', '{client.taxId | default:"—"}')] }],
    ], { widths: [Math.floor(W / 2), W - Math.floor(W / 2)] }),
    p('{#contract}Contract: No. {contract.number} of {contract.date | date}. {/contract}Currency: {currency}.', { spaceBefore: 6 }),
    table([
      ['No.', 'Description', 'Qty', 'Unit price', 'Net amount', 'VAT %', 'VAT', 'Gross amount'].map((t, i): Cell => ({ content: t, bold: true, shade: 'E7E6E6', align: i === 1 ? 'left' : 'center' })),
      [{ content: '{#lines}{position}', align: 'center' }, { content: '{description}' }, { content: '{quantity | qty} {unit}', align: 'right' }, { content: '{price | money}', align: 'right' },
        { content: '{net | money}', align: 'right' }, { content: '{vatRate | qty}', align: 'right' }, { content: '{vat | money}', align: 'right' }, { content: '{gross | money}{/lines}', align: 'right' }],
      [{ content: 'Total', span: 4, bold: true, align: 'right' }, { content: '{netTotal | money}', bold: true, align: 'right' }, { content: '' }, { content: '{vatTotal | money}', bold: true, align: 'right' }, { content: '{total | money}', bold: true, align: 'right' }],
    ], { widths: taxWidths, headerRows: 1 }),
    p('Amount of VAT: {vatTotal | money} {currency} ({vatTotal | words}).', { spaceBefore: 6 }),
    p('{#vatMode == "inclusive"}Prices include VAT.{/vatMode == "inclusive"}{#vatMode == "none"}Supply without VAT.{/vatMode == "none"}', { style: 'Small' }),
    signatures(['Issued by', '{company.directorName}'], ['Received by', '{client.directorName}']),
  ],
};

const act: Form = {
  name: 'act',
  title: 'Act of completed work / delivery note',
  recordType: 'invoice',
  header,
  footer: footer('Act No. {number} of {date | date}'),
  body: [
    p('ACT No. {number}', { style: 'Title' }),
    p('of completed work and delivered goods, {date | date}', { style: 'Subtitle' }),
    partyLine('Supplier', 'company'),
    partyLine('Client', 'client'),
    p('{#contract}Basis: contract No. {contract.number} of {contract.date | date}.{/contract}{^contract}Basis: invoice No. {number} of {date | date}.{/contract}', { spaceAfter: 6 }),
    p('The Supplier has performed the work and delivered the goods below, and the Client has accepted them:', { align: 'both' }),
    linesTable(),
    p('Total: {total | money} {currency} ({total | words}){#vatMode != "none"}, including VAT {vatTotal | money} {currency}{/vatMode != "none"}.', { spaceBefore: 6, align: 'both' }),
    p('The work has been performed in full and on time. The Client has no claims as to its scope, quality or timing.', { align: 'both' }),
    requisites('Supplier', 'company', 'Client', 'client'),
    signatures(['Handed over by', '{company.directorName}'], ['Accepted by', '{client.directorName}']),
  ],
};

const offer: Form = {
  name: 'offer',
  title: 'Commercial offer',
  recordType: 'contract',
  header,
  footer: footer('Commercial offer for {client.name}'),
  body: [
    p(['To: ', b('{client.legalName | default:client.name}')], { align: 'right', spaceAfter: 0 }),
    p('{#primaryContact}Attn: {primaryContact.name}{#primaryContact.jobTitle}, {primaryContact.jobTitle}{/primaryContact.jobTitle}{/primaryContact}', { align: 'right' }),
    p('{today | date}', { align: 'right' }),
    p('COMMERCIAL OFFER', { style: 'Title', spaceBefore: 12 }),
    p('{subject}', { style: 'Subtitle' }),
    p('Dear {primaryContact.firstName | default:client.name},'),
    p('Thank you for your interest in working with {company.name}. We are pleased to offer you the following goods and services:', { align: 'both' }),
    linesTable(),
    p([b('Total: '), '{total | money} {currency} ({total | words})'], { spaceBefore: 6 }),
    p('{#startDate}We can start on {startDate | date}.{/startDate} The prices are valid for 30 days from the date of this offer. Payment terms: {company.paymentTermsDays} days from the invoice.', { align: 'both' }),
    p('We will be glad to answer any questions and to prepare the contract.', { align: 'both' }),
    p('Yours sincerely,', { spaceBefore: 12 }),
    p('{%company.signature}'),
    p(b('{manager.name | default:company.directorName}'), { spaceAfter: 0 }),
    p('{company.name}', { spaceAfter: 0 }),
    p('{manager.email | default:company.email}  {company.phone}', { style: 'Small' }),
  ],
};

const letter: Form = {
  name: 'letter',
  title: 'Letter to a client',
  recordType: 'client',
  header,
  footer: [p(['{company.legalName | default:company.name} · Tax ID {company.taxId} · {company.legalAddress}', { tab: true }, 'Page ', { field: 'PAGE' }], { style: 'Footer' })],
  body: [
    table([[none([small('Our ref.: ____________'), small('{today | date}')], 4500), none([
      p(b('{client.legalName | default:client.name}'), { spaceAfter: 0 }),
      p('{#primaryContact}{primaryContact.name}{#primaryContact.jobTitle}, {primaryContact.jobTitle}{/primaryContact.jobTitle}{/primaryContact}', { spaceAfter: 0 }),
      p('{client.postalAddress | default:client.legalAddress}', { spaceAfter: 0 }),
      p('{client.city}{#client.country}, {client.country}{/client.country}', { spaceAfter: 0 }),
    ], W - 4500)]], { widths: [4500, W - 4500], borders: false }),
    p('', { spaceAfter: 12 }),
    p('Dear {primaryContact.firstName | default:client.name},', { spaceAfter: 12 }),
    p('Write the text of the letter here.', { align: 'both', indentFirst: 567 }),
    p('Yours sincerely,', { spaceBefore: 18 }),
    p('{%company.signature}'),
    p(b('{manager.name | default:company.directorName}'), { spaceAfter: 0 }),
    p('{company.name}', { spaceAfter: 0 }),
    p('{manager.email | default:company.email}', { style: 'Small' }),
  ],
};

export const forms: Form[] = [contract, invoice, taxInvoice, act, offer, letter];
