import { useMemo } from 'react';
import { RecordList } from '../records/RecordList.js';
import type { RecordData } from '../records/meta.js';
import { navigate } from '../shell/router.js';
import { hasScreen } from './hasScreen.js';

/**
 * A card's tab listing another entity's records of one parent (a client's
 * invoices, a contact's events), with a button that opens the new-record
 * screen with the parent filled in.
 */
export function RelatedList(props: {
  entity: string;
  path: string;
  listId: string;
  parent: Record<string, number>;
  columns: string[];
  defaultSort?: string;
  /** Screen of a record, e.g. "contracts" → #/contracts/7. */
  cardPath: string;
  newPath?: string;
  newLabel?: string;
}) {
  const fixed = useMemo(() => props.parent, [JSON.stringify(props.parent)]);
  return (
    <RecordList
      entity={props.entity}
      path={props.path}
      listId={props.listId}
      defaultColumns={props.columns}
      defaultSort={props.defaultSort}
      fixed={fixed}
      compact
      rowHref={(r: RecordData) => `#/${props.cardPath}/${r.id}`}
      onNew={props.newPath && hasScreen(props.newPath) ? () => navigate(props.newPath!, Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, String(v)]))) : undefined}
      newLabel={props.newLabel}
    />
  );
}
