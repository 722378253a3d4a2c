import type { AppContext } from '../context.js';

/** Placeholder replaced by the demo data module. */
export async function seedDemo(_ctx: AppContext, _options: { onlyIfEmpty: boolean }): Promise<Record<string, number> | null> {
  return null;
}
