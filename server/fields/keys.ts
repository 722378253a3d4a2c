import { FIELD_KEY, RESERVED_KEYS } from './types.js';

/**
 * Keys derived from labels. A key is what integrations, filters, import
 * mappings and templates refer to, so it is plain ASCII camelCase and never
 * changes after the field is created, whatever its label becomes.
 */

// Cyrillic (Russian, Ukrainian, Belarusian) in the common passport-style
// romanisation; a Russian office typing "Дата договора" gets "dataDogovora".
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi',
  й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

// Latin letters that Unicode does not decompose into a base letter + accent.
const LATIN: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŋ: 'ng',
};

/** Lower-case ASCII words of a label: transliterated, accents folded. */
function asciiWords(label: string): string[] {
  const lower = label.toLowerCase();
  let out = '';
  for (const ch of lower) out += CYRILLIC[ch] ?? LATIN[ch] ?? ch;
  return out
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** "Дата договора" → "dataDogovora", "Größe (cm)" → "grosseCm"; '' if nothing is left. */
function camelKey(label: string): string {
  const words = asciiWords(label);
  if (!words.length) return '';
  let key = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  // Keys start with a letter (they are JSON properties and filter names).
  if (!/^[a-z]/.test(key)) key = 'field' + key[0]!.toUpperCase() + key.slice(1);
  return key.slice(0, 40);
}

/**
 * A key for a new field: the label's camelCase form, made unique by a
 * number when taken, or field<N> when the label has no usable letters.
 * `taken` holds lower-cased keys, so two keys never differ only by case.
 */
export function deriveKey(label: string, taken: Set<string>): string {
  const free = (key: string) => FIELD_KEY.test(key) && !RESERVED_KEYS.has(key) && !taken.has(key.toLowerCase());
  const base = camelKey(label);
  if (base) {
    if (free(base)) return base;
    for (let n = 2; n < 10_000; n++) {
      const suffix = String(n);
      const candidate = base.slice(0, 40 - suffix.length) + suffix;
      if (free(candidate)) return candidate;
    }
  }
  for (let n = 1; ; n++) {
    if (free(`field${n}`)) return `field${n}`;
  }
}

export const CHOICE_KEY = /^[a-z0-9_]{1,40}$/;

/** A choice key from its label: "Очень важно" → "ochen_vazhno". */
export function deriveChoiceKey(label: string, taken: Set<string>, index: number): string {
  const base = asciiWords(label).join('_').slice(0, 40).replace(/_+$/, '') || `choice_${index + 1}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, 40 - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
