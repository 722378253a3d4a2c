import { requisiteFields } from '../clients/entity.js';
import type { EntityDef } from '../records/entity.js';

export const vatRoundings = [
  { key: 'line', label: 'Per line' },
  { key: 'document', label: 'Per document' },
];

/** What a new company gets unless told otherwise, as column values
 *  (the VAT rate in hundredths of a percent). */
export const companyDefaults = {
  vatRounding: 'line',
  invoiceNumberFormat: 'INV-{YYYY}-{N:5}',
  contractNumberFormat: 'C-{YYYY}-{N:4}',
  paymentTermsDays: 14,
  defaultVatRate: 0,
};

/** Our own legal entities: documents are issued in their name. */
export const companyEntity: EntityDef = {
  name: 'company',
  table: 'companies',
  path: 'companies',
  label: 'Company',
  labelPlural: 'Companies',
  resource: 'companies',
  defaultSort: 'name',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true, options: { maxLength: 300 } },
    ...requisiteFields,
    { key: 'vatNumber', label: 'VAT number', type: 'text', options: { maxLength: 40 } },
    { key: 'phone', label: 'Phone', type: 'phone' },
    { key: 'email', label: 'E-mail', type: 'email' },
    { key: 'website', label: 'Website', type: 'url' },
    { key: 'accountantName', label: 'Chief accountant', type: 'text', options: { maxLength: 300 } },
    { key: 'defaultCurrency', label: 'Default currency', type: 'text', required: true, options: { maxLength: 3 } },
    { key: 'defaultVatRate', label: 'Default VAT rate, %', type: 'number', options: { decimals: 2 } },
    { key: 'vatRounding', label: 'VAT rounding', type: 'one_of', options: { choices: vatRoundings } },
    { key: 'invoiceNumberFormat', label: 'Invoice number format', type: 'text', options: { maxLength: 100 } },
    { key: 'contractNumberFormat', label: 'Contract number format', type: 'text', options: { maxLength: 100 } },
    { key: 'paymentTermsDays', label: 'Payment terms, days', type: 'number' },
    { key: 'isDefault', label: 'Default company', type: 'boolean' },
  ],
};
