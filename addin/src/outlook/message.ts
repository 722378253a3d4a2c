import { base64ToBytes } from '../documents/bytes.js';
import type { MessageAttachment, MessageInfo, OutlookHost } from '../hosts/host.js';

/**
 * What the Outlook pane reads from the open message and sends to the
 * server, apart from the screens, so it can be tested against a mocked
 * Outlook.
 */

/** The server keeps this much of a message on its event; reading more of a long thread is wasted. */
export const EXCERPT_READ_CHARS = 4000;
/** The server's limit per file kept with a client. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** GET /senders takes at most this many addresses. */
export const MAX_LOOKUP = 50;

export type Role = 'from' | 'to' | 'cc';

export interface Person {
  role: Role;
  name: string;
  email: string;
}

export interface OpenMessage {
  message: MessageInfo;
  /** The sender first, then the other recipients, each address once, without the reader's own mailbox. */
  people: Person[];
  excerpt: string;
}

/** The people on a message: the sender, then To and Cc, each address once, leaving out the mailbox reading it. */
export function peopleOf(message: MessageInfo, ownAddress: string | null): Person[] {
  const seen = new Set<string>(ownAddress ? [ownAddress.toLowerCase()] : []);
  const out: Person[] = [];
  const add = (role: Role, a: { name: string; email: string } | null) => {
    const email = a?.email.trim().toLowerCase();
    if (!a || !email || seen.has(email)) return;
    seen.add(email);
    out.push({ role, name: a.name.trim(), email });
  };
  // A message the reader sent themselves: the sender is them, the people are the recipients.
  add('from', message.from);
  for (const a of message.to) add('to', a);
  for (const a of message.cc) add('cc', a);
  return out;
}

/** The `email` values of GET /senders: "Name <address>", so the server can prefill a new contact's name. */
export function lookupValues(people: Person[]): string[] {
  return people.slice(0, MAX_LOOKUP).map((p) => (p.name && !p.name.includes('@') ? `${p.name.replace(/[<>"]/g, '')} <${p.email}>` : p.email));
}

/** The open message, its people and the start of its text; null when no message is open. */
export async function readOpenMessage(host: OutlookHost): Promise<OpenMessage | null> {
  const message = await host.currentMessage();
  if (!message) return null;
  let excerpt = '';
  try {
    excerpt = await host.bodyText(EXCERPT_READ_CHARS);
  } catch {
    // Logging works without the text (a protected message, for one); the event then has the sender only.
    excerpt = '';
  }
  return { message, people: peopleOf(message, host.mailboxAddress()), excerpt };
}

/** Whether an attachment can be kept with the client here, and if not, why. */
export function attachability(host: OutlookHost, file: MessageAttachment): 'ok' | 'unsupported' | 'too_big' {
  if (!host.canReadAttachments()) return 'unsupported';
  return file.size > MAX_ATTACHMENT_BYTES ? 'too_big' : 'ok';
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of base64 text as Outlook gives attachment content; refuses anything that is not base64. */
export function attachmentBytes(base64: string): Uint8Array {
  const clean = base64.replace(/\s+/g, '');
  if (!BASE64.test(clean)) throw new Error('The attachment content is not valid base64.');
  return base64ToBytes(clean);
}

/** An attachment's content from Outlook, ready to upload; checks the size Outlook reported against what arrived. */
export async function readAttachment(host: OutlookHost, file: MessageAttachment): Promise<Uint8Array> {
  const bytes = attachmentBytes(await host.attachmentContent(file.id));
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new Error('The attachment is larger than 10 MB.');
  return bytes;
}

/** The default follow-up: the next working day at 10:00 local time (Friday → Monday). */
export function defaultFollowUp(now: Date = new Date()): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0, 0);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

export interface LogRequest {
  clientId: number;
  contactId: number | null;
  subject: string;
  receivedAt: string;
  from: { name: string; email: string };
  excerpt?: string;
  internetMessageId?: string;
  restId?: string;
  followUp?: { title: string; dueAt: string; remindBeforeMinutes?: number };
}

/** The body of POST /senders/log for the open message. */
export function logRequest(open: OpenMessage, who: { clientId: number; contactId: number | null }, followUp?: LogRequest['followUp']): LogRequest {
  const { message } = open;
  const from = message.from ?? open.people[0] ?? { name: '', email: '' };
  return {
    clientId: who.clientId,
    contactId: who.contactId,
    subject: message.subject.slice(0, 500),
    receivedAt: message.received ?? new Date().toISOString(),
    from: { name: from.name.slice(0, 320), email: from.email },
    ...(open.excerpt.trim() ? { excerpt: open.excerpt } : {}),
    ...(message.internetMessageId ? { internetMessageId: message.internetMessageId.slice(0, 400) } : {}),
    ...(message.restId && message.restId.length <= 400 ? { restId: message.restId } : {}),
    ...(followUp ? { followUp } : {}),
  };
}
