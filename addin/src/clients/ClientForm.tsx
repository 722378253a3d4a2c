import { useMemo } from 'react';
import { CheckedForm, type CheckedFormProps } from './CheckedForm.js';
import { clientSections, hiddenForKind, kindOf, LEGAL_ONLY, INDIVIDUAL_ONLY } from './clientSections.js';

/**
 * A client's create or edit form: the requisites of its kind (a legal
 * entity's bank details, a person's name parts and birthday), custom fields
 * under "More", and the duplicate warning as the user types.
 */
export function ClientForm(props: CheckedFormProps) {
  const sections = useMemo(() => clientSections(), []);
  return (
    <CheckedForm
      {...props}
      resource="clients"
      entity="client"
      sections={sections}
      hidden={hiddenForKind}
      skip={(values) => (kindOf(values) === 'individual' ? LEGAL_ONLY : INDIVIDUAL_ONLY)}
    />
  );
}
