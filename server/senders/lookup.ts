import { seesAll, type Actor } from '../access/rights.js';
import { emailKey } from '../channels/normalize.js';
import type { Conn } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import { senderCard, type SenderCard } from './card.js';
import { senderDraft, type SenderDraft } from './prefill.js';

export interface SenderMatch {
  entity: 'client' | 'contact';
  /** Present only when the user may open the record (as duplicates answer). */
  id?: number;
  name: string;
  managerId: number;
  managerName: string;
  accessible: boolean;
  /** The client the card is about: the client itself, or the contact's client. Only when accessible. */
  client?: { id: number; name: string } | null;
  contact?: { id: number; name: string; jobTitle: string | null } | null;
  card?: SenderCard;
}

export interface SenderLookup {
  email: string;
  name: string;
  matches: SenderMatch[];
  /** A prefilled contact for an address nobody has, to create it from the pane. */
  draft: SenderDraft | null;
}

/** Matches per address at most: a shared mailbox (info@…) may be on many contacts. */
const MATCH_LIMIT = 10;

interface ClientRow { id: number; name: string; manager_id: number; manager_name: string }
interface ContactRow { id: number; name: string; job_title: string | null; client_id: number | null; client_name: string | null; manager_id: number; manager_name: string }

/**
 * The clients and contacts with each address, by the same normalised form
 * duplicates and search use. Like the duplicate check it looks across all
 * managers, so a manager sees that an address is already someone else's
 * client, but of records outside their scope it tells only the name and
 * the manager; the card (tasks, events, invoices) is only for records the
 * user may open.
 */
export async function lookupSenders(conn: Conn, actor: Actor, addresses: { email: string; name: string }[], at: { now: string; today: string }): Promise<SenderLookup[]> {
  const keys = [...new Set(addresses.map((a) => emailKey(a.email)))];
  const channels = (await conn('channels').where('kind', 'email').whereIn('normalized', keys)
    .orderBy([{ column: 'owner_entity' }, { column: 'owner_id' }]).select('owner_entity', 'owner_id', 'normalized')) as { owner_entity: 'client' | 'contact'; owner_id: number; normalized: string }[];
  const ids = (entity: string) => [...new Set(channels.filter((c) => c.owner_entity === entity).map((c) => Number(c.owner_id)))];
  const clients = new Map(((await conn('clients').whereIn('clients.id', ids('client')).join('users', 'users.id', 'clients.manager_id')
    .select('clients.id', 'clients.name', 'clients.manager_id', 'users.name as manager_name')) as ClientRow[]).map((r) => [Number(r.id), r]));
  const contacts = new Map(((await conn('contacts').whereIn('contacts.id', ids('contact'))
    .leftJoin('clients', 'clients.id', 'contacts.client_id')
    .join('users', 'users.id', conn.raw('coalesce(clients.manager_id, contacts.manager_id)'))
    .select('contacts.id', 'contacts.name', 'contacts.job_title', 'contacts.client_id', 'clients.name as client_name', 'users.id as manager_id', 'users.name as manager_name')) as ContactRow[])
    .map((r) => [Number(r.id), r]));

  const all = seesAll(actor);
  const mayOpen = (managerId: number) => all || Number(managerId) === actor.id;
  const cards = new Map<string, SenderCard>();
  const cardOf = async (clientId: number | null, contactId: number | null) => {
    const key = clientId !== null ? `client:${clientId}` : `contact:${contactId}`;
    if (!cards.has(key)) cards.set(key, await senderCard(conn, actor, { clientId, contactId }, at.now, at.today));
    return cards.get(key)!;
  };

  const out: SenderLookup[] = [];
  for (const address of addresses) {
    const key = emailKey(address.email);
    const matches: SenderMatch[] = [];
    for (const channel of channels.filter((c) => c.normalized === key)) {
      const id = Number(channel.owner_id);
      if (matches.some((m) => m.entity === channel.owner_entity && m.id === id)) continue;
      if (channel.owner_entity === 'client') {
        const c = clients.get(id);
        if (!c) continue;
        const accessible = mayOpen(c.manager_id);
        matches.push({
          entity: 'client', name: c.name, managerId: Number(c.manager_id), managerName: c.manager_name, accessible,
          ...(accessible ? { id, client: { id, name: c.name }, contact: null, card: await cardOf(id, null) } : {}),
        });
      } else {
        const c = contacts.get(id);
        if (!c) continue;
        const accessible = mayOpen(c.manager_id);
        const clientId = c.client_id === null ? null : Number(c.client_id);
        matches.push({
          entity: 'contact', name: c.name, managerId: Number(c.manager_id), managerName: c.manager_name, accessible,
          ...(accessible ? {
            id, contact: { id, name: c.name, jobTitle: c.job_title },
            client: clientId === null ? null : { id: clientId, name: c.client_name ?? '' },
            card: await cardOf(clientId, id),
          } : {}),
        });
      }
      if (matches.length >= MATCH_LIMIT) break;
    }
    // The user's own records first, then contacts (a person) before clients (a company).
    matches.sort((a, b) => Number(b.accessible) - Number(a.accessible) || (a.entity === b.entity ? a.name.localeCompare(b.name) : a.entity === 'contact' ? -1 : 1));
    out.push({ email: key, name: address.name, matches, draft: matches.length ? null : senderDraft(key, address.name) });
  }
  return out;
}

export interface LoggedMessage {
  eventId: number;
  clientId: number;
  clientName: string;
  subject: string;
  loggedAt: string;
  loggedBy: string;
}

/** Events this message was already logged as, among those the user may see, so nobody logs it twice. */
export async function loggedEvents(conn: Conn, actor: Actor, internetMessageId: string): Promise<LoggedMessage[]> {
  const qb = conn('event_messages as m').join('events', 'events.id', 'm.event_id').join('clients', 'clients.id', 'events.client_id').join('users', 'users.id', 'm.user_id')
    .where('m.internet_message_id', internetMessageId)
    .orderBy('m.id')
    .select('events.id', 'events.client_id', 'clients.name as client_name', 'events.subject', 'm.created_at', 'users.name as user_name');
  // Same scope as the events list: events of the user's clients and events they hold.
  if (!seesAll(actor)) qb.where((w) => w.where('events.owner_id', actor.id).orWhere('clients.manager_id', actor.id));
  const rows = (await qb) as { id: number; client_id: number; client_name: string; subject: string; created_at: unknown; user_name: string }[];
  return rows.map((r) => ({ eventId: Number(r.id), clientId: Number(r.client_id), clientName: r.client_name, subject: r.subject, loggedAt: toIso(r.created_at)!, loggedBy: r.user_name }));
}
