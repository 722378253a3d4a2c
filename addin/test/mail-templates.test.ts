import assert from 'node:assert/strict';
import { en } from '../src/i18n/en/index.js';
import { mailTemplates as enStrings } from '../src/i18n/en/mailTemplates.js';
import { mailTemplates as ruStrings } from '../src/i18n/ru/mailTemplates.js';
import { ru } from '../src/i18n/ru/index.js';

describe('E-mail templates screens', () => {
  it('has every string in Russian too, with the same placeholders, and both are registered', () => {
    for (const [key, text] of Object.entries(enStrings)) {
      const translated = (ruStrings as Record<string, string>)[key];
      assert.ok(translated, `ru lacks ${key}`);
      assert.deepEqual(translated.match(/\{\w+\}/g)?.sort() ?? [], text.match(/\{\w+\}/g)?.sort() ?? [], key);
      assert.ok(key in en, `${key} is registered in en`);
      assert.equal((ru as Record<string, string>)[key], translated, `${key} is registered in ru`);
    }
  });
});
