import type { FieldMeta } from './meta.js';

/**
 * How a filter the user set becomes list query parameters. Filters are kept
 * as `{ key: value }` (and `key.from` / `key.to` for ranges) and turned into
 * the API's `field[op]=value` form here only.
 */
export function filterParams(fields: FieldMeta[], filters: Record<string, string>): Record<string, string> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (value === '') continue;
    const [key = '', part] = name.split('.');
    const f = byKey.get(key);
    if (!f) {
      out[name] = value;
      continue;
    }
    if (part === 'from') out[`${key}[gte]`] = value;
    else if (part === 'to') out[`${key}[lte]`] = value;
    else if (['text', 'long_text', 'email', 'phone', 'url'].includes(f.type)) out[`${key}[contains]`] = value;
    else if (f.type === 'many_of') out[`${key}[has]`] = value;
    // Tags are filtered one at a time through the entity's `tag` filter.
    else if (f.type === 'tags') out.tag = value;
    else out[key] = value;
  }
  return out;
}

/** The kind of filter input a field gets. */
export function filterKind(f: FieldMeta): 'choice' | 'link' | 'text' | 'range' | 'boolean' | 'tags' | null {
  switch (f.type) {
    case 'one_of':
    case 'many_of':
      return 'choice';
    case 'link':
      return 'link';
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
      return 'text';
    case 'number':
    case 'money':
    case 'date':
    case 'datetime':
      return 'range';
    case 'boolean':
      return 'boolean';
    case 'tags':
      return 'tags';
    default:
      return null;
  }
}
