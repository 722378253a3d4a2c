import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { formatWhen } from '../agenda/time.js';
import { t } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { setTaskDone, type Completed } from './complete.js';

/**
 * Completing and reopening tasks from a list, with the busy ids (to
 * disable their checkboxes) and a message naming the next occurrence of a
 * repeating task.
 */
export function useComplete(onChanged: (result: Completed) => void) {
  const notify = useNotify();
  const [busy, setBusy] = useState<Set<number>>(new Set());
  async function toggle(task: { id: number; version?: number }, done: boolean) {
    setBusy((b) => new Set(b).add(task.id));
    try {
      const result = await setTaskDone(task, done);
      if (!done) notify(t('tasks.reopened'));
      else if (result.next?.dueAt) notify(t('tasks.doneNext', { when: formatWhen(String(result.next.dueAt)) }));
      else notify(t('tasks.done'));
      onChanged(result);
    } catch (err) {
      notify(err instanceof ApiError && err.code === 'version_conflict' ? t('tasks.changedElsewhere') : err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(task.id);
        return next;
      });
    }
  }
  return { busy, toggle };
}
