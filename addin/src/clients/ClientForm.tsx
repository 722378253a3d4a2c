import { makeStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { RecordForm } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import { clientSections, hiddenForKind, kindOf, LEGAL_ONLY, INDIVIDUAL_ONLY } from './clientSections.js';
import { duplicateDraft } from './duplicates.js';
import { DuplicateWarning } from './DuplicateWarning.js';

const useStyles = makeStyles({
  slot: { ':not(:empty)': { marginBottom: '12px' }, scrollMarginTop: '12px' },
});

/**
 * A client's create or edit form: the requisites of its kind (a legal
 * entity's bank details, a person's name parts and birthday), custom fields
 * under "More", and the duplicate warning as the user types.
 */
export function ClientForm(props: {
  record?: RecordData;
  initial?: Record<string, unknown>;
  onSaved: (record: RecordData) => void;
  onCancel?: () => void;
  saveLabel?: string;
}) {
  const styles = useStyles();
  const sections = useMemo(() => clientSections(), []);
  const excludeId = props.record?.id;
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  return (
    <>
      <div ref={setSlot} className={styles.slot} />
      <RecordForm
        entity="client"
        path="/clients"
        record={props.record}
        initial={props.initial}
        sections={sections}
        hidden={hiddenForKind}
        onSaved={props.onSaved}
        onCancel={props.onCancel}
        saveLabel={props.saveLabel}
        extra={(values) => (
          <DuplicateWarning
            resource="clients"
            slot={slot}
            draft={duplicateDraft(values, { skip: kindOf(values) === 'individual' ? LEGAL_ONLY : INDIVIDUAL_ONLY, ...(excludeId ? { excludeId } : {}) })}
          />
        )}
      />
    </>
  );
}
