import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { imports, isActive, type ImportJob } from './api.js';

/** How often a running import is asked for its progress. */
export const POLL_MS = 700;

/**
 * An import job, polled while it runs so the progress bar moves and the
 * result appears when it ends. `set` takes the job a write answered with
 * (PATCH, run, cancel…), so the screen never shows an older state.
 */
export function useJob(id: number | null) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [tick, setTick] = useState(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    // An address without a valid id asks nothing: the screen says "not found" by itself.
    if (id === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    imports.get(id).then(
      (j) => {
        if (!live.current) return;
        setJob(j);
        setError(null);
        if (isActive(j.status)) timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
      },
      (err: Error) => live.current && setError(err),
    );
    return () => clearTimeout(timer);
  }, [id, tick]);

  const set = useCallback((j: ImportJob) => {
    setJob(j);
    // A write that started the runner: keep polling.
    if (isActive(j.status)) setTick((n) => n + 1);
  }, []);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { job, error, set, reload };
}
