/** A list's columns, filters and sort, as the user arranged them. */
export interface ListView {
  name: string;
  columns: string[];
  filters: Record<string, string>;
  sort: string;
}

/**
 * Saved views live in this browser's storage, per user and list: they are
 * a personal arrangement of a screen, not shared data.
 */
function storageKey(userId: number, list: string): string {
  return `kontora.views.${userId}.${list}`;
}

export function loadViews(userId: number, list: string): ListView[] {
  try {
    const raw = localStorage.getItem(storageKey(userId, list));
    const parsed = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(parsed) ? (parsed as ListView[]).filter((v) => v && typeof v.name === 'string' && Array.isArray(v.columns)) : [];
  } catch {
    return [];
  }
}

export function saveViews(userId: number, list: string, views: ListView[]): void {
  try {
    localStorage.setItem(storageKey(userId, list), JSON.stringify(views));
  } catch {
    // Storage full or blocked: the view lasts for this page only.
  }
}

/** The arrangement last used on a list, restored when the user comes back. */
export function loadLast(userId: number, list: string): Omit<ListView, 'name'> | null {
  try {
    const raw = localStorage.getItem(storageKey(userId, list) + '.last');
    return raw ? (JSON.parse(raw) as Omit<ListView, 'name'>) : null;
  } catch {
    return null;
  }
}

export function saveLast(userId: number, list: string, view: Omit<ListView, 'name'>): void {
  try {
    localStorage.setItem(storageKey(userId, list) + '.last', JSON.stringify(view));
  } catch {
    // Not persisted.
  }
}
