import { t } from '../i18n/strings.js';
import type { FormSection } from '../records/RecordForm.js';
import type { FieldMeta } from '../records/meta.js';

/** Requisites only a legal entity has. */
export const LEGAL_ONLY = new Set([
  'legalName', 'registrationNumber', 'legalAddress', 'postalAddress', 'bankName', 'bankCode', 'bankAccount', 'correspondentAccount', 'directorName', 'directorTitle',
]);
/** Requisites only an individual has. */
export const INDIVIDUAL_ONLY = new Set(['firstName', 'middleName', 'lastName', 'birthday', 'registrationAddress', 'residenceAddress']);

export type ClientKind = 'legal' | 'individual';

export function kindOf(values: Record<string, unknown>): ClientKind {
  return values.kind === 'individual' ? 'individual' : 'legal';
}

/** Whether a client field does not apply to the kind of client (a bank account of a person…). */
export function hiddenForKind(field: Pick<FieldMeta, 'key'>, values: Record<string, unknown>): boolean {
  return kindOf(values) === 'individual' ? LEGAL_ONLY.has(field.key) : INDIVIDUAL_ONLY.has(field.key);
}

/**
 * The sections of a client's form and read view. They list the fields of
 * both kinds; those that do not apply are hidden, and a section left with
 * no fields is not shown. Custom fields land in "More".
 */
export function clientSections(): FormSection[] {
  return [
    { title: t('clients.section.main'), keys: ['kind', 'lastName', 'firstName', 'middleName', 'name', 'legalName', 'taxId', 'registrationNumber', 'birthday'] },
    { title: t('clients.section.addresses'), keys: ['legalAddress', 'postalAddress', 'registrationAddress', 'residenceAddress'] },
    { title: t('clients.section.bank'), keys: ['bankName', 'bankCode', 'bankAccount', 'correspondentAccount'] },
    { title: t('clients.section.director'), keys: ['directorName', 'directorTitle'] },
    { title: t('clients.section.contacts'), keys: ['phones', 'emails', 'messengers', 'website', 'city', 'country'] },
    { title: t('clients.section.management'), keys: ['managerId', 'categoryId', 'status', 'source', 'tags', 'notes'] },
  ];
}
