import { api } from '../api/client.js';

/** The contact-sync API (server/contact-sync/routes.ts), always about the signed-in user's own mailbox. */

export type DeletionPolicy = 'propagate' | 'unlink' | 'archive';
export const POLICIES: DeletionPolicy[] = ['unlink', 'archive', 'propagate'];

export interface SyncSettings {
  folderId: string | null;
  category: string | null;
  deletionPolicy: DeletionPolicy;
  version: number;
  updatedAt: string | null;
}

export interface SyncProblem {
  code: string;
  message: string;
  contactId?: number;
  outlookId?: string;
}

export interface SyncRun {
  id: number;
  trigger: 'manual' | 'schedule';
  status: 'running' | 'done' | 'failed';
  full: boolean;
  startedAt: string;
  finishedAt: string | null;
  kontoraCreated: number;
  kontoraUpdated: number;
  kontoraDeleted: number;
  outlookCreated: number;
  outlookUpdated: number;
  outlookDeleted: number;
  linked: number;
  conflicts: number;
  error: { code: string; message: string } | null;
  problems: SyncProblem[];
}

export interface SyncStatus {
  mailbox: { address: string } | null;
  settings: SyncSettings;
  running: boolean;
  lastRun: SyncRun | null;
  runs: SyncRun[];
  linked: number;
  conflicts: number;
}

export interface SyncConflict {
  id: number;
  runId: number;
  contactId: number;
  contactName: string | null;
  field: string;
  kontoraValue: string | null;
  outlookValue: string | null;
  winner: 'kontora' | 'outlook';
  at: string;
}

export const syncApi = {
  status: () => api.get<SyncStatus>('/contact-sync/status'),
  run: () => api.post<{ run: SyncRun }>('/contact-sync/run'),
  saveSettings: (body: { folderId: string | null; category: string | null; deletionPolicy: DeletionPolicy; version: number }) =>
    api.put<SyncSettings>('/contact-sync/settings', body),
  conflicts: (offset = 0) => api.get<{ items: SyncConflict[]; total: number; limit: number; offset: number }>('/contact-sync/conflicts', { limit: 20, offset }),
  folders: () => api.get<{ items: { id: string; name: string }[] }>('/contact-sync/folders'),
};
