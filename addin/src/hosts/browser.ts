import type { BrowserHost } from './host.js';

/** The app in a normal browser tab: no Office-specific actions. */
export function browserHost(): BrowserHost {
  return { kind: 'browser' };
}
