import { addDays, addMonths, daysBetween } from '../dates.js';

export interface Term {
  startDate: string;
  endDate: string;
}

/**
 * The term of a contract's renewal: it starts the day after the contract
 * ends and lasts as long. A term of whole months (1 Jan – 31 Dec, 15 Mar –
 * 14 Jun) is renewed in months, so a year stays a year across leap years
 * and month lengths; any other term is renewed in days.
 */
export function renewalTerm(current: Term): Term {
  const startDate = addDays(current.endDate, 1);
  const months = wholeMonths(current.startDate, startDate);
  const endDate = months ? addDays(addMonths(startDate, months), -1) : addDays(startDate, daysBetween(current.startDate, current.endDate));
  return { startDate, endDate };
}

/** n when `to` is `from` plus n whole months (n ≥ 1), else 0. */
function wholeMonths(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm);
  return months >= 1 && addMonths(from, months) === to ? months : 0;
}
