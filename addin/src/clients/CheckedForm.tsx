import { makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { RecordForm, type FormSection } from '../records/RecordForm.js';
import type { FieldMeta, RecordData } from '../records/meta.js';
import { duplicateDraft } from './duplicates.js';
import { DuplicateWarning } from './DuplicateWarning.js';

const useStyles = makeStyles({
  slot: { ':not(:empty)': { marginBottom: '12px' }, scrollMarginTop: '12px' },
});

export interface CheckedFormProps {
  record?: RecordData;
  initial?: Record<string, unknown>;
  onSaved: (record: RecordData) => void;
  onCancel?: () => void;
  saveLabel?: string;
}

/**
 * A client or contact form with the duplicate warning above it, updated as
 * the user types (the record being edited is never its own duplicate).
 */
export function CheckedForm(props: CheckedFormProps & {
  resource: 'clients' | 'contacts';
  entity: 'client' | 'contact';
  sections: FormSection[];
  hidden: (field: FieldMeta, values: Record<string, unknown>) => boolean;
  /** Fields left out of the duplicate check for these values. */
  skip: (values: Record<string, unknown>) => ReadonlySet<string>;
}) {
  const styles = useStyles();
  const excludeId = props.record?.id;
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  return (
    <>
      <div ref={setSlot} className={styles.slot} />
      <RecordForm
        entity={props.entity}
        path={`/${props.resource}`}
        record={props.record}
        initial={props.initial}
        sections={props.sections}
        hidden={props.hidden}
        onSaved={props.onSaved}
        onCancel={props.onCancel}
        saveLabel={props.saveLabel}
        extra={(values) => (
          <DuplicateWarning resource={props.resource} slot={slot} draft={duplicateDraft(values, { skip: props.skip(values), ...(excludeId ? { excludeId } : {}) })} />
        )}
      />
    </>
  );
}
