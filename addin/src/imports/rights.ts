import type { User } from '../auth/session.js';
import { can } from '../auth/can.js';
import type { Target } from './api.js';

/** The resource whose rights an import of a target needs (as the server checks). */
export const RESOURCE: Record<Target, string> = { clients: 'clients', contacts: 'contacts', products: 'catalog' };

/** Importing needs `create`; updating duplicates or reviewing them also `edit`; undo needs `delete`. */
export function mayImport(user: User, target: Target, action: 'create' | 'edit' | 'delete' = 'create'): boolean {
  return can(user, RESOURCE[target], action);
}
