import { createContext, useContext } from 'react';
import type { Host } from './host.js';

export const HostContext = createContext<Host>({ kind: 'browser' });

/** The Office host the app runs in ('browser' outside Office). */
export function useHost(): Host {
  return useContext(HostContext);
}
