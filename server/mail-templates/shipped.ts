/**
 * The e-mail templates shipped in templates/email/*.html are loaded into
 * the database on start, once each, as the Word forms are: one the user
 * changed keeps the user's text, and one the user deleted does not come
 * back. The subject is the file's <title>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowIso, type AppContext } from '../context.js';
import { MailTemplateService } from './service.js';

const SHIPPED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates', 'email');

/** File name, template name and whether the price list goes with it. */
export const shippedMailTemplates: { file: string; name: string; priceList: boolean }[] = [
  { file: 'promotion', name: 'Promotion with price list', priceList: true },
  { file: 'renewal-reminder', name: 'Renewal reminder', priceList: false },
  { file: 'newsletter', name: 'Newsletter', priceList: false },
];

const unescapeTitle = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export async function loadShippedMailTemplates(ctx: AppContext): Promise<string[]> {
  const loaded: string[] = [];
  const done = new Set(((await ctx.db('mail_template_shipments').select('name')) as { name: string }[]).map((r) => r.name));
  const service = new MailTemplateService(ctx);
  for (const shipped of shippedMailTemplates) {
    if (done.has(shipped.file)) continue;
    const file = path.join(SHIPPED_DIR, `${shipped.file}.html`);
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const subject = unescapeTitle(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? shipped.name);
    const at = nowIso(ctx);
    await ctx.db.transaction(async (trx) => {
      // Another instance starting at the same time may have loaded it.
      const inserted = (await trx('mail_template_shipments').insert({ name: shipped.file, loaded_at: at }).onConflict('name').ignore().returning('name')) as unknown[];
      if (!inserted.length) return;
      if (await trx('mail_templates').where({ name: shipped.name }).first('id')) return;
      const id = await service.insert(null, { name: shipped.name, subject, html, text: null, locale: 'en', shipped: true }, trx);
      if (shipped.priceList) {
        await trx('mail_template_attachments').insert({ template_id: id, position: 1, kind: 'price_list', file_name: 'price-list.xlsx', document_template_id: null, format: null, created_at: at });
      }
      loaded.push(shipped.name);
    });
  }
  return loaded;
}
