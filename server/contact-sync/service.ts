import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { toCount } from '../db/connect.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { connectedMailboxes, graphClientFor } from '../graph/client.js';
import { runContactSync, type RunResult } from './engine.js';
import { deletionPolicies, readSettings, runJson, type RunJson, type SyncSettings } from './store.js';

/** What the contact-sync routes do: settings, status, runs, conflicts (every call about the caller's own mailbox). */

export const settingsBody = z.strictObject({
  folderId: z.string().trim().min(1).max(300).nullable().optional(),
  category: z.string().trim().min(1).max(255).nullable().optional(),
  deletionPolicy: z.enum(deletionPolicies, { error: `Use one of: ${deletionPolicies.join(', ')}.` }).optional(),
  version: z.number({ error: 'Give the settings version you read (0 before the first save).' }).int().min(0).max(2_147_483_647),
});

const pageQuery = z.object({
  limit: z.coerce.number({ error: 'Use a whole number from 1 to 200.' }).int().min(1).max(200).default(50),
  offset: z.coerce.number({ error: 'Use a whole number from 0.' }).int().min(0).max(2_147_483_647).default(0),
});

export interface SyncStatus {
  mailbox: { address: string } | null;
  settings: SyncSettings;
  running: boolean;
  lastRun: RunJson | null;
  runs: RunJson[];
  linked: number;
  conflicts: number;
}

export interface ConflictJson {
  id: number;
  runId: number;
  contactId: number;
  contactName: string | null;
  outlookId: string;
  field: string;
  kontoraValue: string | null;
  outlookValue: string | null;
  winner: 'kontora' | 'outlook';
  kontoraChangedAt: string | null;
  outlookChangedAt: string | null;
  at: string;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export function contactSyncService(ctx: AppContext) {
  /** A folder id must name a contact folder of the user's mailbox (checked when one is connected). */
  async function assertFolder(userId: number, folderId: string): Promise<void> {
    if (!(await connectedMailboxes(ctx)).some((m) => m.userId === userId)) return;
    const graph = await graphClientFor(ctx, userId);
    try {
      await graph.request('GET', `/me/contactFolders/${encodeURIComponent(folderId)}?$select=id`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'graph_failed') {
        throw fieldError('folderId', 'invalid_value', 'Your mailbox has no contact folder with this id; choose one from the list.');
      }
      throw err;
    }
  }

  return {
    async status(actor: Actor): Promise<SyncStatus> {
      assertCan(actor, 'contacts', 'read');
      const mailbox = (await connectedMailboxes(ctx)).find((m) => m.userId === actor.id);
      const runs = ((await ctx.db('contact_sync_runs').where({ user_id: actor.id }).orderBy('id', 'desc').limit(10)) as Record<string, any>[]).map(runJson);
      const linked = toCount((await ctx.db('contact_sync_links').where({ user_id: actor.id, state: 'active' }).count({ n: '*' }).first()) as Record<string, unknown> | undefined);
      const conflicts = toCount((await ctx.db('contact_sync_conflicts').where({ user_id: actor.id }).count({ n: '*' }).first()) as Record<string, unknown> | undefined);
      const running = Boolean(await ctx.db('contact_sync_locks').where({ user_id: actor.id }).where('expires_at', '>', nowIso(ctx)).first('user_id'));
      return {
        mailbox: mailbox ? { address: mailbox.address } : null, settings: await readSettings(ctx.db, actor.id),
        running, lastRun: runs[0] ?? null, runs, linked, conflicts,
      };
    },

    async saveSettings(actor: Actor, body: unknown): Promise<SyncSettings> {
      assertCan(actor, 'contacts', 'edit');
      const input = parseOrThrow(settingsBody, body);
      if (input.folderId) await assertFolder(actor.id, input.folderId);
      return ctx.db.transaction(async (trx) => {
        const current = await readSettings(trx, actor.id);
        if (input.version !== current.version) {
          throw new AppError('version_conflict', 'The sync settings were changed meanwhile. Reload them and apply your change again.', { extra: { current } });
        }
        const next = {
          folder_id: input.folderId === undefined ? current.folderId : input.folderId,
          category: input.category === undefined ? current.category : input.category,
          deletion_policy: input.deletionPolicy ?? current.deletionPolicy,
        };
        if (next.folder_id !== current.folderId || next.category !== current.category) {
          // Another folder or category is another set of Outlook contacts: start over
          // (the next run matches by the Kontora id and e-mail, so nothing is duplicated),
          // rather than read contacts missing from the new set as deleted.
          await trx('contact_sync_links').where({ user_id: actor.id }).delete();
          await trx('contact_sync_delta').where({ user_id: actor.id }).delete();
        }
        const row = { ...next, version: current.version + 1, updated_at: nowIso(ctx) };
        if (current.version === 0) {
          try {
            await trx('contact_sync_settings').insert({ user_id: actor.id, ...row });
          } catch (err) {
            // Two first saves at once: the second finds the row the first made.
            const e = err as { code?: string };
            if (e?.code === '23505' || e?.code?.startsWith('SQLITE_CONSTRAINT')) throw new AppError('version_conflict', 'The sync settings were changed meanwhile. Reload them and apply your change again.');
            throw err;
          }
        } else if ((await trx('contact_sync_settings').where({ user_id: actor.id, version: current.version }).update(row)) !== 1) {
          throw new AppError('version_conflict', 'The sync settings were changed meanwhile. Reload them and apply your change again.');
        }
        return readSettings(trx, actor.id);
      });
    },

    async run(actor: Actor): Promise<RunResult & { run: RunJson }> {
      assertCan(actor, 'contacts', 'edit');
      const result = await runContactSync(ctx, actor.id, 'manual');
      const run = runJson((await ctx.db('contact_sync_runs').where({ id: result.runId }).first()) as Record<string, any>);
      return { ...result, run };
    },

    async conflicts(actor: Actor, query: unknown): Promise<{ items: ConflictJson[]; total: number; limit: number; offset: number }> {
      assertCan(actor, 'contacts', 'read');
      const { limit, offset } = parseOrThrow(pageQuery, query, 'The paging parameters are invalid.');
      const base = ctx.db('contact_sync_conflicts').where('contact_sync_conflicts.user_id', actor.id);
      const total = toCount((await base.clone().count({ n: '*' }).first()) as Record<string, unknown> | undefined);
      const rows = (await base.clone().leftJoin('contacts', 'contacts.id', 'contact_sync_conflicts.contact_id')
        .select('contact_sync_conflicts.*', 'contacts.name as contact_name')
        .orderBy('contact_sync_conflicts.id', 'desc').limit(limit).offset(offset)) as Record<string, any>[];
      return {
        items: rows.map((r) => ({
          id: Number(r.id), runId: Number(r.run_id), contactId: Number(r.contact_id), contactName: r.contact_name ?? null, outlookId: r.outlook_id,
          field: r.field, kontoraValue: r.kontora_value ?? null, outlookValue: r.outlook_value ?? null, winner: r.winner,
          kontoraChangedAt: iso(r.kontora_changed_at), outlookChangedAt: iso(r.outlook_changed_at), at: iso(r.at)!,
        })),
        total, limit, offset,
      };
    },

    /** The mailbox's contact folders, for choosing one in the settings (none without a mailbox: the status says why). */
    async folders(actor: Actor): Promise<{ items: { id: string; name: string }[] }> {
      assertCan(actor, 'contacts', 'read');
      if (!(await connectedMailboxes(ctx)).some((m) => m.userId === actor.id)) return { items: [] };
      const graph = await graphClientFor(ctx, actor.id);
      const items: { id: string; name: string }[] = [];
      let url: string | undefined = '/me/contactFolders?$top=100';
      while (url) {
        const page: Record<string, any> = await graph.request('GET', url);
        for (const f of (page.value ?? []) as Record<string, any>[]) if (typeof f?.id === 'string') items.push({ id: f.id, name: String(f.displayName ?? '') });
        url = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
      }
      return { items };
    },
  };
}
