import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

/** A field as GET /fields describes it: built-in or custom, the same shape. */
export interface FieldMeta {
  id: number;
  version: number;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: {
    choices?: { key: string; label: string }[];
    decimals?: number;
    currency?: string;
    currencyField?: string;
    entity?: string;
    maxLength?: number;
  };
  required: boolean;
  position: number;
  hidden: boolean;
  archived: boolean;
  custom: boolean;
  readOnly: boolean;
}

export type RecordData = Record<string, unknown> & { id: number; version: number };

/** The API path of each entity. */
export const ENTITY_PATHS: Record<string, string> = {
  user: 'users', company: 'companies', 'client-category': 'client-categories', client: 'clients', contact: 'contacts',
  'price-type': 'price-types', 'product-category': 'product-categories', product: 'products', contract: 'contracts',
  invoice: 'invoices', payment: 'payments', event: 'events', task: 'tasks',
};

/** Entities whose list accepts `?q=` (quick search inside the list). */
export const SEARCHABLE = new Set(['client', 'contact', 'contract', 'invoice', 'product']);

/** Structured values edited by their own widgets; not list columns or filters. */
export const STRUCTURED = new Set(['phones', 'emails', 'messengers', 'lines', 'prices']);

/** Types the server can sort by. */
export function isSortable(f: FieldMeta): boolean {
  return !STRUCTURED.has(f.type) && f.type !== 'tags' && f.type !== 'many_of' && f.type !== 'long_text';
}

const cache = new Map<string, Promise<FieldMeta[]>>();

/** All fields of an entity, in their order (archived ones left out). Cached until invalidated. */
export function loadFields(entity: string): Promise<FieldMeta[]> {
  let p = cache.get(entity);
  if (!p) {
    p = api
      .get<{ items: FieldMeta[] }>('/fields', { entity, limit: 500 })
      .then((r) => r.items.filter((f) => !f.archived).sort((a, b) => a.position - b.position));
    p.catch(() => cache.delete(entity));
    cache.set(entity, p);
  }
  return p;
}

/** Forget cached fields (after the administrator changes custom fields). */
export function invalidateFields(entity?: string): void {
  if (entity) cache.delete(entity);
  else cache.clear();
}

export function useFields(entity: string): FieldMeta[] | undefined {
  const [fields, setFields] = useState<FieldMeta[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadFields(entity).then((f) => live && setFields(f), () => live && setFields([]));
    return () => {
      live = false;
    };
  }, [entity]);
  return fields;
}

/** The name the list API sends beside a link (managerId → managerName). */
export function linkNameKey(key: string): string {
  return key.endsWith('Id') ? key.slice(0, -2) + 'Name' : key + 'Name';
}
