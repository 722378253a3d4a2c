import assert from 'node:assert/strict';
import { filterText, parseFilter } from '../src/mailings/api.js';

describe('Mailings screens', () => {
  it('reads a recipient filter written as the list address writes it, and refuses a repeated parameter', () => {
    assert.deepEqual(parseFilter(''), {});
    assert.deepEqual(parseFilter('?tag=spring&name%5BstartsWith%5D=A%26B'), { tag: 'spring', 'name[startsWith]': 'A&B' });
    assert.deepEqual(parseFilter('city=Riga&city=Tallinn'), null);
    assert.equal(filterText({ tag: 'spring', 'name[startsWith]': 'A&B' }), 'tag=spring&name%5BstartsWith%5D=A%26B');
  });
});
