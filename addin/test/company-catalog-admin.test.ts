import assert from 'node:assert/strict';
import { customFieldTypes } from '../../server/fields/types.js';
import { linkTargets } from '../../server/fields/options.js';
import { imageTypes } from '../../server/files/sniff.js';
import { formatNumber, formatProblem } from '../../server/numbering/format.js';
import { PASSWORD_MIN as SERVER_PASSWORD_MIN } from '../../server/users/password.js';
import { CUSTOM_TYPES, LINK_TARGETS, entityName, typeName } from '../src/admin/fieldTypes.js';
import { PASSWORD_MIN, generatePassword, passwordProblem } from '../src/admin/password.js';
import { categoryPath, findCategory, flatten, subtreeIds, type CategoryNode } from '../src/catalog/tree.js';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, imageProblem } from '../src/company/images.js';
import { formatDocumentNumber, numberFormatProblem } from '../src/company/numbering.js';
import { admin as enAdmin } from '../src/i18n/en/admin.js';

describe('Our company: numbering formats previewed as the server will number', function () {
  const formats = [
    'INV-{YYYY}-{N:5}', 'C-{YY}{MM}/{N}', '{N}', '{N:10}', 'A{N:1}B', 'INV-{YYYY}', '{N}{N}', '{N:11}', '{N:0}', 'X-{Q}-{N}', 'INV-{YYYY-{N}',
    'ab', 'N-{n}', '{YYYY}{MM}{N:3}', `tab\t{N}`, 'x'.repeat(99) + '{N}',
  ];
  for (const format of formats) {
    it(`agrees with the server on ${JSON.stringify(format.length > 30 ? format.slice(0, 30) + '…' : format)}`, function () {
      const server = formatProblem(format);
      const client = numberFormatProblem(format);
      assert.equal(client === null, server === null, `server says ${server ?? 'valid'}, the preview says ${client ?? 'valid'}`);
      if (server === null) assert.equal(formatDocumentNumber(format, 42, '2026-03-09'), formatNumber(format, 42, '2026-03-09'));
    });
  }
  it('shows the padded number, year and month', function () {
    assert.equal(formatDocumentNumber('INV-{YYYY}-{N:5}', 42, '2026-03-09'), 'INV-2026-00042');
    assert.equal(formatDocumentNumber('{YY}{MM}-{N}', 7, '2026-11-27'), '2611-7');
  });
});

describe('Our company: images refused before upload as the server would', function () {
  it('accepts exactly the server\'s image types', function () {
    assert.deepEqual([...IMAGE_TYPES].sort(), [...imageTypes].sort());
  });
  it('refuses other types, empty files and files over 5 MB with a message', function () {
    assert.equal(imageProblem({ type: 'image/png', size: 1000 }), null);
    assert.equal(imageProblem({ type: 'image/png', size: MAX_IMAGE_BYTES }), null);
    assert.match(imageProblem({ type: 'image/svg+xml', size: 1000 }) ?? '', /PNG, JPEG, GIF or WebP/);
    assert.match(imageProblem({ type: '', size: 1000 }) ?? '', /PNG/);
    assert.match(imageProblem({ type: 'image/jpeg', size: MAX_IMAGE_BYTES + 1 }) ?? '', /5 MB/);
    assert.match(imageProblem({ type: 'image/gif', size: 0 }) ?? '', /empty/);
  });
});

describe('Catalog: category tree', function () {
  const node = (id: number, name: string, parentId: number | null, children: CategoryNode[] = []): CategoryNode => ({
    id, name, parentId, position: 0, productCount: 0, totalProductCount: 0, children,
  });
  const tree = [node(1, 'Office', null, [node(2, 'Paper', 1, [node(4, 'A4', 2)]), node(3, 'Pens', 1)]), node(5, 'Furniture', null)];

  it('lists categories in display order with their depth', function () {
    assert.deepEqual(flatten(tree).map((f) => `${f.depth}:${f.node.name}`), ['0:Office', '1:Paper', '2:A4', '1:Pens', '0:Furniture']);
  });
  it('never offers a category or its own subcategories as where to move it', function () {
    assert.deepEqual([...subtreeIds(findCategory(tree, 2)!)].sort(), [2, 4]);
    assert.deepEqual([...subtreeIds(findCategory(tree, 5)!)], [5]);
  });
  it('names a category by its path from the top', function () {
    assert.deepEqual(categoryPath(tree, 4), ['Office', 'Paper', 'A4']);
    assert.deepEqual(categoryPath(tree, 99), []);
    assert.equal(findCategory(tree, 99), null);
  });
});

describe('Administration: users and fields', function () {
  it('generates passwords the server accepts, different each time, without look-alike characters', function () {
    assert.equal(PASSWORD_MIN, SERVER_PASSWORD_MIN);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      assert.equal(passwordProblem(p), null);
      assert.doesNotMatch(p, /[0O1lI]/);
      seen.add(p);
    }
    assert.equal(seen.size, 500);
  });
  it('checks a typed password\'s length as the server does', function () {
    assert.equal(passwordProblem('x'.repeat(SERVER_PASSWORD_MIN - 1)), 'short');
    assert.equal(passwordProblem('x'.repeat(SERVER_PASSWORD_MIN)), null);
    assert.equal(passwordProblem('x'.repeat(201)), 'long');
  });
  it('offers every custom field type and link target the server has, each with a name and a hint', function () {
    assert.deepEqual([...CUSTOM_TYPES], [...customFieldTypes]);
    assert.deepEqual([...LINK_TARGETS].sort(), Object.keys(linkTargets).sort());
    for (const type of CUSTOM_TYPES) {
      assert.notEqual(typeName(type), type, `no name for ${type}`);
      assert.ok(`admin.typeHint.${type}` in enAdmin, `no hint for ${type}`);
    }
    for (const e of LINK_TARGETS) assert.notEqual(entityName(e), e);
    assert.equal(typeName('something_new'), 'something_new');
  });
});
