import type { Actor } from '../access/rights.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { toIso } from '../fields/codec.js';
import { loadTypes } from '../events/types.js';
import { openStatuses } from '../tasks/entity.js';
import { calendar, type IcsEvent } from './ics.js';

/** The feed covers this much of the past and the future. */
const PAST_DAYS = 90;
const FUTURE_DAYS = 400;
const DEFAULT_MINUTES = 30;
const TASK_MINUTES = 15;

export interface FeedState {
  active: boolean;
  createdAt: string | null;
}

/**
 * A user's calendar as an iCalendar feed at a secret URL. The key is
 * random (256 bits), shown once when made and stored only as its SHA-256;
 * making a new one replaces the old, revoking stops the feed. The key
 * travels in the query string, which the request log never writes.
 */
export class CalendarFeeds {
  constructor(private readonly ctx: AppContext) {}

  async state(actor: Actor): Promise<FeedState> {
    const row = (await this.ctx.db('calendar_feeds').where({ user_id: actor.id }).first('created_at')) as { created_at: unknown } | undefined;
    return { active: Boolean(row), createdAt: row ? toIso(row.created_at) : null };
  }

  /** A new key (the previous one stops working); returns it once. */
  async create(actor: Actor): Promise<{ key: string; createdAt: string }> {
    const key = newSecret('kcal_');
    const createdAt = nowIso(this.ctx);
    await this.ctx.db.transaction(async (trx) => {
      await trx('calendar_feeds').where({ user_id: actor.id }).delete();
      await trx('calendar_feeds').insert({ user_id: actor.id, token_hash: sha256(key), created_at: createdAt });
    });
    return { key, createdAt };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.ctx.db('calendar_feeds').where({ user_id: actor.id }).delete();
  }

  /** The feed of the user whose key this is; not_found for any other text. */
  async render(key: unknown): Promise<string> {
    if (typeof key !== 'string' || key.length < 10 || key.length > 200) throw feedNotFound();
    const db = this.ctx.db;
    const owner = (await db('calendar_feeds').join('users', 'users.id', 'calendar_feeds.user_id')
      .where({ 'calendar_feeds.token_hash': sha256(key), 'users.active': true }).first('users.id', 'users.name')) as { id: number; name: string } | undefined;
    if (!owner) throw feedNotFound();
    const now = this.ctx.clock.now().getTime();
    const from = new Date(now - PAST_DAYS * 86_400_000).toISOString();
    const to = new Date(now + FUTURE_DAYS * 86_400_000).toISOString();
    const labels = new Map((await loadTypes(db)).map((t) => [t.key, t.label]));
    const events = (await db('events').leftJoin('clients', 'clients.id', 'events.client_id')
      .where('events.owner_id', owner.id).where('events.starts_at', '>=', from).where('events.starts_at', '<', to)
      .orderBy('events.starts_at').select('events.*', 'clients.name as client_name')) as Record<string, unknown>[];
    const tasks = (await db('tasks').leftJoin('clients', 'clients.id', 'tasks.client_id')
      .where('tasks.assignee_id', owner.id).whereIn('tasks.status', openStatuses).where('tasks.due_at', '>=', from).where('tasks.due_at', '<', to)
      .orderBy('tasks.due_at').select('tasks.*', 'clients.name as client_name')) as Record<string, unknown>[];
    const items: IcsEvent[] = [];
    for (const e of events) {
      const start = new Date(toIso(e.starts_at)!);
      const label = labels.get(String(e.type)) ?? String(e.type);
      items.push({
        uid: `event-${e.id}@kontora`, stamp: new Date(toIso(e.updated_at)!), sequence: Number(e.version), start,
        end: e.ends_at ? new Date(toIso(e.ends_at)!) : new Date(start.getTime() + DEFAULT_MINUTES * 60_000),
        summary: `${label}: ${String(e.subject)}`, categories: label,
        description: [e.client_name, e.description, e.result_notes].filter((v) => typeof v === 'string' && v).join('\n'),
      });
    }
    for (const t of tasks) {
      const start = new Date(toIso(t.due_at)!);
      items.push({
        uid: `task-${t.id}@kontora`, stamp: new Date(toIso(t.updated_at)!), sequence: Number(t.version), start,
        end: new Date(start.getTime() + TASK_MINUTES * 60_000), summary: `Task: ${String(t.title)}`, categories: 'Task',
        description: [t.client_name, t.description].filter((v) => typeof v === 'string' && v).join('\n'),
      });
    }
    return calendar(`Kontora: ${owner.name}`, items);
  }
}

function feedNotFound(): AppError {
  return new AppError('not_found', 'There is no calendar feed at this address; it may have been revoked.');
}
