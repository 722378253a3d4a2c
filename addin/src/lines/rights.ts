import type { User } from '../auth/session.js';

type Resource = 'contracts' | 'invoices' | 'payments' | 'clients';
type Action = 'read' | 'create' | 'edit' | 'delete';

/** What each role may do when the session did not say (older servers). Mirrors server/access/rights.ts. */
const FALLBACK: Record<User['role'], Record<Resource, Action[]>> = {
  admin: { contracts: ['read', 'create', 'edit', 'delete'], invoices: ['read', 'create', 'edit', 'delete'], payments: ['read', 'create', 'edit', 'delete'], clients: ['read', 'create', 'edit', 'delete'] },
  manager: { contracts: ['read', 'create', 'edit', 'delete'], invoices: ['read', 'create', 'edit', 'delete'], payments: ['read', 'create', 'edit', 'delete'], clients: ['read', 'create', 'edit', 'delete'] },
  accountant: { contracts: ['read', 'edit'], invoices: ['read', 'create', 'edit', 'delete'], payments: ['read', 'create', 'edit', 'delete'], clients: ['read', 'edit'] },
  viewer: { contracts: ['read'], invoices: ['read'], payments: ['read'], clients: ['read'] },
};

/**
 * Whether the signed-in user's role allows an action, so screens hide
 * what would only be refused. The server checks every request anyway.
 */
export function can(user: User, resource: Resource, action: Action): boolean {
  const granted = user.permissions?.[resource] ?? FALLBACK[user.role]?.[resource] ?? [];
  return granted.includes(action);
}
