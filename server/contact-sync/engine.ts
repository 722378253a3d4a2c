import { assertCan, seesAll, type Actor } from '../access/rights.js';
import { emailKey } from '../channels/normalize.js';
import { contactService } from '../contacts/service.js';
import { nowIso, type AppContext } from '../context.js';
import { findDuplicates } from '../duplicates/find.js';
import { nameKey } from '../duplicates/names.js';
import { AppError } from '../errors/app-error.js';
import { graphClientFor, type GraphClient } from '../graph/client.js';
import { parseListParams } from '../records/query.js';
import type { ApiRecord } from '../records/rows.js';
import {
  EXTENSION_NAME, SYNC_FIELDS, fromKontora, fromOutlook, isEmpty, sameValue, showValue, toKontora, toOutlook,
  type SyncField, type SyncFields,
} from './mapping.js';
import {
  deleteLink, finishRun, logConflicts, markSeenInDelta, readDeltaLink, readLinks, readSettings, releaseLock, saveDeltaLink, saveLink, saveLinks,
  startRun, takeLock, updateLink, zeroCounts, type ConflictWrite, type Link, type LinkWrite, type Problem, type RunCounts, type SyncSettings,
} from './store.js';

/**
 * One two-way sync of a user's Kontora contacts with their Outlook
 * contacts (docs/outlook.md, "Contact sync").
 *
 * Outlook's side comes from a delta query: the first run (and a run after
 * the delta token expired) reads the whole folder; later runs only what
 * changed. Each link keeps what both sides looked like at the last sync,
 * so a field changed on one side is copied to the other, and a field
 * changed on both is a conflict the newer change wins (logged with both
 * values). A new Outlook contact is matched before anything is created:
 * by the Kontora id kept on it in an open extension, then by e-mail, then
 * by the duplicate check, so a resync never duplicates.
 */

/** Marks the surviving copy when the deletion policy is "archive". */
export const ARCHIVE_TAG = { outlook: 'Deleted in Kontora', kontora: 'Deleted in Outlook' };

const CONTACT_PAGE = 500;

/** Tunable for tests and benchmarks; the defaults suit Exchange Online. */
export const syncPolicy = {
  /** Up to this many unlinked Outlook contacts, their Kontora ids are read one by one (batched); past it, by listing the folder. */
  listExtensionsAbove: 100,
};
const EXTENSION_ID = `Microsoft.OutlookServices.OpenTypeExtension.${EXTENSION_NAME}`;

export interface RunResult extends RunCounts {
  runId: number;
  full: boolean;
  problems: Problem[];
}

interface OutlookChanges {
  changed: Map<string, Record<string, any>>;
  /** Id → Graph's reason: "deleted", or "changed" (moved out of the folder: not a deletion). */
  removed: Map<string, string>;
  deltaLink: string;
}

/** The user as the rest of the server sees them; a deactivated user cannot sync. */
export async function actorOf(ctx: AppContext, userId: number): Promise<Actor> {
  const row = (await ctx.db('users').where({ id: userId }).first('id', 'login', 'name', 'role', 'scope', 'active')) as Record<string, any> | undefined;
  if (!row || !row.active) throw new AppError('forbidden', 'This user cannot sync contacts.');
  return { id: Number(row.id), login: row.login, name: row.name, role: row.role, scope: row.scope };
}

/** Follows @odata.nextLink to the end of a delta round. */
async function readDelta(graph: GraphClient, start: string): Promise<OutlookChanges> {
  const changed = new Map<string, Record<string, any>>();
  const removed = new Map<string, string>();
  let url: string | undefined = start;
  for (let pages = 0; url; pages++) {
    if (pages > 100_000) throw new AppError('graph_failed', 'The contact delta query did not end.');
    const page: Record<string, any> = await graph.request('GET', url);
    for (const item of (page.value ?? []) as Record<string, any>[]) {
      if (typeof item?.id !== 'string') continue;
      if (item['@removed']) {
        changed.delete(item.id);
        removed.set(item.id, typeof item['@removed']?.reason === 'string' ? item['@removed'].reason : 'deleted');
      } else {
        removed.delete(item.id);
        changed.set(item.id, item);
      }
    }
    if (typeof page['@odata.deltaLink'] === 'string') return { changed, removed, deltaLink: page['@odata.deltaLink'] };
    url = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
  }
  throw new AppError('graph_failed', 'The contact delta query ended without a delta link.');
}

/** Every contact the actor may see, with phones, e-mails, tags and client name. */
async function kontoraContacts(ctx: AppContext, actor: Actor): Promise<Map<number, ApiRecord>> {
  const service = contactService(ctx);
  const params = parseListParams({ sort: 'id' }, service.def, service.fields);
  const out = new Map<number, ApiRecord>();
  for (let offset = 0; ; offset += CONTACT_PAGE) {
    const page = await service.listWith(ctx.db, actor, { ...params, limit: CONTACT_PAGE, offset });
    for (const c of page.items) out.set(c.id, c);
    if (page.items.length < CONTACT_PAGE) break;
  }
  return out;
}

const errorOf = (err: unknown): { code: string; message: string } =>
  err instanceof AppError ? { code: err.code, message: err.message } : { code: 'internal', message: err instanceof Error ? err.message : String(err) };

/** Runs one sync of a user's mailbox; refuses with sync_running while another is running. */
export async function runContactSync(ctx: AppContext, userId: number, trigger: 'manual' | 'schedule', options: { graph?: GraphClient } = {}): Promise<RunResult> {
  const actor = await actorOf(ctx, userId);
  assertCan(actor, 'contacts', 'edit');
  // No mailbox (or one to sign in again): refused before a run is recorded.
  const graph = options.graph ?? (await graphClientFor(ctx, userId));
  await takeLock(ctx.db, userId, ctx.clock.now());
  let runId = 0;
  try {
    runId = await startRun(ctx.db, userId, trigger, nowIso(ctx));
    await ctx.db('contact_sync_locks').where({ user_id: userId }).update({ run_id: runId });
    const sync = new SyncRun(ctx, actor, runId, await readSettings(ctx.db, userId));
    try {
      await sync.run(graph);
      await finishRun(ctx.db, runId, { counts: sync.counts, full: sync.full, problems: sync.problems }, nowIso(ctx));
      return { runId, full: sync.full, problems: sync.problems, ...sync.counts };
    } catch (err) {
      const error = errorOf(err);
      if (error.code === 'internal') ctx.log.error('contact sync failed', { userId, runId, error: error.message });
      await finishRun(ctx.db, runId, { counts: sync.counts, full: sync.full, problems: sync.problems, error }, nowIso(ctx));
      throw err;
    }
  } finally {
    await releaseLock(ctx.db, userId);
  }
}

interface Push {
  link: Link | null;
  contact: ApiRecord;
  body: Record<string, unknown>;
  changeKey: string | null;
  kontoraAfter: SyncFields;
  outlookBefore: SyncFields;
}

class SyncRun {
  readonly counts = zeroCounts();
  readonly problems: Problem[] = [];
  full = false;
  private readonly conflicts: ConflictWrite[] = [];
  private readonly toTag: { outlookId: string; contactId: number }[] = [];
  private readonly contacts: ReturnType<typeof contactService>;
  private graph!: GraphClient;
  private base = '/me/contacts';

  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Actor,
    private readonly runId: number,
    private readonly settings: SyncSettings,
  ) {
    this.contacts = contactService(ctx);
  }

  private get userId(): number {
    return this.actor.id;
  }

  private at(): string {
    return nowIso(this.ctx);
  }

  private problem(code: string, message: string, where: { contactId?: number; outlookId?: string } = {}): void {
    this.problems.push({ code, message, ...where });
  }

  /** Outlook's fields without the category that only selects what is synced. */
  private outlookFields(item: Record<string, any>): SyncFields {
    const f = fromOutlook(item);
    const cat = this.settings.category;
    if (cat) f.categories = f.categories.filter((c) => c.toLowerCase() !== cat.toLowerCase());
    return f;
  }

  private inScope(item: Record<string, any>): boolean {
    const cat = this.settings.category?.toLowerCase();
    return !cat || (Array.isArray(item.categories) && item.categories.some((c: unknown) => typeof c === 'string' && c.toLowerCase() === cat));
  }

  private outlookBody(f: Partial<SyncFields>): Record<string, unknown> {
    const body = toOutlook(f);
    const cat = this.settings.category;
    if (cat && Array.isArray(body.categories)) body.categories = [...(body.categories as string[]), cat];
    return body;
  }

  async run(graph: GraphClient): Promise<void> {
    this.graph = graph;
    const folder = this.settings.folderId;
    this.base = folder ? `/me/contactFolders/${encodeURIComponent(folder)}/contacts` : '/me/contacts';
    const folderKey = folder ?? '';
    const stored = await readDeltaLink(this.ctx.db, this.userId, folderKey);
    let changes: OutlookChanges;
    this.full = !stored;
    try {
      changes = await readDelta(graph, stored ?? `${this.base}/delta`);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'graph_delta_expired')) throw err;
      // The delta token expired: read the whole folder again; links and the extension keep it free of duplicates.
      this.full = true;
      changes = await readDelta(graph, `${this.base}/delta`);
    }

    const kontora = await kontoraContacts(this.ctx, this.actor);
    const links = await readLinks(this.ctx.db, this.userId);
    const byOutlook = new Map(links.map((l) => [l.outlookId, l]));
    const linkedContacts = new Set(links.map((l) => l.contactId));
    const pushes: Push[] = [];
    const deletes: Link[] = [];
    const archives: Link[] = [];
    const seen: number[] = [];

    for (const link of links.filter((l) => l.state === 'active')) {
      const contact = kontora.get(link.contactId);
      const item = changes.changed.get(link.outlookId);
      // Gone from a full listing, reported removed, or created by Kontora and never reported since (created and deleted in between).
      const removedInOutlook = changes.removed.has(link.outlookId) || (!item && (this.full || !link.seenInDelta));
      if (changes.removed.get(link.outlookId) === 'changed' && contact) {
        // Moved to another folder in Outlook: it left the synced set but still exists, so nothing is deleted.
        await updateLink(this.ctx.db, link.id, { state: 'out_of_scope' }, this.at());
        continue;
      }
      if (item && !link.seenInDelta) seen.push(link.id);
      if (!contact) {
        if (await this.ctx.db('contacts').where({ id: link.contactId }).first('id')) {
          // Reassigned out of this user's sight: not a deletion; the Outlook copy stays, unlinked.
          await deleteLink(this.ctx.db, link.id);
          linkedContacts.delete(link.contactId);
        } else if (removedInOutlook) {
          await deleteLink(this.ctx.db, link.id);
        } else if (this.settings.deletionPolicy === 'propagate') {
          deletes.push(link);
        } else if (this.settings.deletionPolicy === 'archive') {
          archives.push(link);
        } else {
          await updateLink(this.ctx.db, link.id, { state: 'detached' }, this.at());
        }
        continue;
      }
      if (removedInOutlook) {
        await this.outlookDeleted(link, contact);
        continue;
      }
      if (item && !this.inScope(item)) {
        await updateLink(this.ctx.db, link.id, { state: 'out_of_scope' }, this.at());
        continue;
      }
      const outlookNow = item ? this.outlookFields(item) : (link.outlookSeen ?? link.outlook);
      const push = await this.reconcile(link, contact, outlookNow, item?.lastModifiedDateTime ?? null, item?.changeKey ?? link.changeKey);
      if (push) pushes.push(push);
    }

    await markSeenInDelta(this.ctx.db, seen);

    // Outlook contacts without an active link: link them to their Kontora contact, or create one.
    const fresh: Record<string, any>[] = [];
    for (const item of changes.changed.values()) {
      const link = byOutlook.get(item.id);
      if (link?.state === 'active' || link?.state === 'detached') continue;
      if (!this.inScope(item)) continue;
      if (link?.state === 'out_of_scope') {
        await deleteLink(this.ctx.db, link.id);
        linkedContacts.delete(link.contactId);
      }
      fresh.push(item);
    }
    if (fresh.length) {
      const known = await this.kontoraIdsOf(fresh);
      for (const item of fresh) {
        const push = await this.adopt(item, known.get(item.id) ?? null, kontora, linkedContacts);
        if (push) pushes.push(push);
      }
    }

    // Kontora contacts never linked: create them in Outlook.
    const creations = [...kontora.values()].filter((c) => !linkedContacts.has(c.id));
    await this.createInOutlook(creations);
    await this.sendPushes(pushes);
    await this.tagWithKontoraIds();
    await this.deleteInOutlook(deletes);
    await this.archiveInOutlook(archives);

    if (this.conflicts.length) await logConflicts(this.ctx.db, this.runId, this.userId, this.conflicts, this.at());
    this.counts.conflicts = this.conflicts.length;
    await saveDeltaLink(this.ctx.db, this.userId, this.settings.folderId ?? '', changes.deltaLink, this.at());
  }

  /**
   * Compares both sides with their last-synced values field by field and
   * applies what changed: to Kontora now, to Outlook as a returned push.
   */
  private async reconcile(link: Link | null, contact: ApiRecord, outlookNow: SyncFields, outlookChangedAt: string | null, changeKey: string | null, outlookId?: string): Promise<Push | null> {
    const kontoraNow = fromKontora(contact);
    const kontoraThen = link?.kontora ?? null;
    const outlookThen = link?.outlook ?? null;
    const toOutlookFields: Partial<SyncFields> = {};
    const toKontoraFields: Partial<SyncFields> = {};
    const oid = link?.outlookId ?? outlookId ?? '';
    for (const field of SYNC_FIELDS) {
      const k = kontoraNow[field];
      const o = outlookNow[field];
      if (sameValue(field, k, o)) continue;
      // Without a last sync (a contact just matched), a side "changed" a field when it has a value.
      const kChanged = kontoraThen ? !sameValue(field, k, kontoraThen[field]) : !isEmpty(k);
      const oChanged = outlookThen ? !sameValue(field, o, outlookThen[field]) : !isEmpty(o);
      let winner: 'kontora' | 'outlook' | null = null;
      if (kChanged && !oChanged) winner = 'kontora';
      else if (oChanged && !kChanged) winner = 'outlook';
      else if (kChanged && oChanged) {
        // Newest change wins; a tie goes to Kontora, the system of record.
        const kontoraChangedAt = await this.kontoraChangedAt(contact, field);
        winner = outlookChangedAt && Date.parse(outlookChangedAt) > Date.parse(kontoraChangedAt) ? 'outlook' : 'kontora';
        this.conflicts.push({
          contactId: contact.id, outlookId: oid, field, kontoraValue: showValue(k), outlookValue: showValue(o), winner,
          kontoraChangedAt, outlookChangedAt,
        });
      }
      if (winner === 'kontora') (toOutlookFields as Record<SyncField, unknown>)[field] = k;
      else if (winner === 'outlook') (toKontoraFields as Record<SyncField, unknown>)[field] = o;
    }

    let after = contact;
    if (Object.keys(toKontoraFields).length) {
      try {
        after = await this.writeKontora(contact, toKontoraFields);
        this.counts.kontoraUpdated++;
      } catch (err) {
        const e = errorOf(err);
        this.problem(e.code, `Outlook's change could not be saved in Kontora: ${e.message}`, { contactId: contact.id, outlookId: oid });
        // Keep what Outlook said for the next run: the delta link moves on without it.
        if (link) await updateLink(this.ctx.db, link.id, { outlookSeen: outlookNow }, this.at());
        return null;
      }
    }
    const kontoraAfter = fromKontora(after);
    if (Object.keys(toOutlookFields).length) {
      if (!link) {
        // A pair just matched: link it now (as seen, not yet synced) so the push has a link to settle.
        // Kontora's snapshot starts blank, so if the push fails the next run still sends Kontora's values.
        const blank = blankFields();
        const id = await saveLink(this.ctx.db, this.userId, { contactId: contact.id, outlookId: oid, changeKey, kontora: blank, outlook: outlookNow }, this.at());
        link = { id, contactId: contact.id, outlookId: oid, changeKey, kontora: blank, outlook: outlookNow, outlookSeen: null, state: 'active', seenInDelta: true };
      }
      return { link, contact: after, body: this.outlookBody(toOutlookFields), changeKey, kontoraAfter, outlookBefore: outlookNow };
    }
    if (link) {
      // Nothing moved since the last sync: no write (a run over an unchanged mailbox writes nothing).
      const unchanged = !link.outlookSeen && link.changeKey === changeKey
        && SYNC_FIELDS.every((f) => sameValue(f, link!.kontora[f], kontoraAfter[f]) && sameValue(f, link!.outlook[f], outlookNow[f]));
      if (!unchanged) await updateLink(this.ctx.db, link.id, { kontora: kontoraAfter, outlook: outlookNow, outlookSeen: null, changeKey }, this.at());
    }
    else await saveLink(this.ctx.db, this.userId, { contactId: contact.id, outlookId: oid, changeKey, kontora: kontoraAfter, outlook: outlookNow }, this.at());
    return null;
  }

  /**
   * When a field last changed in Kontora: the newest audit entry of the
   * contact that touched it (a contact's updatedAt moves with any field,
   * which would let an unrelated later edit win every conflict).
   */
  private async kontoraChangedAt(contact: ApiRecord, field: SyncField): Promise<string> {
    const keys = KONTORA_KEYS[field];
    const rows = (await this.ctx.db('audit_log').where({ entity: 'contact', record_id: contact.id }).whereIn('action', ['create', 'update'])
      .orderBy('id', 'desc').limit(200).select('at', 'changes')) as { at: string | Date; changes: string | null }[];
    for (const row of rows) {
      const changes = row.changes ? (JSON.parse(row.changes) as Record<string, unknown>) : {};
      if (keys.some((k) => k in changes)) return new Date(row.at).toISOString();
    }
    return contact.updatedAt;
  }

  /** Writes Outlook's values to a Kontora contact through the contact service (rights, validation, audit). */
  private async writeKontora(contact: ApiRecord, fields: Partial<SyncFields>): Promise<ApiRecord> {
    const values = toKontora(fields, contact);
    if ('company' in fields) {
      const clientId = await this.clientNamed(fields.company ?? null);
      // A company that is no client of this user's leaves the contact where it is.
      if (clientId !== undefined && clientId !== contact.clientId) values.clientId = clientId;
    }
    return this.contacts.update(this.actor, contact.id, { ...values, version: contact.version });
  }

  /** The client a company name means: null for no company, undefined when no visible client has the name. */
  private async clientNamed(company: string | null): Promise<number | null | undefined> {
    if (!company) return null;
    const qb = this.ctx.db('clients').where({ name_key: nameKey(company) });
    if (!seesAll(this.actor)) qb.where('manager_id', this.actor.id);
    const rows = (await qb.limit(2).select('id')) as { id: number }[];
    return rows.length === 1 ? Number(rows[0]!.id) : undefined;
  }

  private async outlookDeleted(link: Link, contact: ApiRecord): Promise<void> {
    const policy = this.settings.deletionPolicy;
    try {
      if (policy === 'propagate') {
        await this.contacts.remove(this.actor, contact.id);
        this.counts.kontoraDeleted++;
        await deleteLink(this.ctx.db, link.id);
        return;
      }
      if (policy === 'archive') {
        const tags = [...((contact.tags as string[] | undefined) ?? []), ARCHIVE_TAG.kontora];
        await this.contacts.update(this.actor, contact.id, { tags, version: contact.version });
        this.counts.kontoraUpdated++;
      }
      await updateLink(this.ctx.db, link.id, { state: 'detached' }, this.at());
    } catch (err) {
      const e = errorOf(err);
      this.problem(e.code, `The contact was deleted in Outlook but could not be ${policy === 'propagate' ? 'deleted' : 'archived'} in Kontora: ${e.message}`, { contactId: contact.id, outlookId: link.outlookId });
    }
  }

  private emailIndex: Map<string, ApiRecord> | undefined;

  /** Visible Kontora contacts by normalised e-mail (the first contact with an address wins). */
  private byEmail(kontora: Map<number, ApiRecord>): Map<string, ApiRecord> {
    if (!this.emailIndex) {
      this.emailIndex = new Map();
      for (const c of kontora.values()) {
        for (const e of (c.emails as { address: string }[] | undefined) ?? []) if (!this.emailIndex.has(emailKey(e.address))) this.emailIndex.set(emailKey(e.address), c);
      }
    }
    return this.emailIndex;
  }

  /** The Kontora id kept on each Outlook contact (open extension), read in batches. */
  private async kontoraIdsOf(items: Record<string, any>[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const take = (outlookId: string, value: unknown) => {
      const id = Number(value);
      if (Number.isInteger(id) && id > 0) out.set(outlookId, id);
    };
    if (items.length > syncPolicy.listExtensionsAbove) {
      // Many at once (a first sync, a resync): one listing of the folder with the extension expanded,
      // a page per 100 contacts, costs far fewer calls than one per contact.
      const wanted = new Set(items.map((i) => i.id as string));
      let url: string | undefined = `${this.base}?$select=id&$top=100&$expand=extensions($filter=id eq '${EXTENSION_ID}')`;
      while (url) {
        const page: Record<string, any> = await this.graph.request('GET', url);
        for (const c of (page.value ?? []) as Record<string, any>[]) {
          if (!wanted.has(c.id)) continue;
          const ext = ((c.extensions ?? []) as Record<string, any>[]).find((e) => e.extensionName === EXTENSION_NAME || e.id === EXTENSION_ID);
          if (ext) take(c.id, ext.contactId);
        }
        url = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
      }
      return out;
    }
    const replies = await this.graph.batch(items.map((item, i) => ({
      id: String(i), method: 'GET', url: `/me/contacts/${encodeURIComponent(item.id)}/extensions/${EXTENSION_ID}`,
    })));
    for (const r of replies) {
      const item = items[Number(r.id)];
      if (item && r.status === 200) take(item.id, r.body?.contactId);
    }
    return out;
  }

  /**
   * An Outlook contact with no link: the Kontora contact it names in its
   * extension, else one with the same e-mail, else a duplicate found by
   * the duplicate check; only when there is none, a new contact.
   */
  private async adopt(item: Record<string, any>, kontoraId: number | null, kontora: Map<number, ApiRecord>, linked: Set<number>): Promise<Push | null> {
    const fields = this.outlookFields(item);
    let match: ApiRecord | undefined = kontoraId !== null && !linked.has(kontoraId) ? kontora.get(kontoraId) : undefined;
    if (!match) {
      match = fields.emails.map((e) => this.byEmail(kontora).get(emailKey(e))).find((c) => c !== undefined && !linked.has(c.id));
    }
    if (!match) {
      // The duplicate check by e-mail and phone only: a name alone never makes two contacts one, so the
      // name-similarity search (the costly part) would decide nothing here.
      const candidates = await findDuplicates(this.ctx.db, this.actor, {
        emails: fields.emails, phones: [...fields.businessPhones, ...(fields.mobilePhone ? [fields.mobilePhone] : []), ...fields.homePhones],
      });
      // A shared e-mail says "same person"; a phone only with the same name (an office's main
      // number is shared by everyone there).
      const name = nameKey(fields.name ?? [fields.firstName, fields.lastName].filter(Boolean).join(' '));
      const strong = candidates.filter((c) => c.entity === 'contact' && (c.reasons.some((r) => r.code === 'email')
        || (c.reasons.some((r) => r.code === 'phone') && name.length > 0 && nameKey(c.name) === name)));
      const mine = strong.find((c) => c.accessible && c.id !== undefined && kontora.has(c.id));
      if (mine && !linked.has(mine.id!)) match = kontora.get(mine.id!);
      else if (strong.length) {
        const other = mine ?? strong[0]!;
        this.problem('duplicate_contact', mine
          ? `"${fields.name ?? ''}" in Outlook looks like ${other.name}, who is already linked to another Outlook contact; it was not created again.`
          : `"${fields.name ?? ''}" in Outlook looks like ${other.name} (${other.managerName}'s contact); it was not created as a duplicate.`, { outlookId: item.id });
        return null;
      }
    }
    if (match) {
      linked.add(match.id);
      this.counts.linked++;
      // Tagged after the pushes: adding the extension changes the contact's changeKey, which the push's If-Match carries.
      if (kontoraId !== match.id) this.toTag.push({ outlookId: item.id, contactId: match.id });
      return this.reconcile(null, match, fields, item.lastModifiedDateTime ?? null, item.changeKey ?? null, item.id);
    }
    try {
      const values = toKontora(fields, null);
      if (!values.name) values.name = fields.emails[0] ?? fields.company ?? '';
      const clientId = await this.clientNamed(fields.company);
      if (clientId) values.clientId = clientId;
      const created = await this.contacts.create(this.actor, values);
      this.counts.kontoraCreated++;
      linked.add(created.id);
      await saveLink(this.ctx.db, this.userId, { contactId: created.id, outlookId: item.id, changeKey: item.changeKey ?? null, kontora: fromKontora(created), outlook: fields }, this.at());
      this.toTag.push({ outlookId: item.id, contactId: created.id });
    } catch (err) {
      const e = errorOf(err);
      this.problem(e.code, `"${fields.name ?? item.id}" could not be created in Kontora: ${e.message}`, { outlookId: item.id });
    }
    return null;
  }

  /** Keeps the Kontora id on Outlook contacts Kontora did not create, so a resync finds the pairs again. */
  private async tagWithKontoraIds(): Promise<void> {
    const list = this.toTag;
    if (!list.length) return;
    const body = (contactId: number) => ({ '@odata.type': 'microsoft.graph.openTypeExtension', extensionName: EXTENSION_NAME, contactId });
    const replies = await this.graph.batch(list.map((x, i) => ({
      id: String(i), method: 'POST', url: `/me/contacts/${encodeURIComponent(x.outlookId)}/extensions`,
      headers: { 'Content-Type': 'application/json' }, body: body(x.contactId),
    })));
    // 409: the contact already carries one (a pair matched again after a lost link): point it at this contact.
    const again = replies.filter((r) => r.status === 409).map((r) => list[Number(r.id)]!);
    const patched = again.length ? await this.graph.batch(again.map((x, i) => ({
      id: String(i), method: 'PATCH', url: `/me/contacts/${encodeURIComponent(x.outlookId)}/extensions/${EXTENSION_ID}`,
      headers: { 'Content-Type': 'application/json' }, body: body(x.contactId),
    }))) : [];
    const failed = [
      ...replies.filter((r) => r.status >= 300 && r.status !== 409).map((r) => ({ r, x: list[Number(r.id)]! })),
      ...patched.filter((r) => r.status >= 300).map((r) => ({ r, x: again[Number(r.id)]! })),
    ];
    for (const { r, x } of failed) {
      this.problem(graphCode(r.status), `The Kontora id could not be kept on the Outlook contact: ${graphMessage(r)}`, { contactId: x.contactId, outlookId: x.outlookId });
    }
  }

  private async createInOutlook(contacts: ApiRecord[]): Promise<void> {
    if (!contacts.length) return;
    const replies = await this.graph.batch(contacts.map((c, i) => ({
      id: String(i), method: 'POST', url: this.base, headers: { 'Content-Type': 'application/json' },
      body: {
        ...this.outlookBody(fromKontora(c)),
        extensions: [{ '@odata.type': 'microsoft.graph.openTypeExtension', extensionName: EXTENSION_NAME, contactId: c.id }],
      },
    })));
    const made: LinkWrite[] = [];
    for (const r of replies) {
      const contact = contacts[Number(r.id)]!;
      if (r.status !== 201 || typeof r.body?.id !== 'string') {
        this.problem(graphCode(r.status), `"${String(contact.name)}" could not be created in Outlook: ${graphMessage(r)}`, { contactId: contact.id });
        continue;
      }
      this.counts.outlookCreated++;
      made.push({
        contactId: contact.id, outlookId: r.body.id, changeKey: r.body.changeKey ?? null, kontora: fromKontora(contact), outlook: this.outlookFields(r.body),
        seenInDelta: false,
      });
    }
    await saveLinks(this.ctx.db, this.userId, made, this.at());
  }

  private async sendPushes(pushes: Push[]): Promise<void> {
    if (!pushes.length) return;
    const replies = await this.graph.batch(pushes.map((p, i) => ({
      id: String(i), method: 'PATCH', url: `/me/contacts/${encodeURIComponent(p.link?.outlookId ?? '')}`,
      // If Outlook changed the contact since it was read, the PATCH is refused and the next run sees both changes.
      headers: { 'Content-Type': 'application/json', ...(p.changeKey ? { 'If-Match': `W/"${p.changeKey}"` } : {}) },
      body: p.body,
    })));
    for (const r of replies) {
      const p = pushes[Number(r.id)]!;
      const link = p.link!;
      if (r.status !== 200) {
        this.problem(graphCode(r.status), `The change to "${String(p.contact.name)}" could not be saved in Outlook: ${graphMessage(r)}`, { contactId: p.contact.id, outlookId: link.outlookId });
        // Kontora's side stays unsynced (its snapshot is not moved), so the next run tries again.
        await updateLink(this.ctx.db, link.id, { outlookSeen: p.outlookBefore }, this.at());
        continue;
      }
      this.counts.outlookUpdated++;
      await updateLink(this.ctx.db, link.id, {
        kontora: p.kontoraAfter, outlook: this.outlookFields(r.body), outlookSeen: null, changeKey: r.body?.changeKey ?? null,
      }, this.at());
    }
  }

  private async deleteInOutlook(links: Link[]): Promise<void> {
    if (!links.length) return;
    const replies = await this.graph.batch(links.map((l, i) => ({ id: String(i), method: 'DELETE', url: `/me/contacts/${encodeURIComponent(l.outlookId)}` })));
    for (const r of replies) {
      const link = links[Number(r.id)]!;
      if (r.status === 204 || r.status === 200 || r.status === 404) {
        if (r.status !== 404) this.counts.outlookDeleted++;
        await deleteLink(this.ctx.db, link.id);
      } else {
        this.problem(graphCode(r.status), `The contact deleted in Kontora could not be deleted in Outlook: ${graphMessage(r)}`, { contactId: link.contactId, outlookId: link.outlookId });
      }
    }
  }

  private async archiveInOutlook(links: Link[]): Promise<void> {
    if (!links.length) return;
    const replies = await this.graph.batch(links.map((l, i) => ({
      id: String(i), method: 'PATCH', url: `/me/contacts/${encodeURIComponent(l.outlookId)}`, headers: { 'Content-Type': 'application/json' },
      body: this.outlookBody({ categories: [...(l.outlookSeen ?? l.outlook).categories, ARCHIVE_TAG.outlook] }),
    })));
    for (const r of replies) {
      const link = links[Number(r.id)]!;
      if (r.status === 200 || r.status === 404) {
        if (r.status === 200) this.counts.outlookUpdated++;
        await updateLink(this.ctx.db, link.id, { state: 'detached' }, this.at());
      } else {
        this.problem(graphCode(r.status), `The contact deleted in Kontora could not be marked in Outlook: ${graphMessage(r)}`, { contactId: link.contactId, outlookId: link.outlookId });
      }
    }
  }
}

/** The contact's API fields each synced field comes from (for its audit entries). */
const KONTORA_KEYS: Record<SyncField, string[]> = {
  name: ['name'], firstName: ['firstName'], middleName: ['middleName'], lastName: ['lastName'], company: ['clientId', 'clientName'],
  jobTitle: ['jobTitle'], department: ['department'], emails: ['emails'], businessPhones: ['phones'], mobilePhone: ['phones'],
  homePhones: ['phones'], address: ['address'], birthday: ['birthday'], categories: ['tags'], notes: ['notes'],
};

function blankFields(): SyncFields {
  return fromOutlook({});
}

function graphCode(status: number): string {
  if (status === 412) return 'graph_changed';
  if (status === 429) return 'graph_throttled';
  if (status >= 500) return 'graph_unavailable';
  return 'graph_failed';
}

function graphMessage(r: { status: number; body: any }): string {
  const code = r.body?.error?.code;
  const message = r.body?.error?.message;
  return `${r.status}${code ? ` ${String(code)}` : ''}${message ? `: ${String(message).slice(0, 200)}` : ''}`;
}

