import assert from 'node:assert/strict';
import fs from 'node:fs';
import { en } from '../src/i18n/en/index.js';
import { ru } from '../src/i18n/ru/index.js';

const placeholders = (text: string) => text.match(/\{\w+\}/g)?.sort() ?? [];
const areaFiles = fs.readdirSync(new URL('../src/i18n/en/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

/** Every screen's strings, area by area: a Russian user never meets an English string or a bare key. */
describe('Screen strings in English and Russian', function () {
  for (const file of areaFiles) {
    it(`${file}: every string is registered and translated into Russian with the same placeholders`, async function () {
      const enArea = (await import(`../src/i18n/en/${file.replace(/\.ts$/, '.js')}`)) as Record<string, Record<string, string>>;
      const ruArea = (await import(`../src/i18n/ru/${file.replace(/\.ts$/, '.js')}`)) as Record<string, Record<string, string>>;
      for (const [name, strings] of Object.entries(enArea)) {
        assert.ok(ruArea[name], `ru/${file} lacks ${name}`);
        for (const [key, text] of Object.entries(strings)) {
          const translated: string | undefined = ruArea[name]![key];
          assert.ok(translated, `ru lacks ${key}`);
          assert.deepEqual(placeholders(translated), placeholders(text), `${key} placeholders differ`);
          assert.equal((en as Record<string, string>)[key], text, `${key} is registered in en`);
          assert.equal((ru as Record<string, string>)[key], translated, `${key} is registered in ru`);
        }
      }
    });
  }
});
