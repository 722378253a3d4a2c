import { api, type ListPage } from '../api/client.js';
import type { RecordData } from '../records/meta.js';

export interface Completed {
  task: RecordData;
  /** The next occurrence a repeating task got, if any. */
  next: RecordData | null;
}

/**
 * Marks a task done (or open again). A repeating task gets its next
 * occurrence on the server; it is fetched so the user is told when it is.
 * The version is read first when the caller has none (agenda items).
 */
export async function setTaskDone(task: { id: number; version?: number }, done: boolean): Promise<Completed> {
  const version = task.version ?? (await api.get<RecordData>(`/tasks/${task.id}`)).version;
  const saved = await api.patch<RecordData>(`/tasks/${task.id}`, { version, status: done ? 'done' : 'open' });
  let next: RecordData | null = null;
  if (done && saved.repeat) {
    const page = await api.get<ListPage<RecordData>>('/tasks', { repeatedFromId: task.id, limit: 1 });
    next = page.items[0] ?? null;
  }
  return { task: saved, next };
}
