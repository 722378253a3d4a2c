import { screens } from '../shell/registry.js';
import { matchScreen } from '../shell/screens.js';

/**
 * Whether the app has a screen at a path ("/events/new"). Buttons leading
 * to screens other areas add (new invoice, new event) are shown only once
 * those screens exist. Read at render time, after every module has loaded.
 */
export function hasScreen(path: string): boolean {
  return matchScreen(screens, path.split('?')[0]!.split('/').filter(Boolean)) !== null;
}
