import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { RecordData } from './meta.js';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data after a save, without a round trip. */
  set: (data: T) => void;
}

/** GET one resource (a record, a balance…) with loading and error state. */
export function useResource<T = RecordData>(path: string | null, query?: Record<string, unknown>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query ?? {});
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<T>(path, query, controller.signal)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(err);
      })
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [path, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
}
