import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { recordLabel } from '../records/RecordPicker.js';

/**
 * The display name of the record at `path` (e.g. `/clients/7`) for a card's
 * subtitle or links, or null while unknown. A failed lookup (no right to read
 * the linked entity, record gone) leaves it null: callers fall back to the id.
 */
export function useRecordName(path: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (!path) return;
    let live = true;
    api.get<Record<string, unknown>>(path).then((r) => live && setName(recordLabel(r)), () => undefined);
    return () => {
      live = false;
    };
  }, [path]);
  return name;
}
