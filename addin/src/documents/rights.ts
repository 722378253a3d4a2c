import type { User } from '../auth/session.js';

type Action = 'read' | 'create' | 'edit' | 'delete';

/**
 * Whether the user may manage print templates. Admins and accountants may
 * (server/access/rights.ts); the session's permissions are the judge when
 * the server sent them.
 */
export function canTemplates(user: User, action: Action): boolean {
  const granted = user.permissions?.templates;
  if (granted) return granted.includes(action);
  return action === 'read' || user.role === 'admin' || user.role === 'accountant';
}
