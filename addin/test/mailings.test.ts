import assert from 'node:assert/strict';
import { en } from '../src/i18n/en/index.js';
import { mailings as enStrings } from '../src/i18n/en/mailings.js';
import { mailings as ruStrings } from '../src/i18n/ru/mailings.js';
import { ru } from '../src/i18n/ru/index.js';
import { filterText, parseFilter } from '../src/mailings/api.js';

describe('Mailings screens', () => {
  it('has every string in Russian too, with the same placeholders, and both are registered', () => {
    for (const [key, text] of Object.entries(enStrings)) {
      const translated = (ruStrings as Record<string, string>)[key];
      assert.ok(translated, `ru lacks ${key}`);
      assert.deepEqual(translated.match(/\{\w+\}/g)?.sort() ?? [], text.match(/\{\w+\}/g)?.sort() ?? [], key);
      assert.ok(key in en, `${key} is registered in en`);
      assert.equal((ru as Record<string, string>)[key], translated, `${key} is registered in ru`);
    }
  });

  it('reads a recipient filter written as the list address writes it, and refuses a repeated parameter', () => {
    assert.deepEqual(parseFilter(''), {});
    assert.deepEqual(parseFilter('?tag=spring&name%5BstartsWith%5D=A%26B'), { tag: 'spring', 'name[startsWith]': 'A&B' });
    assert.deepEqual(parseFilter('city=Riga&city=Tallinn'), null);
    assert.equal(filterText({ tag: 'spring', 'name[startsWith]': 'A&B' }), 'tag=spring&name%5BstartsWith%5D=A%26B');
  });
});
