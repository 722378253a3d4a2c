/** The mailings API (server/mailings): mailings, their audience, preview, test send, run control and queue. */
import { api } from '../api/client.js';

export type MailingStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'done' | 'cancelled';
export type RecipientState = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
export type Counts = Record<RecipientState, number> & { total: number };

export interface Mailing {
  id: number;
  version: number;
  name: string;
  templateId: number | null;
  templateName: string | null;
  channel: 'server' | 'graph';
  senderId: number;
  senderName: string | null;
  audience: 'clients' | 'contacts';
  filter: Record<string, string> | null;
  picked: number[] | null;
  status: MailingStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  ratePerMinute: number | null;
  lastError: string | null;
  counts: Counts;
}

export interface MailingDraft {
  name: string;
  templateId: number;
  channel: 'server' | 'graph';
  audience: 'clients' | 'contacts';
  filter?: Record<string, string> | null;
  picked?: number[] | null;
}

export interface Audience {
  total: number;
  toSend: number;
  skipped: Record<string, number>;
  items: { index: number; name: string; email: string | null; skip: string | null }[];
}

export interface Preview {
  index: number;
  total: number;
  recipient: { name: string; email: string | null; skip: string | null };
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

export interface Progress {
  id: number;
  status: MailingStatus;
  counts: Counts;
  skipped: Record<string, number>;
  lastError: string | null;
}

export interface QueueRow {
  id: number;
  name: string;
  email: string | null;
  state: RecipientState;
  reason: string | null;
  attempts: number;
  sentAt: string | null;
}

export const mailingApi = {
  create: (draft: MailingDraft) => api.post<Mailing>('/mailings', draft),
  update: (id: number, version: number, draft: Partial<MailingDraft>) => api.patch<Mailing>(`/mailings/${id}`, { version, ...draft }),
  audience: (id: number) => api.get<Audience>(`/mailings/${id}/audience`, { limit: 100 }),
  preview: (id: number, index: number) => api.get<Preview>(`/mailings/${id}/preview`, { index }),
  testSend: (id: number, to: string, index?: number) => api.post<{ to: string; via: string }>(`/mailings/${id}/test-send`, index === undefined ? { to } : { to, index }),
  start: (id: number) => api.post<Mailing>(`/mailings/${id}/start`, {}),
  schedule: (id: number, at: string) => api.post<Mailing>(`/mailings/${id}/schedule`, { at }),
  pause: (id: number) => api.post<Mailing>(`/mailings/${id}/pause`, {}),
  resume: (id: number) => api.post<Mailing>(`/mailings/${id}/resume`, {}),
  cancel: (id: number) => api.post<Mailing>(`/mailings/${id}/cancel`, {}),
  remove: (id: number) => api.delete(`/mailings/${id}`),
};

/** "tag=spring&city=Riga" (the list's own query syntax) → filter object; null when it is not that. */
export function parseFilter(text: string): Record<string, string> | null {
  const trimmed = text.trim().replace(/^\?/, '');
  if (!trimmed) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(trimmed)) {
    if (!k || k in out) return null;
    out[k] = v;
  }
  return out;
}

export function filterText(filter: Record<string, string> | null): string {
  return filter ? new URLSearchParams(filter).toString() : '';
}
