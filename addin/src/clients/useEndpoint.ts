import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';

/**
 * Whether an optional API (events, documents — added to the server by other
 * parts of the product) answers for this user: 'unknown' while asking,
 * 'absent' when the server has no such endpoint or the role may not read
 * it. A tab for it is shown only when it is 'present', never a fake list.
 * The query should keep the answer small (limit=1 where the list pages).
 */
export function useEndpoint(path: string | null, query: Record<string, unknown>): 'unknown' | 'present' | 'absent' {
  const [state, setState] = useState<'unknown' | 'present' | 'absent'>('unknown');
  const key = JSON.stringify(query);
  useEffect(() => {
    if (path === null) {
      setState('absent');
      return;
    }
    const controller = new AbortController();
    api
      .get(path, JSON.parse(key) as Record<string, unknown>, controller.signal)
      .then(() => setState('present'))
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        const missing = err instanceof ApiError && (err.code === 'route_not_found' || err.code === 'forbidden' || err.status === 404);
        // Any other failure (a network hiccup) still shows the tab, whose own list then reports it.
        setState(missing ? 'absent' : 'present');
      });
    return () => controller.abort();
  }, [path, key]);
  return state;
}
