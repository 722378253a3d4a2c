import { useUser, type User } from './session.js';

export type Action = 'read' | 'create' | 'edit' | 'delete' | 'export';

/**
 * Whether to offer an action. Every session answer carries the server's
 * own permission table (server/access/rights.ts), so the screens hide
 * exactly what the server would refuse; the server stays the judge. There
 * is deliberately no copy of the role table here: copies drifted apart.
 */
export function can(user: User, resource: string, action: Action): boolean {
  return user.permissions[resource]?.includes(action) ?? false;
}

export function useCan(): (resource: string, action: Action) => boolean {
  const user = useUser();
  return (resource, action) => can(user, resource, action);
}

/** Users who may look at every user's tasks and calendar (the server's "all" scope). */
export function seesAll(user: User): boolean {
  return user.role === 'admin' || user.scope === 'all';
}
