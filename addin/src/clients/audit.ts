import { t } from '../i18n/strings.js';
import { formatValue } from '../records/format.js';
import { linkNameKey, type FieldMeta } from '../records/meta.js';

/** One entry of GET /<resource>/:id/audit. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  action: string;
  changes: Record<string, { old: unknown; new: unknown }>;
}

export interface AuditChange {
  key: string;
  label: string;
  old: string;
  new: string;
}

/** Values the server records beside the fields (summaries, totals), not changes a person made. */
const DERIVED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'contacts', 'balance', 'recentDocuments']);

function raw(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * An audit entry's changes as "label: old → new" rows, using the fields'
 * labels and formats. A link's change shows the names recorded beside the
 * ids (managerName for managerId), and those names are not repeated as
 * changes of their own. Fields removed since keep their key as the label.
 */
export function describeChanges(entry: AuditEntry, fields: FieldMeta[]): AuditChange[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const names = new Set(fields.filter((f) => f.type === 'link').map((f) => linkNameKey(f.key)));
  const out: AuditChange[] = [];
  for (const [key, change] of Object.entries(entry.changes ?? {})) {
    if (DERIVED.has(key) || names.has(key)) continue;
    const field = byKey.get(key);
    const nameChange = field?.type === 'link' ? entry.changes[linkNameKey(key)] : undefined;
    const show = (value: unknown, name: unknown): string => {
      if (!field) return raw(value);
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '';
      return formatValue(field, { [key]: value, [linkNameKey(key)]: name });
    };
    const before = show(change?.old, nameChange?.old);
    const after = show(change?.new, nameChange?.new);
    if (before === after) continue;
    out.push({ key, label: field?.label ?? key, old: before, new: after });
  }
  return out;
}

/** The action of an entry in words. */
export function actionLabel(action: string): string {
  switch (action) {
    case 'create':
      return t('clients.audit.create');
    case 'update':
      return t('clients.audit.update');
    case 'delete':
      return t('clients.audit.delete');
    case 'merge':
      return t('clients.audit.merge');
    default:
      return action;
  }
}
