import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import type { Loaded } from './useRecord.js';

/**
 * A card's edit mode: `start()` switches the card to its form; `formProps`
 * go to that form, so a save replaces the loaded record (no round trip),
 * leaves edit mode and says so, and Cancel just leaves edit mode.
 * `afterSave` runs after the record is replaced (e.g. to refetch figures).
 */
export function useEditing<T>(resource: Pick<Loaded<T>, 'set'>, afterSave?: (saved: T) => void) {
  const [editing, setEditing] = useState(false);
  const notify = useNotify();
  return {
    editing,
    start: () => setEditing(true),
    formProps: {
      onSaved: (saved: T) => {
        resource.set(saved);
        setEditing(false);
        afterSave?.(saved);
        notify(t('form.saved'));
      },
      onCancel: () => setEditing(false),
    },
  };
}
