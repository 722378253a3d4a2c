/**
 * What a document of each record type can print: the record's own fields,
 * its related records, its lines and the images. The merge data
 * (data.ts), the field tree for the Word pane and the template check
 * (field-tree.ts) all come from this one description and from the field
 * metadata, so a custom field is available in templates without code.
 */
import type { EntityName } from '../fields/types.js';

export const recordTypes = ['contract', 'invoice', 'client'] as const;
export type RecordType = (typeof recordTypes)[number];

export interface Relation {
  key: string;
  label: string;
  entity: EntityName;
  /** Images of the related record, by purpose. */
  images?: string[];
}

const company: Relation = { key: 'company', label: 'Our company', entity: 'company', images: ['logo', 'stamp', 'signature'] };
const client: Relation = { key: 'client', label: 'Client', entity: 'client', images: ['photo'] };
const manager: Relation = { key: 'manager', label: 'Manager (of the client)', entity: 'user' };
const primaryContact: Relation = { key: 'primaryContact', label: 'Primary contact of the client', entity: 'contact' };

export const relations: Record<RecordType, Relation[]> = {
  contract: [client, company, { key: 'signatory', label: 'Client signatory', entity: 'contact' }, manager, primaryContact],
  invoice: [client, company, { key: 'contract', label: 'Contract', entity: 'contract' }, manager, primaryContact],
  // The client itself is also `client`, so a form such as a letter reads the
  // same fields whether it is printed from a client, a contract or an invoice.
  client: [{ ...client, label: 'Client (this record)' }, company, manager, primaryContact],
};

/** Images of the record itself (a client's photo). */
export const ownImages: Record<RecordType, string[]> = { contract: [], invoice: [], client: ['photo'] };

/** Fields of users that documents may print; never logins, roles or secrets. */
export const userFields = ['name', 'email'];

/** Fields of a document line, as printed. */
export const lineFields: { key: string; label: string; type: string }[] = [
  { key: 'position', label: 'No.', type: 'number' },
  { key: 'description', label: 'Description', type: 'text' },
  { key: 'unit', label: 'Unit', type: 'text' },
  { key: 'quantity', label: 'Quantity', type: 'number' },
  { key: 'price', label: 'Price', type: 'money' },
  { key: 'discount', label: 'Discount, %', type: 'number' },
  { key: 'vatRate', label: 'VAT rate, %', type: 'number' },
  { key: 'net', label: 'Amount without VAT', type: 'money' },
  { key: 'vat', label: 'VAT', type: 'money' },
  { key: 'gross', label: 'Amount with VAT', type: 'money' },
];
