import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

export interface EventResult {
  key: string;
  label: string;
}

export interface EventType {
  id: number;
  version: number;
  key: string;
  label: string;
  results: EventResult[];
  position: number;
  archived: boolean;
}

let cache: Promise<EventType[]> | null = null;

/** Every event type, archived ones included (old events still name them). Cached until changed. */
export function loadEventTypes(): Promise<EventType[]> {
  if (!cache) {
    cache = api.get<{ items: EventType[] }>('/event-types').then((r) => r.items);
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export function invalidateEventTypes(): void {
  cache = null;
}

/** The event types, or undefined while loading; an Error when they could not be loaded. */
export function useEventTypes(): EventType[] | Error | undefined {
  const [types, setTypes] = useState<EventType[] | Error | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadEventTypes().then((x) => live && setTypes(x), (err: Error) => live && setTypes(err));
    return () => {
      live = false;
    };
  }, []);
  return types;
}

/** A type's label ("Call"), or its key when the type is unknown. */
export function typeLabel(types: EventType[] | Error | undefined, key: string): string {
  return (Array.isArray(types) ? types.find((x) => x.key === key)?.label : undefined) ?? key;
}

export function resultLabel(types: EventType[] | Error | undefined, type: string, result: string | null | undefined): string {
  if (!result) return '';
  return (Array.isArray(types) ? types.find((x) => x.key === type)?.results.find((r) => r.key === result)?.label : undefined) ?? result;
}
