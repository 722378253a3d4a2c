import { t } from '../i18n/strings.js';
import type { FormSection } from '../records/RecordForm.js';

/** How a company's fields are grouped, in the form and in the read-only view. */
export function companySections(): FormSection[] {
  return [
    { title: t('company.section.requisites'), keys: ['name', 'legalName', 'taxId', 'registrationNumber', 'vatNumber', 'legalAddress', 'postalAddress'] },
    { title: t('company.section.bank'), keys: ['bankName', 'bankCode', 'bankAccount', 'correspondentAccount'] },
    { title: t('company.section.people'), keys: ['directorName', 'directorTitle', 'accountantName'] },
    { title: t('company.section.contacts'), keys: ['phone', 'email', 'website'] },
    { title: t('company.section.defaults'), keys: ['defaultCurrency', 'defaultVatRate', 'vatRounding', 'paymentTermsDays', 'isDefault'] },
    { title: t('company.section.numbering'), keys: ['invoiceNumberFormat', 'contractNumberFormat'] },
  ];
}
