import { seesAll, type Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import type { Conn, Tx } from '../db/connect.js';
import { nameKey } from '../duplicates/names.js';
import { productCategoryService } from '../product-categories/service.js';
import type { RecordService } from '../records/service.js';
import { normalise } from './convert.js';

/**
 * Names in a file → ids: client categories and product category paths
 * ("Tools / Hand tools", created when missing), managers by login or name,
 * a contact's client by tax id or name. Each distinct text is looked up
 * once per job.
 */
export class Lookups {
  private readonly cache = new Map<string, number | null>();
  private categories?: RecordService;

  constructor(private readonly ctx: AppContext, private readonly actor: Actor) {}

  private async cached(key: string, find: () => Promise<number | null>): Promise<number | null> {
    if (this.cache.has(key)) return this.cache.get(key)!;
    const id = await find();
    this.cache.set(key, id);
    return id;
  }

  clientCategory(trx: Conn, name: string): Promise<number | null> {
    return this.cached(`cc:${normalise(name)}`, async () => {
      const rows = (await trx('client_categories').select('id', 'name')) as { id: number; name: string }[];
      const hit = rows.find((r) => normalise(r.name) === normalise(name));
      return hit ? Number(hit.id) : null;
    });
  }

  manager(trx: Conn, text: string): Promise<number | null> {
    return this.cached(`m:${normalise(text)}`, async () => {
      const rows = (await trx('users').where({ active: true }).select('id', 'login', 'name')) as { id: number; login: string; name: string }[];
      const n = normalise(text);
      const hit = rows.find((r) => r.login.toLowerCase() === text.trim().toLowerCase()) ?? rows.find((r) => normalise(r.name) === n);
      return hit ? Number(hit.id) : null;
    });
  }

  /** A contact's client: by tax id, else by name, among the clients the user can see. */
  client(trx: Conn, text: string): Promise<number | null> {
    return this.cached(`c:${text.trim().toLowerCase()}`, async () => {
      const scoped = () => {
        const qb = trx('clients');
        if (!seesAll(this.actor)) qb.where('manager_id', this.actor.id);
        return qb;
      };
      const compact = text.replace(/\s+/g, '');
      const byTax = (await scoped().where('tax_id', compact).orderBy('id').first('id')) as { id: number } | undefined;
      if (byTax) return Number(byTax.id);
      const key = nameKey(text);
      if (!key) return null;
      const byName = (await scoped().where('name_key', key).orderBy('id').first('id')) as { id: number } | undefined;
      return byName ? Number(byName.id) : null;
    });
  }

  /** A product category path, each level found by name under its parent or created. */
  async productCategory(trx: Tx, path: string): Promise<number | null> {
    const parts = path.split(/\s*(?:\/|>|\\|»)\s*/).map((p) => p.trim()).filter(Boolean).slice(0, 10);
    let parent: number | null = null;
    for (const [depth, part] of parts.entries()) {
      const key = `pc:${parts.slice(0, depth + 1).map(normalise).join('/')}`;
      const parentId: number | null = parent;
      parent = await this.cached(key, async () => {
        const siblings = (await trx('product_categories').where('parent_id', parentId === null ? null : parentId).select('id', 'name')) as { id: number; name: string }[];
        const hit = siblings.find((s) => normalise(s.name) === normalise(part));
        if (hit) return Number(hit.id);
        this.categories ??= productCategoryService(this.ctx);
        const created = await this.categories.createIn(trx, this.actor, { name: part.slice(0, 200), ...(parentId !== null ? { parentId } : {}) });
        return created.id;
      });
    }
    return parent;
  }

  /** Forget ids created in a transaction that rolled back. */
  forgetCreated(): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith('pc:')) this.cache.delete(key);
  }
}
