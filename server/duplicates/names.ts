import { words } from '../search/tokens.js';

/**
 * Legal forms and filler words that say nothing about who a company is:
 * "ACME Ltd", "Acme Limited" and "ООО «Акме»" are the same name to a human.
 */
const NOISE = new Set([
  'the', 'llc', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'plc', 'llp', 'lp',
  'gmbh', 'ag', 'kg', 'ug', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'sp', 'zoo',
  'ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'нко', 'тоо', 'чп', 'ooo', 'oao', 'zao', 'pao', 'ip',
]);

/** The comparable core of a name: lower case, no punctuation or legal forms. */
export function nameKey(name: string): string {
  const all = words(name);
  const core = all.filter((w) => !NOISE.has(w));
  return (core.length ? core : all).join(' ');
}

function bigrams(text: string): Map<string, number> {
  const s = ` ${text} `;
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Sørensen–Dice similarity of two name keys (0–1) over character bigrams,
 * with the word order ignored, so "Ivan Petrov" and "Petrov Ivan" match
 * and a typo costs little.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = a.split(' ').sort().join(' ');
  const y = b.split(' ').sort().join(' ');
  if (!x || !y) return 0;
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of gx) {
    overlap += Math.min(n, gy.get(g) ?? 0);
    total += n;
  }
  for (const n of gy.values()) total += n;
  return (2 * overlap) / total;
}

export const SIMILAR_NAME = 0.8;
