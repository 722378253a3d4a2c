/**
 * The print forms shipped in templates/*.docx are loaded into the
 * database on start, once each: a form the user replaced keeps the
 * user's versions, and one the user deleted does not come back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowIso, type AppContext } from '../context.js';
import type { RecordType } from '../documents/relations.js';
import { addVersion, insertTemplate, setDefault, findTemplate } from './store.js';

const SHIPPED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** The shipped forms: file name, title and record type. The first of a type is its default. */
export const shippedForms: { name: string; title: string; recordType: RecordType }[] = [
  { name: 'contract', title: 'Contract', recordType: 'contract' },
  { name: 'offer', title: 'Commercial offer', recordType: 'contract' },
  { name: 'invoice', title: 'Invoice for payment', recordType: 'invoice' },
  { name: 'tax-invoice', title: 'Tax invoice', recordType: 'invoice' },
  { name: 'act', title: 'Act of completed work / delivery note', recordType: 'invoice' },
  { name: 'letter', title: 'Letter to a client', recordType: 'client' },
];

export async function loadShippedTemplates(ctx: AppContext): Promise<string[]> {
  const loaded: string[] = [];
  const done = new Set(((await ctx.db('template_shipments').select('name')) as { name: string }[]).map((r) => r.name));
  for (const form of shippedForms) {
    if (done.has(form.name)) continue;
    const file = path.join(SHIPPED_DIR, `${form.name}.docx`);
    if (!fs.existsSync(file)) continue;
    const content = fs.readFileSync(file);
    const at = nowIso(ctx);
    await ctx.db.transaction(async (trx) => {
      // Another instance starting at the same time may have loaded it.
      const inserted = (await trx('template_shipments').insert({ name: form.name, loaded_at: at }).onConflict('name').ignore().returning('name')) as unknown[];
      if (!inserted.length) return;
      if (await trx('templates').where({ name: form.name }).first('id')) return;
      const id = await insertTemplate(trx, { ...form, locale: 'en', shipped: true }, at);
      await addVersion(trx, id, content, { comment: 'Shipped with Kontora', createdBy: null }, at);
      if (!(await trx('templates').where({ record_type: form.recordType, is_default: true }).first('id'))) await setDefault(trx, (await findTemplate(trx, id))!, at);
      loaded.push(form.name);
    });
  }
  return loaded;
}
