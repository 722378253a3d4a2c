/**
 * Merge-field text for the template syntax in docs/documents.md, and the
 * field tree the server sends (GET /templates/fields) turned into what the
 * pane lists. Pure functions: the pane and the tests share them.
 */
export interface FieldNode {
  key: string;
  label: string;
  type: string;
  custom?: boolean;
  children?: FieldNode[];
}

export interface Formatter {
  name: string;
  description: string;
  example: string;
}

/** A field as the pane shows it: where it sits and what to write for it. */
export interface FieldEntry {
  /** Full dotted path, unique in the tree: "client.name", "lines.price". */
  id: string;
  /** What the tag names: relative to its loop inside one ("price" in {#lines}…{/lines}). */
  path: string;
  label: string;
  /** Labels of the parents, outermost first ("Client", "Lines"). */
  trail: string[];
  type: string;
  custom: boolean;
  /** The loop the field must stand inside, or null. */
  loop: string | null;
  children: FieldEntry[];
}

/** The server's tree as entries; a key listed twice at one level is shown once. */
export function toEntries(nodes: FieldNode[], parent: { id: string; path: string; trail: string[]; loop: string | null } = { id: '', path: '', trail: [], loop: null }): FieldEntry[] {
  const seen = new Set<string>();
  const out: FieldEntry[] = [];
  for (const n of nodes) {
    if (seen.has(n.key)) continue;
    seen.add(n.key);
    const id = parent.id ? `${parent.id}.${n.key}` : n.key;
    const path = parent.path ? `${parent.path}.${n.key}` : n.key;
    const isLoop = n.type === 'list';
    // A link prints the linked record's number, not its name (the related record's own branch has the name).
    const label = n.type === 'link' ? `${n.label} (ID)` : n.label;
    const entry: FieldEntry = { id, path, label, trail: parent.trail, type: n.type, custom: n.custom === true, loop: parent.loop, children: [] };
    // Inside a loop the fields are named from the loop's item: {#lines}{price}{/lines}.
    entry.children = toEntries(n.children ?? [], { id, path: isLoop ? '' : path, trail: [...parent.trail, n.label], loop: isLoop ? id : parent.loop });
    out.push(entry);
  }
  return out;
}

/** Every entry whose label, path or parent labels contain the text (case-insensitive), in tree order. */
export function filterEntries(entries: FieldEntry[], text: string): FieldEntry[] {
  const needle = text.trim().toLowerCase();
  const out: FieldEntry[] = [];
  const walk = (list: FieldEntry[]) => {
    for (const e of list) {
      const hay = [e.label, e.id, ...e.trail].join(' ').toLowerCase();
      if (!needle || needle.split(/\s+/).every((w) => hay.includes(w))) out.push(e);
      walk(e.children);
    }
  };
  walk(entries);
  return out;
}

/** The formatter a field of this type usually wants (money as 1,250.50, dates per the template's language). */
export function defaultFormatter(type: string): string {
  if (type === 'money') return 'money';
  if (type === 'date') return 'date';
  if (type === 'phones' || type === 'emails' || type === 'tags' || type === 'messengers') return 'join';
  return '';
}

/** Formatters that make sense for a field type ("" = none). */
export function formattersFor(type: string, all: Formatter[]): Formatter[] {
  const text = ['upper', 'lower', 'capitalize', 'default'];
  const allowed: Record<string, string[]> = {
    money: ['money', 'currency', 'words', 'number', 'default'],
    number: ['number', 'qty', 'percent', 'words', 'default'],
    date: ['date', 'default'],
    datetime: ['date', 'default'],
    boolean: ['yesno'],
    phones: ['join'], emails: ['join'], tags: ['join'], messengers: ['join'],
    image: ['size'],
  };
  const names = allowed[type] ?? text;
  return all.filter((f) => names.includes(f.name));
}

/** `{client.name}`, `{total | money}`, `{%company.logo}` for an image. */
export function fieldTag(entry: Pick<FieldEntry, 'path' | 'type'>, formatter = ''): string {
  const image = entry.type === 'image';
  const pipe = formatter ? ` | ${formatter}` : '';
  return `{${image ? '%' : ''}${entry.path}${pipe}}`;
}

/** A loop over a list: `{#lines}` … `{/lines}`; in a table row, the start in its first cell and the end in its last repeat the row. */
export function loopTags(entry: Pick<FieldEntry, 'path'>): { start: string; end: string } {
  return { start: `{#${entry.path}}`, end: `{/${entry.path}}` };
}

/** A section shown only when the field has a value (`{#x}…{/x}`) or only when it has none (`{^x}…{/x}`). */
export function sectionTags(entry: Pick<FieldEntry, 'path'>, when: 'filled' | 'empty'): { start: string; end: string } {
  return { start: `{${when === 'filled' ? '#' : '^'}${entry.path}}`, end: `{/${entry.path}}` };
}
