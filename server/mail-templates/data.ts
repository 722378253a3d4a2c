/**
 * The merge data of e-mail recipients, read in batches: a mailing to
 * 10,000 recipients reads its clients, contacts and managers a few hundred
 * at a time (one query per table per batch), not one by one, and only the
 * parts the template uses. Records are typed exactly as for Word
 * templates (documents/data.ts), so formatters behave the same. The
 * recipient's client and contact are read within the actor's scope: one
 * the actor may not see is not_found.
 */
import { assertCan, type Actor } from '../access/rights.js';
import { clientService } from '../clients/service.js';
import { companyService } from '../companies/service.js';
import { contactService } from '../contacts/service.js';
import { today, type AppContext } from '../context.js';
import { MergeDataLoader, type MergeData } from '../documents/data.js';
import { DateValue } from '../documents/values.js';
import { notFound } from '../errors/app-error.js';
import type { EntityName } from '../fields/types.js';
import { decodeRecord, type ApiRecord, type Row } from '../records/rows.js';
import type { RecordService } from '../records/service.js';
import { userService } from '../users/service.js';

export interface MailRecipient {
  email: string;
  name?: string;
  clientId?: number | null;
  contactId?: number | null;
}

/** Related records (manager, company, primary contact) are read as the system, as for Word templates. */
export const SYSTEM: Actor = { id: 0, login: 'system', name: 'Kontora', role: 'admin', scope: 'all' };

const CHUNK = 500;

interface Loaded {
  record: ApiRecord;
  data: MergeData;
}

export class RecipientData {
  private readonly typer: MergeDataLoader;
  private readonly services: Record<'client' | 'contact' | 'user' | 'company', RecordService>;
  /** null: not there, or outside the actor's scope. */
  private readonly clients = new Map<number, Loaded | null>();
  private readonly contacts = new Map<number, Loaded | null>();
  private readonly users = new Map<number, Loaded | null>();
  private readonly primary = new Map<number, number | null>();
  private company: Promise<MergeData | null> | undefined;

  /** roots: the top-level fields the template reads (client, contact, manager, company, …). */
  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Actor,
    private readonly roots: Set<string>,
  ) {
    this.typer = new MergeDataLoader(ctx);
    this.services = { client: clientService(ctx), contact: contactService(ctx), user: userService(ctx), company: companyService(ctx) };
    assertCan(actor, 'clients', 'read');
    assertCan(actor, 'contacts', 'read');
  }

  private async loadMany(entity: 'client' | 'contact' | 'user', ids: Iterable<number>, into: Map<number, Loaded | null>, as: Actor): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !into.has(id));
    const service = this.services[entity];
    const table = service.def.table;
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      const rows = (await service.scoped(this.ctx.db, as).whereIn(`${table}.id`, chunk).select(`${table}.*`)) as Row[];
      const records = rows.map((r) => decodeRecord(service.fields, r));
      // Not the detail view (balances, recent documents, one query each): merge fields come from the list view's batch reads.
      if (service.hooks.expand && records.length) await service.hooks.expand(this.ctx.db, records, as, false);
      for (const id of chunk) into.set(id, null);
      for (const record of records) into.set(record.id, { record, data: this.typer.toMerge(entity as EntityName, record) });
    }
  }

  private async loadPrimary(clientIds: number[]): Promise<void> {
    const missing = [...new Set(clientIds)].filter((id) => !this.primary.has(id));
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      const rows = (await this.ctx.db('contacts').whereIn('client_id', chunk).andWhere('is_primary', true).orderBy('id').select('id', 'client_id')) as Row[];
      for (const id of chunk) this.primary.set(id, null);
      for (const row of rows) if (this.primary.get(Number(row.client_id)) === null) this.primary.set(Number(row.client_id), Number(row.id));
    }
    await this.loadMany('contact', [...this.primary.values()].filter((id): id is number => id !== null), this.contacts, SYSTEM);
  }

  private companyData(): Promise<MergeData | null> {
    this.company ??= (async () => {
      const row = (await this.ctx.db('companies').orderBy([{ column: 'is_default', order: 'desc' }, { column: 'id', order: 'asc' }]).first('id')) as { id: number } | undefined;
      if (!row) return null;
      const record = await this.services.company.read(this.ctx.db, SYSTEM, Number(row.id)).catch(() => null);
      return record ? this.typer.toMerge('company', record) : null;
    })();
    return this.company;
  }

  /** Reads what the recipients need in batches; later dataFor calls are lookups. */
  async preload(recipients: MailRecipient[]): Promise<void> {
    const contactIds = recipients.map((r) => r.contactId).filter((id): id is number => typeof id === 'number');
    await this.loadMany('contact', contactIds, this.contacts, this.actor);
    const clientIds = recipients.map((r) => r.clientId ?? (typeof r.contactId === 'number' ? this.contacts.get(r.contactId)?.record.clientId : null))
      .filter((id): id is number => typeof id === 'number');
    await this.loadMany('client', clientIds, this.clients, this.actor);
    if (this.roots.has('contact')) await this.loadPrimary(recipients.filter((r) => typeof r.contactId !== 'number' && typeof r.clientId === 'number').map((r) => r.clientId!));
    if (this.roots.has('manager')) {
      const managers = clientIds.map((id) => this.clients.get(id)?.record.managerId).filter((id): id is number => typeof id === 'number');
      await this.loadMany('user', managers, this.users, SYSTEM);
    }
  }

  /** The merge data of one recipient (not_found when their client or contact is not visible to the actor). */
  async dataFor(recipient: MailRecipient): Promise<MergeData> {
    const contactId = typeof recipient.contactId === 'number' ? recipient.contactId : null;
    const needsLoad = (contactId !== null && !this.contacts.has(contactId)) || (typeof recipient.clientId === 'number' && !this.clients.has(recipient.clientId));
    if (needsLoad) await this.preload([recipient]);
    const contact = contactId !== null ? this.contacts.get(contactId) : null;
    if (contactId !== null && !contact) throw notFound('Contact');
    const clientId = typeof recipient.clientId === 'number' ? recipient.clientId : (contact?.record.clientId as number | null | undefined) ?? null;
    if (clientId !== null && !this.clients.has(clientId)) await this.preload([{ ...recipient, clientId }]);
    const client = clientId !== null ? this.clients.get(clientId) : null;
    // A contact's own client is read as the contact is; the recipient's named client must be visible.
    if (clientId !== null && !client && typeof recipient.clientId === 'number') throw notFound('Client');
    let shownContact = contact ?? null;
    if (!shownContact && clientId !== null && this.roots.has('contact')) {
      if (!this.primary.has(clientId)) await this.loadPrimary([clientId]);
      const primaryId = this.primary.get(clientId);
      shownContact = primaryId ? this.contacts.get(primaryId) ?? null : null;
    }
    let manager: MergeData | null = null;
    const managerId = client?.record.managerId;
    if (this.roots.has('manager') && typeof managerId === 'number') {
      if (!this.users.has(managerId)) await this.loadMany('user', [managerId], this.users, SYSTEM);
      manager = this.users.get(managerId)?.data ?? null;
    }
    const name = recipient.name ?? (shownContact ? (shownContact.record.name as string | null) || [shownContact.record.firstName, shownContact.record.lastName].filter(Boolean).join(' ') : (client?.record.name as string | undefined) ?? '');
    return {
      client: client?.data ?? null,
      contact: shownContact?.data ?? null,
      manager,
      company: this.roots.has('company') ? await this.companyData() : null,
      recipient: { email: recipient.email, name },
      today: new DateValue(today(this.ctx)),
    };
  }

  /** The recipient's client id, once their data is loaded (documents are made for it). */
  clientIdOf(recipient: MailRecipient): number | null {
    if (typeof recipient.clientId === 'number') return recipient.clientId;
    const contact = typeof recipient.contactId === 'number' ? this.contacts.get(recipient.contactId) : null;
    return typeof contact?.record.clientId === 'number' ? contact.record.clientId : null;
  }
}
