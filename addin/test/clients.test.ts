import assert from 'node:assert/strict';
import { api, ApiError } from '../src/api/client.js';
import type { User } from '../src/auth/session.js';
import { describeChanges, type AuditEntry } from '../src/clients/audit.js';
import { hiddenForKind } from '../src/clients/clientSections.js';
import { countText } from '../src/clients/count.js';
import { decimalSign } from '../src/clients/decimal.js';
import { duplicateDraft } from '../src/clients/duplicates.js';
import { validId } from '../src/clients/ids.js';
import { requisiteLines } from '../src/clients/requisites.js';
import { can } from '../src/auth/can.js';
import { hiddenForContact } from '../src/contacts/contactSections.js';
import type { FieldMeta } from '../src/records/meta.js';
import { setLanguage } from '../src/i18n/strings.js';

let nextId = 1;
function field(key: string, label: string, type = 'text', options: FieldMeta['options'] = {}): FieldMeta {
  return { id: nextId++, version: 1, entity: 'client', key, label, type, options, required: false, position: nextId, hidden: false, archived: false, custom: false, readOnly: false };
}

const clientFields: FieldMeta[] = [
  field('kind', 'Kind', 'one_of', { choices: [{ key: 'legal', label: 'Legal entity' }, { key: 'individual', label: 'Individual' }] }),
  field('name', 'Name'), field('legalName', 'Full legal name'), field('taxId', 'Tax ID'), field('registrationNumber', 'Registration number'),
  field('legalAddress', 'Legal address'), field('bankName', 'Bank'), field('bankAccount', 'Bank account'), field('directorName', 'Director'),
  field('directorTitle', "Director's title"), field('firstName', 'First name'), field('lastName', 'Last name'), field('middleName', 'Middle name'),
  field('birthday', 'Birthday', 'date'), field('registrationAddress', 'Registration address'),
  field('managerId', 'Manager', 'link', { entity: 'user' }), field('tags', 'Tags', 'tags'), field('phones', 'Phones', 'phones'),
  field('creditLimit', 'Credit limit', 'money', { currency: 'EUR' }),
];

describe('Client screens: duplicate check draft', function () {
  it('asks nothing until something worth comparing is typed', function () {
    assert.equal(duplicateDraft({}), null);
    assert.equal(duplicateDraft({ name: 'A', taxId: '12', emails: [{ type: 'work', address: '' }], phones: [{ type: 'work', number: '  ' }] }), null);
  });

  it('sends the typed names, tax id, e-mails and phones, trimmed, leaving out empty rows', function () {
    const draft = duplicateDraft({
      kind: 'legal', name: '  Cedar Law ', legalName: 'Cedar Law AB', taxId: ' 4620 ', city: 'Riga',
      emails: [{ type: 'work', address: 'info@cedar.example' }, { type: 'work', address: '' }],
      phones: [{ type: 'mobile', number: '+371 2299 7675' }],
    });
    assert.deepEqual(draft, { name: 'Cedar Law', legalName: 'Cedar Law AB', taxId: '4620', emails: ['info@cedar.example'], phones: ['+371 2299 7675'] });
  });

  it('leaves out fields that do not apply and names the record being edited', function () {
    const draft = duplicateDraft({ name: 'Anna Berg', legalName: 'Old Co', taxId: '123456' }, { skip: new Set(['legalName', 'taxId']), excludeId: 7 });
    assert.deepEqual(draft, { name: 'Anna Berg', excludeId: 7 });
  });

  it('keeps within the limits the server accepts', function () {
    const draft = duplicateDraft({ name: 'x'.repeat(900), emails: Array.from({ length: 30 }, (_, i) => ({ address: `p${i}@example.com` })) });
    assert.equal(draft?.name?.length, 500);
    assert.equal(draft?.emails?.length, 20);
  });
});

describe('Client screens: fields by kind', function () {
  it('hides bank details and the director from individuals and name parts and birthday from legal entities', function () {
    const f = (key: string) => ({ key });
    assert.equal(hiddenForKind(f('bankAccount'), { kind: 'individual' }), true);
    assert.equal(hiddenForKind(f('directorName'), { kind: 'individual' }), true);
    assert.equal(hiddenForKind(f('birthday'), { kind: 'individual' }), false);
    assert.equal(hiddenForKind(f('birthday'), { kind: 'legal' }), true);
    assert.equal(hiddenForKind(f('lastName'), {}), true, 'a new client starts as a legal entity');
    assert.equal(hiddenForKind(f('taxId'), { kind: 'individual' }), false, 'a person may have a tax id too');
    assert.equal(hiddenForKind(f('phones'), { kind: 'legal' }), false);
  });

  it("asks a contact's manager only when it has no client, and 'primary' only when it has one", function () {
    assert.equal(hiddenForContact({ key: 'managerId' }, { clientId: 3 }), true);
    assert.equal(hiddenForContact({ key: 'managerId' }, { clientId: null }), false);
    assert.equal(hiddenForContact({ key: 'isPrimary' }, {}), true);
    assert.equal(hiddenForContact({ key: 'isPrimary' }, { clientId: 3 }), false);
  });
});

describe('Client screens: requisites for Word', function () {
  it("lists a legal entity's filled requisites under their labels, the director under their title", function () {
    const lines = requisiteLines({
      kind: 'legal', name: 'Cedar', legalName: 'Cedar Law Office AB', taxId: '46209403950', legalAddress: 'Station Road 113, Vilnius',
      bankName: 'Baltic Commerce Bank', bankAccount: null, directorName: 'Viktor Dubois', directorTitle: 'CEO', birthday: '1980-01-02',
    }, clientFields);
    assert.deepEqual(lines, ['Cedar Law Office AB', 'Tax ID: 46209403950', 'Legal address: Station Road 113, Vilnius', 'Bank: Baltic Commerce Bank', 'CEO: Viktor Dubois']);
  });

  it("names an individual by their name parts, with birthday and registration address", function () {
    const lines = requisiteLines({ kind: 'individual', name: 'Anna', firstName: 'Anna', lastName: 'Berg', birthday: '1990-05-17', registrationAddress: 'Elm St 1', bankName: 'Ignored Bank' }, clientFields);
    assert.equal(lines[0], 'Berg Anna');
    assert.ok(lines.some((l) => /^Birthday: 17 May 1990$/.test(l)), lines.join(' | '));
    assert.ok(lines.includes('Registration address: Elm St 1'));
    assert.ok(!lines.some((l) => l.includes('Ignored Bank')), 'bank details are not a person\'s requisites');
  });
});

describe('Client screens: audit history', function () {
  const entry = (action: string, changes: AuditEntry['changes']): AuditEntry => ({ id: 1, at: '2026-11-27T10:00:00Z', userId: 1, userName: 'Admin', action, changes });

  it("shows a manager change by names, not ids, and does not repeat the name as a change of its own", function () {
    const rows = describeChanges(entry('update', { managerId: { old: 2, new: 4 }, managerName: { old: 'Maria', new: 'Olga' } }), clientFields);
    assert.deepEqual(rows, [{ key: 'managerId', label: 'Manager', old: 'Maria', new: 'Olga' }]);
  });

  it('formats values by their field and leaves out the summaries recorded beside them', function () {
    const rows = describeChanges(entry('create', {
      kind: { old: null, new: 'legal' }, tags: { old: null, new: ['vip', 'newsletter'] }, creditLimit: { old: null, new: '1500.00' },
      phones: { old: null, new: [] }, contacts: { old: null, new: [] }, balance: { old: null, new: [] }, recentDocuments: { old: null, new: {} },
    }), clientFields);
    assert.deepEqual(rows.map((r) => [r.label, r.new]), [['Kind', 'Legal entity'], ['Tags', 'vip, newsletter'], ['Credit limit', '1,500.00\u00a0EUR']]);
  });

  it('keeps changes of fields that no longer exist under their key, and drops changes that look the same', function () {
    const rows = describeChanges(entry('update', { oldCustom: { old: 'a', new: 'b' }, name: { old: 'Same', new: 'Same' } }), clientFields);
    assert.deepEqual(rows, [{ key: 'oldCustom', label: 'oldCustom', old: 'a', new: 'b' }]);
  });
});

describe('Client screens: small rules', function () {
  it('reads the sign of exact decimal amounts without floats', function () {
    assert.equal(decimalSign('0.00'), 0);
    assert.equal(decimalSign('-0.00'), 0);
    assert.equal(decimalSign('0.01'), 1);
    assert.equal(decimalSign('-12.50'), -1);
    assert.equal(decimalSign('99999999999999999999.99'), 1);
    assert.equal(decimalSign(''), 0);
    assert.equal(decimalSign('abc'), 0);
  });

  it('takes only positive whole ids from the address', function () {
    assert.equal(validId('42'), 42);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'abc', '07', '1e3', '99999999999999999999']) assert.equal(validId(bad), null, String(bad));
  });

  it('shows a capped count with a plus', function () {
    assert.equal(countText({ total: 200, totalExact: true }), '200');
    assert.equal(countText({ total: 1000, totalExact: false }), '1,000+');
  });

  it("offers exactly the actions the session's permission table grants", function () {
    const base = { id: 1, login: 'u', name: 'U', scope: 'all' as const };
    const accountant: User = { ...base, role: 'accountant', permissions: { clients: ['read', 'edit'], events: ['read', 'create'] } };
    assert.equal(can(accountant, 'clients', 'edit'), true);
    assert.equal(can(accountant, 'clients', 'delete'), false);
    assert.equal(can(accountant, 'events', 'create'), true);
    assert.equal(can(accountant, 'contacts', 'read'), false, 'a resource the table leaves out is not offered');
    const admin: User = { ...base, role: 'admin', permissions: {} };
    assert.equal(can(admin, 'users', 'edit'), false, 'the role name alone grants nothing: the server decides');
  });
});

describe('API client: failures the user reads', function () {
  const realFetch = globalThis.fetch;
  afterEach(function () {
    globalThis.fetch = realFetch;
    setLanguage('en');
  });

  async function failure(): Promise<ApiError> {
    try {
      await api.get('/clients');
    } catch (err) {
      assert.ok(err instanceof ApiError);
      return err;
    }
    assert.fail('the request should have failed');
  }

  it("says in the user's language that the server cannot be reached", async function () {
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    setLanguage('ru');
    const err = await failure();
    assert.equal(err.code, 'network');
    assert.equal(err.message, 'Сервер недоступен. Проверьте подключение и попробуйте ещё раз.');
    setLanguage('en');
    assert.equal((await failure()).message, 'The server cannot be reached. Check your connection and try again.');
  });

  it("names the status of an answer that is not the API's JSON (a proxy's error page)", async function () {
    globalThis.fetch = () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    setLanguage('ru');
    const err = await failure();
    assert.equal(err.status, 502);
    assert.equal(err.code, 'http_502');
    assert.equal(err.message, 'Сервер ответил 502.');
  });
});
