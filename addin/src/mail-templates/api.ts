/**
 * The e-mail template API (server/mail-templates): templates, their
 * attachments, the check, a per-recipient preview and the test send.
 */
import { api } from '../api/client.js';
import type { FieldNode, Formatter } from '../word/tags.js';

export interface MailAttachment {
  id: number;
  kind: 'file' | 'price_list' | 'document';
  fileName: string;
  documentTemplateId: number | null;
  format: 'pdf' | 'docx' | null;
  size: number | null;
  mime: string | null;
}

export interface MailTemplateSummary {
  id: number;
  name: string;
  subject: string;
  locale: 'en' | 'ru';
  shipped: boolean;
  version: number;
  attachments: number;
  updatedAt: string;
}

export interface MailTemplate {
  id: number;
  name: string;
  subject: string;
  html: string;
  text: string | null;
  locale: 'en' | 'ru';
  shipped: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  attachments: MailAttachment[];
}

export interface MailDraft {
  name: string;
  subject: string;
  html: string;
  text: string | null;
  locale: 'en' | 'ru';
}

export interface MailPreview {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** Whose data a preview or test send merges. */
export type Recipient = { clientId: number } | { contactId: number };

export const mailApi = {
  list: () => api.get<{ items: MailTemplateSummary[] }>('/mail-templates'),
  get: (id: number) => api.get<MailTemplate>(`/mail-templates/${id}`),
  fields: () => api.get<{ fields: FieldNode[]; formatters: Formatter[] }>('/mail-templates/fields'),
  create: (draft: MailDraft) => api.post<MailTemplate>('/mail-templates', draft),
  update: (id: number, version: number, draft: Partial<MailDraft>) => api.patch<MailTemplate>(`/mail-templates/${id}`, { version, ...draft }),
  remove: (id: number) => api.delete(`/mail-templates/${id}`),
  check: (draft: Pick<MailDraft, 'subject' | 'html' | 'text'>) => api.post<{ ok: true }>('/mail-templates/check', draft),
  preview: (id: number, who: Recipient) => api.post<MailPreview>(`/mail-templates/${id}/preview`, who),
  testSend: (id: number, to: string, who: Recipient) => api.post<{ to: string; subject: string; via: string }>(`/mail-templates/${id}/test-send`, { to, ...who }),
  upload: (id: number, file: File) => api.request<MailTemplate>('POST', `/mail-templates/${id}/attachments/upload`, {
    query: { fileName: file.name }, body: new Blob([file], { type: 'application/octet-stream' }),
  }),
  addGenerated: (id: number, body: { kind: 'price_list' | 'document'; fileName?: string; documentTemplateId?: number; format?: 'pdf' | 'docx' }) =>
    api.post<MailTemplate>(`/mail-templates/${id}/attachments`, body),
  removeAttachment: (id: number, attachmentId: number) => api.delete(`/mail-templates/${id}/attachments/${attachmentId}`),
};
