import { makeStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { duplicateDraft } from '../clients/duplicates.js';
import { DuplicateWarning } from '../clients/DuplicateWarning.js';
import { RecordForm } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import { contactSections, hiddenForContact } from './contactSections.js';

/** Contacts have no legal requisites; only names, e-mails and phones are compared. */
const NOT_OF_CONTACTS = new Set(['legalName', 'taxId']);

const useStyles = makeStyles({
  slot: { ':not(:empty)': { marginBottom: '12px' }, scrollMarginTop: '12px' },
});

/** A contact's create or edit form, with the duplicate warning as the user types. */
export function ContactForm(props: {
  record?: RecordData;
  initial?: Record<string, unknown>;
  onSaved: (record: RecordData) => void;
  onCancel?: () => void;
  saveLabel?: string;
}) {
  const styles = useStyles();
  const sections = useMemo(() => contactSections(), []);
  const excludeId = props.record?.id;
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  return (
    <>
      <div ref={setSlot} className={styles.slot} />
      <RecordForm
        entity="contact"
        path="/contacts"
        record={props.record}
        initial={props.initial}
        sections={sections}
        hidden={hiddenForContact}
        onSaved={props.onSaved}
        onCancel={props.onCancel}
        saveLabel={props.saveLabel}
        extra={(values) => <DuplicateWarning resource="contacts" slot={slot} draft={duplicateDraft(values, { skip: NOT_OF_CONTACTS, ...(excludeId ? { excludeId } : {}) })} />}
      />
    </>
  );
}
