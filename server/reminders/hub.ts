import type { Response } from 'express';
import type { ReminderJson } from './store.js';

interface Stream {
  userId: number;
  res: Response;
  /** Reminders this stream has shown, by id, with the firing they came from. */
  sent: Map<number, string>;
}

/**
 * The open live streams (server-sent events) of this instance, by user.
 * A reminder is written only to the streams of its own user. Reminders
 * fired by another instance reach a stream here through the scheduler's
 * poll of the database (see scheduler.ts), so it does not matter which
 * instance a browser is connected to.
 */
export class ReminderHub {
  private readonly streams = new Set<Stream>();

  add(userId: number, res: Response): Stream {
    const stream: Stream = { userId, res, sent: new Map() };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
    return stream;
  }

  users(): number[] {
    return [...new Set([...this.streams].map((s) => s.userId))];
  }

  get size(): number {
    return this.streams.size;
  }

  /** Writes each reminder to the streams of its user that have not shown it since it fired. */
  deliver(items: { userId: number; reminder: ReminderJson }[]): void {
    for (const stream of this.streams) {
      for (const { userId, reminder: r } of items) {
        if (userId !== stream.userId || r.firedAt === null || r.dismissedAt !== null || stream.sent.get(r.id) === r.firedAt) continue;
        stream.sent.set(r.id, r.firedAt);
        write(stream.res, 'reminder', r, `${r.id}-${r.firedAt}`);
      }
    }
  }

  /** Reminders some stream shows that are not among the given unread ones any more. */
  shownExcept(unread: Set<number>): { userId: number; id: number }[] {
    const out = new Map<number, number>();
    for (const stream of this.streams) for (const id of stream.sent.keys()) if (!unread.has(id)) out.set(id, stream.userId);
    return [...out].map(([id, userId]) => ({ id, userId }));
  }

  /** Tells a user's streams a reminder was dismissed or snoozed elsewhere. */
  withdraw(userId: number, id: number, event: 'dismissed' | 'snoozed'): void {
    for (const stream of this.streams) {
      if (stream.userId !== userId) continue;
      stream.sent.delete(id);
      write(stream.res, event, { id });
    }
  }

  /** A comment line keeps proxies from closing an idle stream. */
  heartbeat(): void {
    for (const stream of this.streams) stream.res.write(': keep-alive\n\n');
  }

  closeAll(): void {
    for (const stream of this.streams) stream.res.end();
    this.streams.clear();
  }
}

function write(res: Response, event: string, data: unknown, id?: string): void {
  res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
