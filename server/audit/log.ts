import type { Actor } from '../access/rights.js';
import type { Conn } from '../db/connect.js';
import type { EntityName } from '../fields/types.js';

export type AuditAction = 'create' | 'update' | 'delete' | string;
export type Changes = Record<string, { old: unknown; new: unknown }>;

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'id']);

/** The fields whose API values differ between two versions of a record. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const oldValue = before?.[key] ?? null;
    const newValue = after?.[key] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes[key] = { old: oldValue, new: newValue };
  }
  return changes;
}

/**
 * Writes one audit entry in the caller's transaction, so a change and its
 * record in the log commit or roll back together. Nothing is written when
 * an update changed nothing.
 */
export async function audit(
  conn: Conn,
  entry: {
    actor: Actor | null;
    // 'field': changes to field metadata, recorded under the field's id.
    entity: EntityName | 'field' | 'mail_template';
    recordId: number;
    action: AuditAction;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    at: string;
    changes?: Changes;
  },
): Promise<void> {
  const changes = entry.changes ?? diff(entry.before, entry.after);
  if (entry.action === 'update' && Object.keys(changes).length === 0) return;
  await conn('audit_log').insert({
    at: entry.at,
    user_id: entry.actor?.id ?? null,
    entity: entry.entity,
    record_id: entry.recordId,
    action: entry.action,
    changes: JSON.stringify(changes),
  });
}
