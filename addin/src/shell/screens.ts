import type { ComponentType } from 'react';
import type { StringKey } from '../i18n/strings.js';
import type { HostKind } from '../hosts/host.js';

/**
 * A screen reachable by a hash path. `pattern` segments starting with ":"
 * are parameters (e.g. "clients/:id"). Areas export their screens from
 * their own folder; shell/registry.ts lists the areas.
 */
export interface Screen {
  pattern: string;
  component: ComponentType<{ params: Record<string, string> }>;
}

/** A navigation entry. */
export interface NavItem {
  path: string;
  label: StringKey;
  /** Shown only to these roles (default: everyone). */
  roles?: ('admin' | 'manager' | 'accountant' | 'viewer')[];
  /** Shown only in these Office hosts (default: everywhere). */
  hosts?: HostKind[];
  /** Icon name from the shell's icon map. */
  icon: 'home' | 'clients' | 'contacts' | 'contracts' | 'invoices' | 'payments' | 'catalog' | 'company' | 'admin' | 'tasks' | 'calendar' | 'word' | 'templates' | 'import' | 'excel' | 'outlook';
}

export function matchScreen(screens: Screen[], parts: string[]): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of screens) {
    const pattern = screen.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    pattern.forEach((seg, i) => {
      const part = parts[i]!;
      if (seg.startsWith(':')) params[seg.slice(1)] = part;
      else if (seg !== part) ok = false;
    });
    if (ok) return { screen, params };
  }
  return null;
}
