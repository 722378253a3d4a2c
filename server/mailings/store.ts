import type { Actor } from '../access/rights.js';
import { seesAll } from '../access/rights.js';
import type { Conn } from '../db/connect.js';
import { notFound } from '../errors/app-error.js';

export const mailingStatuses = ['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];
export const recipientStates = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type RecipientState = (typeof recipientStates)[number];
/** Why a recipient gets nothing (the reason column of a skipped row). */
export const skipReasons = ['no_email', 'invalid_address', 'duplicate_address', 'unsubscribed', 'cancelled'] as const;
export type SkipReason = (typeof skipReasons)[number];

export interface MailingRow {
  id: number;
  version: number;
  name: string;
  template_id: number | null;
  channel: 'server' | 'graph';
  sender_id: number;
  audience: 'clients' | 'contacts';
  filter: string | null;
  picked: string | null;
  status: MailingStatus;
  scheduled_at: string | Date | null;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  rate_per_minute: number | null;
  public_url: string | null;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface RecipientRow {
  id: number;
  mailing_id: number;
  client_id: number | null;
  contact_id: number | null;
  name: string;
  email: string | null;
  address: string | null;
  state: RecipientState;
  reason: string | null;
  attempts: number;
  next_attempt_at: string | Date | null;
  message_id: string | null;
  sent_at: string | Date | null;
}

export const iso = (v: string | Date | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

/** Mailings the actor may see: all of them, or with scope "own" the ones they send. */
export function scopedMailings(conn: Conn, actor: Actor) {
  const qb = conn('mailings');
  if (!seesAll(actor)) qb.where('mailings.sender_id', actor.id);
  return qb;
}

export async function findMailing(conn: Conn, actor: Actor, id: number): Promise<MailingRow> {
  const row = (await scopedMailings(conn, actor).where('mailings.id', id).first()) as MailingRow | undefined;
  if (!row) throw notFound('Mailing');
  return normalise(row);
}

export function normalise(row: MailingRow): MailingRow {
  return { ...row, id: Number(row.id), version: Number(row.version), sender_id: Number(row.sender_id), template_id: row.template_id === null ? null : Number(row.template_id) };
}

export type Counts = Record<RecipientState, number> & { total: number };

export async function countsOf(conn: Conn, mailingIds: number[]): Promise<Map<number, Counts>> {
  const out = new Map<number, Counts>();
  for (const id of mailingIds) out.set(id, { queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0, total: 0 });
  if (!mailingIds.length) return out;
  const rows = (await conn('mailing_recipients').whereIn('mailing_id', mailingIds).groupBy('mailing_id', 'state').select('mailing_id', 'state').count({ n: '*' })) as { mailing_id: number; state: RecipientState; n: number | string }[];
  for (const r of rows) {
    const c = out.get(Number(r.mailing_id))!;
    c[r.state] = Number(r.n);
    c.total += Number(r.n);
  }
  return out;
}

export function mailingJson(row: MailingRow, counts: Counts, names: { template?: string | null; sender?: string | null } = {}) {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    templateId: row.template_id,
    templateName: names.template ?? null,
    channel: row.channel,
    senderId: row.sender_id,
    senderName: names.sender ?? null,
    audience: row.audience,
    filter: row.filter ? (JSON.parse(row.filter) as Record<string, string>) : null,
    picked: row.picked ? (JSON.parse(row.picked) as number[]) : null,
    status: row.status,
    scheduledAt: iso(row.scheduled_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    ratePerMinute: row.rate_per_minute === null ? null : Number(row.rate_per_minute),
    lastError: row.last_error,
    counts,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export type MailingJson = ReturnType<typeof mailingJson>;

export function recipientJson(r: RecipientRow) {
  return {
    id: Number(r.id),
    clientId: r.client_id === null ? null : Number(r.client_id),
    contactId: r.contact_id === null ? null : Number(r.contact_id),
    name: r.name,
    email: r.email,
    state: r.state,
    reason: r.reason,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    sentAt: iso(r.sent_at),
  };
}
