import { en, type StringKey } from './en/index.js';
import { ru } from './ru/index.js';

export type { StringKey };

const dictionaries: Record<string, Partial<Record<StringKey, string>>> = { en, ru };

function pickLanguage(): string {
  const fromStorage = (() => {
    try {
      return localStorage.getItem('kontora.lang');
    } catch {
      return null;
    }
  })();
  const wanted = fromStorage ?? globalThis.navigator?.language ?? 'en';
  const short = wanted.slice(0, 2).toLowerCase();
  return short in dictionaries ? short : 'en';
}

let language = typeof window === 'undefined' ? 'en' : pickLanguage();

export function currentLanguage(): string {
  return language;
}

export function setLanguage(lang: string): void {
  language = lang in dictionaries ? lang : 'en';
  try {
    localStorage.setItem('kontora.lang', language);
  } catch {
    // Not persisted; the choice lasts for this page.
  }
}

/** The string for a key in the current language, with {name} placeholders filled. */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[language]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}
