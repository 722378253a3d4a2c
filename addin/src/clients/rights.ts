import type { User } from '../auth/session.js';

export type Action = 'read' | 'create' | 'edit' | 'delete' | 'export';

/**
 * The server's role table, for resources a server of an older build leaves
 * out of the session's `permissions`. The server stays the judge; this only
 * decides which buttons a user is shown.
 */
const ALL: Action[] = ['read', 'create', 'edit', 'delete', 'export'];
const FALLBACK: Record<User['role'], Record<string, Action[]>> = {
  admin: { clients: ALL, contacts: ALL, contracts: ALL, invoices: ALL, payments: ALL, events: ALL, audit: ['read', 'export'] },
  manager: { clients: ALL, contacts: ALL, contracts: ALL, invoices: ALL, payments: ALL, events: ALL, audit: ['read'] },
  accountant: {
    clients: ['read', 'edit', 'export'], contacts: ['read', 'export'], contracts: ['read', 'edit', 'export'], invoices: ALL, payments: ALL,
    events: ['read', 'create', 'edit', 'export'], audit: ['read'],
  },
  viewer: { clients: ['read'], contacts: ['read'], contracts: ['read'], invoices: ['read'], payments: ['read'], events: ['read'], audit: ['read'] },
};

/** Whether the signed-in user's role allows an action, as the session reports it. */
export function can(user: User, resource: string, action: Action): boolean {
  const permissions = user.permissions;
  const granted = permissions?.[resource] ?? FALLBACK[user.role]?.[resource] ?? [];
  return granted.includes(action);
}
