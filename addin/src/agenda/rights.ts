import type { User } from '../auth/session.js';

type Resource = 'events' | 'tasks' | 'fields' | 'users' | 'clients';
type Action = 'read' | 'create' | 'edit' | 'delete';

const ALL: Action[] = ['read', 'create', 'edit', 'delete'];
/** The server's role table (server/access/rights.ts), for sessions that do not list permissions. */
const FALLBACK: Record<User['role'], Record<Resource, Action[]>> = {
  admin: { events: ALL, tasks: ALL, fields: ALL, users: ALL, clients: ALL },
  manager: { events: ALL, tasks: ALL, fields: ['read'], users: ['read'], clients: ALL },
  accountant: { events: ['read', 'create', 'edit'], tasks: ALL, fields: ['read'], users: ['read'], clients: ['read', 'edit'] },
  viewer: { events: ['read'], tasks: ['read'], fields: ['read'], users: ['read'], clients: ['read'] },
};

/** Whether to offer an action; the server checks every request anyway. */
export function may(user: User, resource: Resource, action: Action): boolean {
  const granted = user.permissions?.[resource] ?? FALLBACK[user.role]?.[resource] ?? [];
  return granted.includes(action);
}

/** Users who may look at every user's tasks and calendar (as the server's "sees all"). */
export function seesAll(user: User): boolean {
  return user.role === 'admin' || user.scope === 'all';
}
