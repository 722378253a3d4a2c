import type { ListPage } from '../api/client.js';
import { formatDecimal } from '../records/format.js';

/** The count shown beside a list's title; large bases are counted up to a cap ("1,000+"). */
export function countText(page: Pick<ListPage<unknown>, 'total' | 'totalExact'>): string {
  return formatDecimal(page.total) + (page.totalExact ? '' : '+');
}
