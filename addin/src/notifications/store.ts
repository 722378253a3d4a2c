import { useSyncExternalStore } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Reminder } from '../agenda/types.js';
import { SseParser } from './sse.js';

export interface RemindersState {
  /** Unread reminders, newest first. */
  reminders: Reminder[];
  /** Whether the live stream is connected. */
  live: boolean;
}

type Fired = (r: Reminder) => void;

const MAX_BACKOFF_MS = 30_000;

/**
 * The user's unread reminders, kept live by the server's stream
 * (GET /reminders/stream). The stream is read with fetch rather than
 * EventSource: in an Office task pane the user is signed in with a bearer
 * token, which EventSource cannot send. A dropped stream reconnects with
 * growing waits (1 s … 30 s). On connect the server replays every unread
 * reminder; they are told apart from new ones by id and firing time, so a
 * reconnect never shows a toast twice, and what was unread before the page
 * opened does not pop up as toasts at all.
 */
class ReminderStore {
  private state: RemindersState = { reminders: [], live: false };
  private listeners = new Set<() => void>();
  private seen = new Set<string>();
  private primed = false;
  private fired = new Set<Fired>();
  private controller: AbortController | null = null;
  private users = 0;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;

  private set(next: Partial<RemindersState>) {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  /** Starts the stream (once, however many components ask); the returned function stops it. */
  start(onFired: Fired): () => void {
    this.fired.add(onFired);
    this.users += 1;
    if (this.users === 1) {
      this.controller = new AbortController();
      void this.run(this.controller.signal);
    }
    return () => {
      this.fired.delete(onFired);
      this.users -= 1;
      if (this.users === 0) {
        this.controller?.abort();
        this.controller = null;
        this.set({ live: false });
      }
    };
  }

  private async run(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const res = await api.request<Response>('GET', '/reminders/stream', { raw: true, signal });
        if (!res.body) throw new Error('no stream body');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const m of parser.push(value)) {
            if (m.event === 'ready') {
              attempt = 0;
              this.primed = true;
              this.set({ live: true });
            } else this.apply(m.event, m.data);
          }
        }
      } catch (err) {
        if (signal.aborted || (err as Error).name === 'AbortError') return;
        // Signed out or no right to reminders: keep trying slowly; signing in again resumes.
        if (err instanceof ApiError && (err.status === 403 || err.status === 401)) attempt = Math.max(attempt, 4);
      }
      this.set({ live: false });
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
      attempt += 1;
      // The abort listener goes when the wait ends, so hours of retries while signed out do not pile up listeners on the signal.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  private apply(event: string, data: unknown) {
    if (event === 'reminder') {
      const r = data as Reminder;
      const key = `${r.id}@${r.firedAt ?? ''}`;
      const isNew = !this.seen.has(key);
      this.seen.add(key);
      this.set({ reminders: [r, ...this.state.reminders.filter((x) => x.id !== r.id)].sort((a, b) => (b.firedAt ?? '').localeCompare(a.firedAt ?? '')) });
      if (isNew && this.primed) for (const f of this.fired) f(r);
    } else if (event === 'dismissed' || event === 'snoozed') {
      this.remove((data as { id: number }).id);
    }
  }

  private remove(id: number) {
    this.set({ reminders: this.state.reminders.filter((r) => r.id !== id) });
  }

  async dismiss(id: number): Promise<void> {
    await api.post(`/reminders/${id}/dismiss`);
    this.remove(id);
  }

  async dismissAll(): Promise<void> {
    await api.post('/reminders/dismiss-all');
    this.set({ reminders: [] });
  }

  async snooze(id: number, body: { minutes: number } | { until: string }): Promise<void> {
    await api.post(`/reminders/${id}/snooze`, body);
    this.remove(id);
  }
}

export const reminders = new ReminderStore();

export function useReminders(): RemindersState {
  return useSyncExternalStore(reminders.subscribe, reminders.getSnapshot);
}
