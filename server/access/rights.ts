import { AppError } from '../errors/app-error.js';

export const roles = ['admin', 'manager', 'accountant', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const scopes = ['own', 'all'] as const;
/** own: only records of clients the user manages; all: every record. */
export type Scope = (typeof scopes)[number];

export type Action = 'read' | 'create' | 'edit' | 'delete' | 'export';
/** What rights are granted on. Client-linked resources are also limited by scope. */
export type Resource =
  | 'clients' | 'contacts' | 'contracts' | 'invoices' | 'payments'
  | 'catalog' | 'companies' | 'users' | 'fields' | 'audit' | 'events' | 'tasks'
  /** Word print forms (documents are issued with the right to read their record). */
  | 'templates'
  /** Mail-merge: e-mail templates and mailings (one resource so the two screens never disagree). */
  | 'mail'
  /** The Microsoft 365 app registration (tenant, client id, secret); each user connects their own mailbox without it. */
  | 'microsoft';

/** The signed-in user as the rest of the server sees them. */
export interface Actor {
  id: number;
  login: string;
  name: string;
  role: Role;
  scope: Scope;
}

const ALL: Action[] = ['read', 'create', 'edit', 'delete', 'export'];
const READ: Action[] = ['read'];

const matrix: Record<Role, Partial<Record<Resource, Action[]>>> = {
  admin: {
    clients: ALL, contacts: ALL, contracts: ALL, invoices: ALL, payments: ALL,
    catalog: ALL, companies: ALL, users: ALL, fields: ALL, audit: ['read', 'export'], events: ALL, tasks: ALL, templates: ALL,
    mail: ALL,
    microsoft: ['read', 'edit'],
  },
  manager: {
    clients: ALL, contacts: ALL, contracts: ALL, invoices: ALL, payments: ALL,
    catalog: ['read', 'export'], companies: READ, users: READ, fields: READ, audit: READ, events: ALL, tasks: ALL, templates: READ,
    mail: ALL,
  },
  accountant: {
    clients: ['read', 'edit', 'export'], contacts: ['read', 'export'], contracts: ['read', 'edit', 'export'],
    invoices: ALL, payments: ALL, catalog: ['read', 'create', 'edit', 'export'], companies: ['read', 'edit'],
    users: READ, fields: READ, audit: READ, events: ['read', 'create', 'edit', 'export'], tasks: ALL,
    templates: ['read', 'create', 'edit', 'delete'],
    mail: READ,
  },
  viewer: {
    clients: READ, contacts: READ, contracts: READ, invoices: READ, payments: READ,
    catalog: READ, companies: READ, users: READ, fields: READ, audit: READ, events: READ, tasks: READ, templates: READ,
    mail: READ,
  },
};

export function can(actor: Actor, resource: Resource, action: Action): boolean {
  return matrix[actor.role]?.[resource]?.includes(action) ?? false;
}

export function assertCan(actor: Actor, resource: Resource, action: Action): void {
  if (!can(actor, resource, action)) {
    throw new AppError('forbidden', `Your role (${actor.role}) may not ${action} ${resource}.`);
  }
}

/** Admins always see everything; others as their scope says. */
export function seesAll(actor: Actor): boolean {
  return actor.role === 'admin' || actor.scope === 'all';
}

/** The permission table, for GET /users/me and the docs. */
export function permissionsOf(role: Role): Partial<Record<Resource, Action[]>> {
  return matrix[role];
}
