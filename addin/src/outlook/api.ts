import { api } from '../api/client.js';
import type { Balance } from '../clients/BalanceFacts.js';
import type { MessageAttachment } from '../hosts/host.js';
import { lookupValues, type LogRequest, type Person } from './message.js';

/** What GET /senders answers (server/senders/routes.ts). */
export interface SenderCard {
  openTasks: { id: number; title: string; dueAt: string | null; assigneeName: string | null }[];
  openTaskCount: number;
  nextEvent: { id: number; type: string; subject: string; startsAt: string } | null;
  unpaidInvoices: { id: number; number: string | null; dueDate: string; state: string; remaining: string; currency: string }[];
  unpaidInvoiceCount: number;
  balance: Balance[];
}

export interface SenderMatch {
  entity: 'client' | 'contact';
  id?: number;
  name: string;
  managerId: number;
  managerName: string;
  accessible: boolean;
  client?: { id: number; name: string } | null;
  contact?: { id: number; name: string; jobTitle: string | null } | null;
  card?: SenderCard;
}

export interface SenderDraft {
  email: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  freeMail: boolean;
}

export interface SenderLookup {
  email: string;
  name: string;
  matches: SenderMatch[];
  draft: SenderDraft | null;
}

export interface LoggedMessage {
  eventId: number;
  clientId: number;
  clientName: string;
  subject: string;
  loggedAt: string;
  loggedBy: string;
}

export function lookupPeople(people: Person[], internetMessageId: string | null, signal?: AbortSignal): Promise<{ items: SenderLookup[]; logged: LoggedMessage[] }> {
  return api.get('/senders', { email: lookupValues(people), messageId: internetMessageId ?? undefined }, signal);
}

export function logMessage(body: LogRequest): Promise<{ event: { id: number }; task: { id: number } | null }> {
  return api.post('/senders/log', body);
}

/** Keeps one attachment with the client, as raw bytes. */
export function uploadAttachment(clientId: number, file: MessageAttachment, bytes: Uint8Array): Promise<{ id: number }> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return api.request('POST', `/clients/${clientId}/attachments`, {
    query: { name: file.name, type: /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType.toLowerCase() : undefined },
    body: new Blob([copy.buffer], { type: 'application/octet-stream' }),
  });
}

/** A new contact (and, when a company is given, its client) from an unknown sender. */
export async function createFromDraft(input: { firstName: string; lastName: string; email: string; company: string | null }): Promise<{ clientId: number | null; contactId: number }> {
  let clientId: number | null = null;
  if (input.company) clientId = (await api.post<{ id: number }>('/clients', { kind: 'legal', name: input.company })).id;
  try {
    const contact = await api.post<{ id: number }>('/contacts', {
      ...(clientId !== null ? { clientId } : {}),
      firstName: input.firstName || null, lastName: input.lastName || null, emails: [{ address: input.email }],
    });
    return { clientId, contactId: contact.id };
  } catch (err) {
    // Without its contact the new client is a half-done record: take it back, then report what failed.
    if (clientId !== null) await api.delete(`/clients/${clientId}`).catch(() => undefined);
    throw err;
  }
}
