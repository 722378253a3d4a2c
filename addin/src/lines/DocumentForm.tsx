import { useRef, type ReactNode } from 'react';
import { RecordForm, type FormSection } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import type { VatMode } from './amounts.js';
import type { Line, LineDraft } from './draft.js';
import { LinesEditor } from './LinesEditor.js';
import { useLines } from './useLines.js';

/**
 * A contract's or invoice's form: its fields from the metadata (custom
 * fields included) and the lines editor, saved together in one request.
 * Line errors from the server appear on the line and field they name;
 * lines are sent only when they changed, so an issued invoice's locked
 * lines are never touched by editing its notes.
 */
export function DocumentForm(props: {
  entity: 'contract' | 'invoice';
  path: string;
  record?: RecordData;
  initial?: Record<string, unknown>;
  /** Lines to start a new document from (e.g. its contract's). */
  initialLines?: LineDraft[];
  sections: FormSection[];
  exclude?: string[];
  /** False when the lines can no longer change (an issued invoice). */
  linesEditable?: boolean;
  onSaved: (record: RecordData) => void;
  onCancel?: () => void;
  saveLabel?: string;
  before?: ReactNode;
}) {
  const editable = props.linesEditable ?? true;
  const lines = useLines(props.record ? ((props.record.lines as Line[] | undefined) ?? []) : (props.initialLines ?? []));
  const sendLines = editable && (lines.dirty || !props.record);
  // The currency as last rendered, for checking prices' decimal places on save.
  const currency = useRef<string | null>(null);
  return (
    <>
      {props.before}
      <RecordForm
        entity={props.entity}
        path={props.path}
        record={props.record}
        initial={props.initial}
        sections={props.sections}
        exclude={['lines', ...(props.exclude ?? [])]}
        fixed={sendLines ? { lines: lines.input() } : undefined}
        dirty={sendLines && lines.dirty}
        beforeSubmit={() => (editable ? lines.validate(currency.current) : true)}
        onError={(err) => lines.takeErrors(err)}
        onSaved={(saved) => {
          lines.reset((saved.lines as Line[] | undefined) ?? []);
          props.onSaved(saved);
        }}
        onCancel={props.onCancel}
        saveLabel={props.saveLabel}
        extra={(values) => {
          currency.current = typeof values.currency === 'string' && values.currency ? values.currency : null;
          if (!editable) return null;
          return (
            <LinesEditor
              state={lines}
              clientId={typeof values.clientId === 'number' ? values.clientId : null}
              currency={currency.current}
              vatMode={(values.vatMode as VatMode | null | undefined) ?? 'exclusive'}
            />
          );
        }}
      />
    </>
  );
}
