import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { currencyScale } from './decimal.js';
import { draftFromLine, lineErrors, lineInput, type Line, type LineDraft } from './draft.js';

export interface LinesState {
  lines: LineDraft[];
  setLines: (update: (lines: LineDraft[]) => LineDraft[]) => void;
  /** Server messages by `${line.key}.${field}`; `_` for the lines as a whole. */
  serverErrors: Record<string, string>;
  clearServerError: (key: string) => void;
  /** True once saving was tried: every line's problems are shown, touched or not. */
  showAll: boolean;
  dirty: boolean;
  /** False (and shows every problem) when a line is not ready to save. */
  validate: (currency: string | null | undefined) => boolean;
  /** Puts a failed save's `lines.N.field` details next to their inputs. */
  takeErrors: (err: unknown) => void;
  /** The lines as the API takes them. */
  input: () => Record<string, unknown>[];
  /** After a save: the server's lines become the starting point. */
  reset: (lines: Line[]) => void;
}

/** State of a lines editor, kept by the form that saves the document. */
export function useLines(initial: Line[] | LineDraft[] = []): LinesState {
  const [lines, setLinesState] = useState<LineDraft[]>(() => initial.map((l) => ('key' in l ? l : draftFromLine(l))));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [showAll, setShowAll] = useState(false);
  const [dirty, setDirty] = useState(() => initial.length > 0 && 'key' in initial[0]!);

  const setLines = useCallback((update: (lines: LineDraft[]) => LineDraft[]) => {
    setLinesState(update);
    setDirty(true);
  }, []);

  const clearServerError = useCallback((key: string) => {
    setServerErrors((e) => {
      if (!(key in e) && !('_' in e)) return e;
      const { [key]: _, _: __, ...rest } = e;
      return rest;
    });
  }, []);

  function validate(currency: string | null | undefined): boolean {
    setShowAll(true);
    const scale = currencyScale(currency);
    return lines.every((l) => Object.keys(lineErrors(l, scale)).length === 0);
  }

  function takeErrors(err: unknown) {
    if (!(err instanceof ApiError)) return;
    const mapped: Record<string, string> = {};
    for (const d of err.details) {
      const m = /^lines(?:\.(\d+)(?:\.(\w+))?)?/.exec(d.field ?? '');
      if (!m) continue;
      const line = m[1] !== undefined ? lines[Number(m[1])] : undefined;
      const key = line ? `${line.key}.${m[2] ?? 'description'}` : '_';
      mapped[key] ??= d.message;
    }
    setServerErrors(mapped);
    if (Object.keys(mapped).length) setShowAll(true);
  }

  function reset(saved: Line[]) {
    setLinesState(saved.map(draftFromLine));
    setServerErrors({});
    setShowAll(false);
    setDirty(false);
  }

  return { lines, setLines, serverErrors, clearServerError, showAll, dirty, validate, takeErrors, input: () => lines.map(lineInput), reset };
}
