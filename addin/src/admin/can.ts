import { useUser, type User } from '../auth/session.js';

export type Resource = 'catalog' | 'companies' | 'users' | 'fields' | 'clients';
export type Action = 'read' | 'create' | 'edit' | 'delete' | 'export';

/**
 * Whether the signed-in user's role may do something. The session answer
 * carries the server's own permission table, so the screens hide exactly
 * the actions the server would refuse (it stays the judge).
 */
export function can(user: User, resource: Resource, action: Action): boolean {
  const permissions = (user as User & { permissions?: Record<string, string[]> }).permissions;
  if (permissions) return permissions[resource]?.includes(action) ?? false;
  return user.role === 'admin';
}

export function useCan(): (resource: Resource, action: Action) => boolean {
  const user = useUser();
  return (resource, action) => can(user, resource, action);
}
