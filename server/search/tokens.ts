import { phoneDigits } from '../channels/normalize.js';

/**
 * The words of a text as the search index keeps them: lower case, accents
 * removed, split on anything that is not a letter or digit. The same
 * function builds the index and reads queries, on SQLite and PostgreSQL.
 */
export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 60);
}

/**
 * Tokens of a phone number: every tail of its digits from 6 digits up, so
 * the number is found by how it was typed in full ("+7 495 123-45-67"),
 * without a country or trunk prefix ("495 1234567") or as the local number
 * ("123-45-67"), and by any beginning of those (the query is a prefix).
 */
export function phoneTokens(number: string): string[] {
  const digits = phoneDigits(number);
  if (digits.length < 3) return [];
  const out = [digits];
  for (let length = digits.length - 1; length >= 6; length--) out.push(digits.slice(-length));
  return out;
}

/** A query that looks like a phone number or other long digit string. */
export function digitQuery(q: string): string | null {
  if (!/^[+\d\s().\-/]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

export function joinTerms(parts: (string | null | undefined)[]): string {
  const seen = new Set<string>();
  for (const part of parts) for (const w of words(part)) seen.add(w);
  return [...seen].join(' ');
}
