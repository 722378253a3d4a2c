import { api } from '../api/client.js';
import { ENTITY_PATHS, linkNameKey, type FieldMeta, type RecordData } from './meta.js';
import { recordLabel } from './RecordPicker.js';

/** Names already looked up, per entity and id, for the life of the page. */
const known = new Map<string, Map<number, string>>();

/**
 * Fills `<key>Name` beside link columns the list API sends only as ids
 * (a contract's clientId, an invoice's contractId), so lists show names
 * instead of "#82". One request per linked entity per page, and ids seen
 * before are not asked for again.
 */
export async function fillLinkNames(fields: FieldMeta[], items: RecordData[], signal?: AbortSignal): Promise<RecordData[]> {
  const links = fields.filter((f) => f.type === 'link' && f.options.entity && ENTITY_PATHS[f.options.entity] && items.some((r) => typeof r[f.key] === 'number' && !(linkNameKey(f.key) in r)));
  if (!links.length) return items;
  await Promise.all(
    links.map(async (f) => {
      const entity = f.options.entity!;
      const names = known.get(entity) ?? new Map<number, string>();
      known.set(entity, names);
      const missing = [...new Set(items.map((r) => r[f.key]).filter((v): v is number => typeof v === 'number' && !names.has(v)))].slice(0, 100);
      if (!missing.length) return;
      try {
        const page = await api.get<{ items: Record<string, unknown>[] }>(`/${ENTITY_PATHS[entity]}`, { 'id[in]': missing.join(','), limit: 100 }, signal);
        for (const r of page.items) names.set(Number(r.id), recordLabel(r));
      } catch (err) {
        // Names are a convenience: without the right to read the linked entity the list still shows ids.
        if ((err as Error).name === 'AbortError') throw err;
      }
    }),
  );
  return items.map((r) => {
    const out: RecordData = { ...r };
    for (const f of links) {
      const id = r[f.key];
      if (typeof id === 'number' && !(linkNameKey(f.key) in r)) out[linkNameKey(f.key)] = known.get(f.options.entity!)?.get(id) ?? null;
    }
    return out;
  });
}
