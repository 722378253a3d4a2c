import { useMemo } from 'react';
import { CheckedForm, type CheckedFormProps } from '../clients/CheckedForm.js';
import { contactSections, hiddenForContact } from './contactSections.js';

/** Contacts have no legal requisites; only names, e-mails and phones are compared. */
const NOT_OF_CONTACTS = new Set(['legalName', 'taxId']);

/** A contact's create or edit form, with the duplicate warning as the user types. */
export function ContactForm(props: CheckedFormProps) {
  const sections = useMemo(() => contactSections(), []);
  return <CheckedForm {...props} resource="contacts" entity="contact" sections={sections} hidden={hiddenForContact} skip={() => NOT_OF_CONTACTS} />;
}
