import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startSecondServer, startTestServer, type Api, type TestServer } from './support/server.js';

/**
 * Custom fields as a user meets them: added through /fields, then part of
 * records, validation, filters, sorting, quick search and the OpenAPI
 * document at once, on SQLite and PostgreSQL alike.
 */
forEachDatabase('Custom fields', (kind) => {
  let t: TestServer;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await startTestServer(kind);
  });
  after(async () => t?.close());

  const add = (body: Record<string, unknown>) => t.admin.expect(201, 'POST', '/fields', body);
  const fieldsOf = async (entity: string, api: Api = t.admin, archived = false) =>
    (await api.expect(200, 'GET', `/fields?entity=${entity}${archived ? '&includeArchived=true' : ''}`)).items as any[];
  const errorOf = (reply: { status: number; body: any }) => ({ status: reply.status, code: reply.body?.error?.code, details: reply.body?.error?.details ?? [] });
  const hasColumn = (table: string, column: string) => t.server.ctx.db.schema.hasColumn(table, column);
  const indexesOf = async (table: string): Promise<string[]> => {
    const db = t.server.ctx.db;
    if (kind === 'postgres') return ((await db('pg_indexes').where({ tablename: table }).select('indexname')) as any[]).map((r) => r.indexname);
    return ((await db.raw('SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = ?', ['index', table])) as any[]).map((r) => r.name);
  };

  it('lists the built-in fields of an entity in order, with their metadata', async () => {
    const fields = await fieldsOf('client');
    assert.deepEqual(fields.map((f) => f.position), fields.map((_f, i) => i + 1));
    const kindField = fields.find((f) => f.key === 'kind');
    assert.equal(kindField.custom, false);
    assert.equal(kindField.required, true);
    assert.deepEqual(kindField.options.choices.map((c: any) => c.key), ['legal', 'individual']);
    assert.equal(fields.find((f) => f.key === 'id').readOnly, true);
    const one = await t.admin.expect(200, 'GET', `/fields/${kindField.id}`);
    assert.deepEqual(one, kindField);
  });

  it('adds a field of every type, deriving keys from labels, and uses them in create, read and update', async () => {
    const specs: [string, Record<string, unknown>, string][] = [
      ['Loyalty code', { type: 'text', options: { maxLength: 40 } }, 'loyaltyCode'],
      ['Internal remarks', { type: 'long_text' }, 'internalRemarks'],
      ['Discount rate', { type: 'number', options: { decimals: 2 } }, 'discountRate'],
      ['Credit limit', { type: 'money', options: { currency: 'EUR' } }, 'creditLimit'],
      ['Contract signed', { type: 'date' }, 'contractSigned'],
      ['Newsletter', { type: 'boolean' }, 'newsletter'],
      ['Tier', { type: 'one_of', options: { choices: [{ label: 'Gold' }, { label: 'Silver' }, { key: 'bronze', label: 'Bronze level' }] } }, 'tier'],
      ['Interests', { type: 'many_of', options: { choices: [{ label: 'Wine' }, { label: 'Cheese' }, { label: 'Fresh bread' }] } }, 'interests'],
      ['Billing e-mail', { type: 'email' }, 'billingEMail'],
      ['Night phone', { type: 'phone' }, 'nightPhone'],
      ['Portal', { type: 'url' }, 'portal'],
      ['Account owner', { type: 'link', options: { entity: 'user' } }, 'accountOwner'],
    ];
    const before = (await fieldsOf('client')).length;
    for (const [label, spec, key] of specs) {
      const field = await add({ entity: 'client', label, ...spec });
      assert.equal(field.key, key, label);
      assert.equal(field.custom, true);
      assert.equal(field.version, 1);
      ids[key] = field.id;
    }
    const fields = await fieldsOf('client');
    assert.equal(fields.length, before + specs.length);
    // New fields go after the last one, in the order they were added.
    assert.deepEqual(fields.slice(-specs.length).map((f) => f.key), specs.map((s) => s[2]));
    const tier = fields.find((f) => f.key === 'tier');
    assert.deepEqual(tier.options.choices, [{ key: 'gold', label: 'Gold' }, { key: 'silver', label: 'Silver' }, { key: 'bronze', label: 'Bronze level' }]);
    assert.deepEqual(fields.find((f) => f.key === 'interests').options.choices.map((c: any) => c.key), ['wine', 'cheese', 'fresh_bread']);
    assert.deepEqual(fields.find((f) => f.key === 'discountRate').options, { decimals: 2 });

    const created = await t.admin.expect(201, 'POST', '/clients', {
      kind: 'legal', name: 'Every Type Ltd', loyaltyCode: 'LC-001', internalRemarks: 'Prefers calls\nafter 10', discountRate: '12.5',
      creditLimit: '15000', contractSigned: '2026-03-01', newsletter: true, tier: 'gold', interests: ['wine', 'cheese'],
      billingEMail: 'billing@every.example', nightPhone: '+371 2000 0000', portal: 'https://portal.every.example/x', accountOwner: 1,
    });
    const expected = {
      loyaltyCode: 'LC-001', internalRemarks: 'Prefers calls\nafter 10', discountRate: '12.5', creditLimit: '15000.00',
      contractSigned: '2026-03-01', newsletter: true, tier: 'gold', interests: ['wine', 'cheese'], billingEMail: 'billing@every.example',
      nightPhone: '+371 2000 0000', portal: 'https://portal.every.example/x', accountOwner: 1,
    };
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(created[key], value, key);
    const read = await t.admin.expect(200, 'GET', `/clients/${created.id}`);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(read[key], value, key);

    const updated = await t.admin.expect(200, 'PATCH', `/clients/${created.id}`, {
      version: read.version, creditLimit: '0.10', tier: 'bronze', interests: [], newsletter: false, loyaltyCode: null, discountRate: 3,
    });
    assert.equal(updated.creditLimit, '0.10');
    assert.equal(updated.tier, 'bronze');
    assert.deepEqual(updated.interests, []);
    assert.equal(updated.newsletter, false);
    assert.equal(updated.loyaltyCode, null);
    assert.equal(updated.discountRate, '3');
    assert.equal(updated.portal, 'https://portal.every.example/x', 'untouched values stay');

    const empty = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'No Extras Ltd' });
    assert.equal(empty.loyaltyCode, null);
    assert.equal(empty.newsletter, false);
    assert.deepEqual(empty.interests, []);
    assert.equal(empty.accountOwner, null);
  });

  it('names each invalid custom value in the error', async () => {
    const reply = await t.admin.post('/clients', {
      kind: 'legal', name: 'Bad Values Ltd', tier: 'platinum', discountRate: '1.234', billingEMail: 'not-an-email',
      interests: ['wine', 'caviar'], contractSigned: '2026-02-30', newsletter: 'yes', loyaltyCode: 'x'.repeat(41),
    });
    const e = errorOf(reply);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'validation_failed');
    const byField = Object.fromEntries(e.details.map((d: any) => [d.field, d.code]));
    assert.equal(byField.tier, 'invalid_choice');
    assert.equal(byField.discountRate, 'too_many_decimals');
    assert.equal(byField.billingEMail, 'invalid_format', JSON.stringify(e.details));
    assert.equal(byField['interests.1'], 'invalid_choice');
    assert.equal(byField.contractSigned, 'invalid_format');
    assert.equal(byField.newsletter, 'invalid_type');
    assert.equal(byField.loyaltyCode, 'too_big');

    const link = errorOf(await t.admin.post('/clients', { kind: 'legal', name: 'Bad Link Ltd', accountOwner: 999999 }));
    assert.equal(link.status, 422);
    assert.equal(link.code, 'reference_invalid');
    assert.equal(link.details[0].field, 'accountOwner');
    const list = await t.admin.expect(200, 'GET', '/clients?name=Bad%20Link%20Ltd');
    assert.equal(list.total, 0, 'nothing was written');
  });

  it('filters and sorts on custom fields', async () => {
    const rows = [
      { name: 'Filter A', discountRate: '5', creditLimit: '500', contractSigned: '2026-01-15', loyaltyCode: 'ABC-1', interests: ['wine'], tier: 'gold' },
      { name: 'Filter B', discountRate: '10.25', creditLimit: '2500.50', contractSigned: '2026-05-01', loyaltyCode: 'XYZ-2', interests: ['cheese', 'wine'], tier: 'silver' },
      { name: 'Filter C', discountRate: '20', creditLimit: '1000', contractSigned: '2026-09-30', interests: ['cheese'] },
      { name: 'Filter D', newsletter: true, interests: [] },
    ];
    for (const row of rows) await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', ...row });
    const names = async (query: string) =>
      ((await t.admin.expect(200, 'GET', `/clients?name[startsWith]=Filter&${query}`)).items as any[]).map((c) => c.name);
    assert.deepEqual(await names('discountRate[gte]=10&sort=name'), ['Filter B', 'Filter C']);
    assert.deepEqual(await names('creditLimit[lte]=1000&sort=name'), ['Filter A', 'Filter C']);
    assert.deepEqual(await names('contractSigned[gte]=2026-02-01&contractSigned[lte]=2026-06-30'), ['Filter B']);
    assert.deepEqual(await names('loyaltyCode[contains]=bc'), ['Filter A']);
    assert.deepEqual(await names('interests[has]=wine&sort=name'), ['Filter A', 'Filter B']);
    assert.deepEqual(await names('loyaltyCode[empty]=true'), ['Filter C', 'Filter D']);
    assert.deepEqual(await names('loyaltyCode[empty]=false'), ['Filter A', 'Filter B']);
    assert.deepEqual(await names('interests[empty]=true'), ['Filter D']);
    assert.deepEqual(await names('discountRate[empty]=true'), ['Filter D']);
    assert.deepEqual(await names('newsletter=true'), ['Filter D']);
    assert.deepEqual(await names('newsletter=false'), ['Filter A', 'Filter B', 'Filter C']);
    assert.deepEqual(await names('tier=silver'), ['Filter B']);
    assert.deepEqual(await names('tier[in]=gold,silver'), ['Filter A', 'Filter B']);
    // Empty values sort last both ways, on both databases.
    assert.deepEqual(await names('sort=-creditLimit'), ['Filter B', 'Filter C', 'Filter A', 'Filter D']);
    assert.deepEqual(await names('sort=creditLimit'), ['Filter A', 'Filter C', 'Filter B', 'Filter D']);
    assert.deepEqual(await names('sort=-contractSigned'), ['Filter C', 'Filter B', 'Filter A', 'Filter D']);
    assert.deepEqual(await names('sort=-discountRate'), ['Filter C', 'Filter B', 'Filter A', 'Filter D']);
    assert.deepEqual(await names('sort=-loyaltyCode,name'), ['Filter B', 'Filter A', 'Filter C', 'Filter D']);
    // A yes/no field added later reads "no" on existing records, and "=false" finds them.
    const vip = await add({ entity: 'client', label: 'VIP', type: 'boolean' });
    assert.equal(vip.key, 'vip');
    assert.deepEqual(await names('vip=false'), ['Filter A', 'Filter B', 'Filter C', 'Filter D']);
    await t.admin.expect(204, 'DELETE', `/fields/${vip.id}`);
    const bad = errorOf(await t.admin.get('/clients?discountRate[gte]=1.234'));
    assert.equal(bad.code, 'invalid_query');
    assert.equal(bad.details[0].field, 'discountRate[gte]');
  });

  it('finds a record by a custom text value in quick search', async () => {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Searchable Ltd', loyaltyCode: 'ZEBRA-7781' });
    const found = await t.admin.expect(200, 'GET', '/search?q=zebra');
    assert.ok(found.items.some((i: any) => i.entity === 'client' && i.id === client.id), JSON.stringify(found));
    const list = await t.admin.expect(200, 'GET', '/clients?q=zebra');
    assert.deepEqual(list.items.map((c: any) => c.id), [client.id]);

    // Other entities too: a contact's custom text.
    await add({ entity: 'contact', label: 'Hobby', type: 'text' });
    const contact = await t.admin.expect(201, 'POST', '/contacts', { name: 'Ivo Hobbyist', hobby: 'Orienteering' });
    const byHobby = await t.admin.expect(200, 'GET', '/search?q=orienteer');
    assert.ok(byHobby.items.some((i: any) => i.entity === 'contact' && i.id === contact.id), JSON.stringify(byHobby));
  });

  it('renames a field by its label; the key and the values stay', async () => {
    const before = await t.admin.expect(200, 'GET', `/fields/${ids.loyaltyCode}`);
    const renamed = await t.admin.expect(200, 'PATCH', `/fields/${ids.loyaltyCode}`, { version: before.version, label: 'Card number' });
    assert.equal(renamed.key, 'loyaltyCode');
    assert.equal(renamed.label, 'Card number');
    assert.equal(renamed.version, before.version + 1);
    const client = (await t.admin.expect(200, 'GET', '/clients?loyaltyCode=ZEBRA-7781')).items[0];
    assert.equal(client.loyaltyCode, 'ZEBRA-7781');
    const stale = errorOf(await t.admin.patch(`/fields/${ids.loyaltyCode}`, { version: before.version, label: 'Too late' }));
    assert.equal(stale.status, 409);
    assert.equal(stale.code, 'version_conflict');
    const reply = await t.admin.patch(`/fields/${ids.loyaltyCode}`, { version: before.version, label: 'Too late' });
    assert.equal(reply.body.error.current.label, 'Card number');

    // Built-in fields can be relabelled too, but keep their rules.
    const city = (await fieldsOf('client')).find((f) => f.key === 'city');
    const town = await t.admin.expect(200, 'PATCH', `/fields/${city.id}`, { version: city.version, label: 'Town' });
    assert.equal(town.key, 'city');
    const rule = errorOf(await t.admin.patch(`/fields/${city.id}`, { version: town.version, required: true }));
    assert.equal(rule.status, 400);
    assert.equal(rule.details[0].field, 'required');
    await t.admin.expect(200, 'PATCH', `/fields/${city.id}`, { version: town.version, label: 'City' });

    const history = await t.admin.expect(200, 'GET', `/fields/${ids.loyaltyCode}/audit`);
    assert.equal(history.items[0].action, 'update');
    assert.deepEqual(history.items[0].changes.label, { old: 'Loyalty code', new: 'Card number' });
    assert.equal(history.items.at(-1).action, 'create');
  });

  it('hides a field and moves fields by position and by reorder', async () => {
    const portal = await t.admin.expect(200, 'GET', `/fields/${ids.portal}`);
    const hidden = await t.admin.expect(200, 'PATCH', `/fields/${ids.portal}`, { version: portal.version, hidden: true });
    assert.equal(hidden.hidden, true);
    assert.equal((await fieldsOf('client')).find((f) => f.key === 'portal').hidden, true);

    const moved = await t.admin.expect(200, 'PATCH', `/fields/${ids.tier}`, { version: (await t.admin.expect(200, 'GET', `/fields/${ids.tier}`)).version, position: 2 });
    assert.equal(moved.position, 2);
    let keys = (await fieldsOf('client', t.admin, true)).map((f) => f.key);
    assert.equal(keys[1], 'tier');
    const moveLog = (await t.admin.expect(200, 'GET', `/fields/${ids.tier}/audit`)).items[0];
    assert.equal(moveLog.changes.position.new, 2);
    assert.ok(moveLog.changes.position.old > 2);

    const before = (await fieldsOf('client', t.admin, true)).map((f) => f.key);
    const reordered = await t.admin.expect(200, 'POST', '/fields/reorder', { entity: 'client', keys: ['creditLimit', 'name', 'kind'] });
    keys = reordered.items.map((f: any) => f.key);
    assert.deepEqual(keys.slice(0, 3), ['creditLimit', 'name', 'kind']);
    assert.deepEqual(keys.slice(3), before.filter((k) => !['creditLimit', 'name', 'kind'].includes(k)), 'the others keep their order');
    assert.deepEqual(reordered.items.map((f: any) => f.position), keys.map((_k: string, i: number) => i + 1));
    assert.deepEqual((await fieldsOf('client', t.admin, true)).map((f) => f.key), keys);

    const bad = errorOf(await t.admin.post('/fields/reorder', { entity: 'client', keys: ['name', 'noSuchField', 'name'] }));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.details.map((d: any) => [d.field, d.code]), [['keys.1', 'unknown_field'], ['keys.2', 'duplicate']]);
  });

  it('edits choices: adds and relabels, refuses to remove a used one, refuses to change decimals', async () => {
    const tier = await t.admin.expect(200, 'GET', `/fields/${ids.tier}`);
    const edited = await t.admin.expect(200, 'PATCH', `/fields/${ids.tier}`, {
      version: tier.version,
      options: { choices: [{ key: 'gold', label: 'Gold card' }, { key: 'silver', label: 'Silver' }, { key: 'bronze', label: 'Bronze' }, { label: 'Platinum' }] },
    });
    assert.deepEqual(edited.options.choices.map((c: any) => `${c.key}:${c.label}`), ['gold:Gold card', 'silver:Silver', 'bronze:Bronze', 'platinum:Platinum']);
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Platinum Ltd', tier: 'platinum' });

    const used = await t.admin.patch(`/fields/${ids.tier}`, { version: edited.version, options: { choices: [{ key: 'gold', label: 'Gold' }, { key: 'bronze', label: 'Bronze' }] } });
    const e = errorOf(used);
    assert.equal(e.status, 409);
    assert.equal(e.code, 'in_use');
    assert.deepEqual(e.details.map((d: any) => [d.choice, d.count]), [['silver', 1], ['platinum', 1]]);

    // A choice nobody holds can go.
    const tier2 = await t.admin.expect(200, 'GET', `/fields/${ids.tier}`);
    assert.equal(tier2.version, edited.version, 'a refused change changes nothing');
    const interests = await t.admin.expect(200, 'GET', `/fields/${ids.interests}`);
    const withoutBread = await t.admin.expect(200, 'PATCH', `/fields/${ids.interests}`, { version: interests.version, options: { choices: [{ key: 'wine', label: 'Wine' }, { key: 'cheese', label: 'Cheese' }] } });
    assert.deepEqual(withoutBread.options.choices.map((c: any) => c.key), ['wine', 'cheese']);
    const usedMany = errorOf(await t.admin.patch(`/fields/${ids.interests}`, { version: withoutBread.version, options: { choices: [{ key: 'cheese', label: 'Cheese' }] } }));
    assert.equal(usedMany.code, 'in_use');
    assert.equal(usedMany.details[0].choice, 'wine');
    assert.equal(usedMany.details[0].count, 2);

    const rate = await t.admin.expect(200, 'GET', `/fields/${ids.discountRate}`);
    const decimals = errorOf(await t.admin.patch(`/fields/${ids.discountRate}`, { version: rate.version, options: { decimals: 3 } }));
    assert.equal(decimals.status, 501);
    assert.equal(decimals.code, 'not_supported');
    assert.equal(decimals.details[0].field, 'options.decimals');
  });

  it('refuses to lower a text field\'s maximum length below a value records hold, counting characters', async () => {
    // Varied characters of 3 bytes each in UTF-8, so PostgreSQL cannot compress
    // a long value into an index entry (the most a B-tree entry holds is 2704 bytes).
    const letters = (n: number, seed: number) => Array.from({ length: n }, (_x, i) => String.fromCodePoint(0x4e00 + ((i * 7919 + seed * 104729) % 20000))).join('');
    const motto = await add({ entity: 'client', label: 'Motto', type: 'text', options: { maxLength: 1000 } });
    const long = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Long Motto Ltd', motto: letters(990, 1) });
    // 400 characters, 1200 bytes: fits a maximum of 400.
    await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Short Motto Ltd', motto: letters(400, 2) });

    const refused = errorOf(await t.admin.patch(`/fields/${motto.id}`, { version: motto.version, options: { maxLength: 600 } }));
    assert.deepEqual([refused.status, refused.code], [409, 'in_use']);
    assert.deepEqual(refused.details.map((d: any) => [d.field, d.code, d.count]), [['options.maxLength', 'in_use', 1]]);
    const unchanged = await t.admin.expect(200, 'GET', `/fields/${motto.id}`);
    assert.deepEqual([unchanged.version, unchanged.options.maxLength], [motto.version, 1000]);
    assert.ok(!(await indexesOf('clients')).includes(`clients_cf_${motto.id}_idx`));
    const twice = errorOf(await t.admin.patch(`/fields/${motto.id}`, { version: motto.version, options: { maxLength: 300 } }));
    assert.equal(twice.details[0].count, 2);

    const current = await t.admin.expect(200, 'GET', `/clients/${long.id}`);
    await t.admin.expect(200, 'PATCH', `/clients/${long.id}`, { version: current.version, motto: letters(400, 3) });
    const lowered = await t.admin.expect(200, 'PATCH', `/fields/${motto.id}`, { version: motto.version, options: { maxLength: 400 } });
    assert.equal(lowered.options.maxLength, 400);
    assert.ok((await indexesOf('clients')).includes(`clients_cf_${motto.id}_idx`));
    await t.admin.expect(204, 'DELETE', `/fields/${motto.id}`);
  });

  it('archives a field out of records, writes, filters and search, and restores it with its data', async () => {
    const client = (await t.admin.expect(200, 'GET', '/clients?loyaltyCode=ZEBRA-7781')).items[0];
    const archived = await t.admin.expect(200, 'POST', `/fields/${ids.loyaltyCode}/archive`);
    assert.equal(archived.archived, true);
    assert.ok(!(await fieldsOf('client')).some((f) => f.key === 'loyaltyCode'));
    assert.ok((await fieldsOf('client', t.admin, true)).some((f) => f.key === 'loyaltyCode' && f.archived));

    const read = await t.admin.expect(200, 'GET', `/clients/${client.id}`);
    assert.ok(!('loyaltyCode' in read));
    const write = errorOf(await t.admin.patch(`/clients/${client.id}`, { version: read.version, loyaltyCode: 'NEW' }));
    assert.equal(write.code, 'validation_failed');
    assert.deepEqual([write.details[0].field, write.details[0].code], ['loyaltyCode', 'unknown_field']);
    assert.equal(errorOf(await t.admin.get('/clients?loyaltyCode=ZEBRA-7781')).code, 'invalid_query');
    assert.equal(errorOf(await t.admin.get('/clients?sort=loyaltyCode')).code, 'invalid_query');
    const search = await t.admin.expect(200, 'GET', '/search?q=zebra');
    assert.ok(!search.items.some((i: any) => i.id === client.id && i.entity === 'client'), 'archived values leave search');
    // The key stays taken while archived.
    assert.equal(errorOf(await t.admin.post('/fields', { entity: 'client', label: 'Again', key: 'loyaltyCode', type: 'text' })).code, 'already_exists');

    const restored = await t.admin.expect(200, 'POST', `/fields/${ids.loyaltyCode}/restore`);
    assert.equal(restored.archived, false);
    assert.equal((await t.admin.expect(200, 'GET', `/clients/${client.id}`)).loyaltyCode, 'ZEBRA-7781');
    assert.equal((await t.admin.expect(200, 'GET', '/clients?loyaltyCode=ZEBRA-7781')).total, 1);
    assert.ok((await t.admin.expect(200, 'GET', '/search?q=zebra')).items.some((i: any) => i.id === client.id));

    const name = (await fieldsOf('client')).find((f) => f.key === 'name');
    const builtIn = errorOf(await t.admin.post(`/fields/${name.id}/archive`));
    assert.deepEqual([builtIn.status, builtIn.code], [409, 'invalid_state']);
  });

  it('deletes a custom field with its column, and refuses to delete a built-in one', async () => {
    const field = await add({ entity: 'client', label: 'Temporary note', type: 'text' });
    const column = `cf_${field.id}`;
    assert.ok(await hasColumn('clients', column));
    // Filters and sorts on it are served by an index (two on PostgreSQL, one per sort direction).
    const own = (await indexesOf('clients')).filter((n) => n.startsWith(`clients_${column}_`)).sort();
    assert.deepEqual(own, kind === 'postgres' ? [`clients_${column}_desc_idx`, `clients_${column}_idx`] : [`clients_${column}_idx`]);
    assert.ok(!(await indexesOf('clients')).some((n) => n.startsWith(`clients_cf_${ids.internalRemarks}_`)), 'long text has no B-tree index');
    // Text that may be too long for a B-tree entry gets its index once its limit comes down.
    const essay = await add({ entity: 'client', label: 'Essay', type: 'text', options: { maxLength: 1500 } });
    assert.ok(!(await indexesOf('clients')).includes(`clients_cf_${essay.id}_idx`));
    await t.admin.expect(200, 'PATCH', `/fields/${essay.id}`, { version: essay.version, options: { maxLength: 300 } });
    assert.ok((await indexesOf('clients')).includes(`clients_cf_${essay.id}_idx`));
    await t.admin.expect(204, 'DELETE', `/fields/${essay.id}`);
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Temp Ltd', temporaryNote: 'quokka' });
    assert.ok((await t.admin.expect(200, 'GET', '/search?q=quokka')).items.some((i: any) => i.id === client.id));
    await t.admin.expect(204, 'DELETE', `/fields/${field.id}`);
    assert.equal(await hasColumn('clients', column), false);
    assert.ok(!(await indexesOf('clients')).some((n) => n.startsWith(`clients_${column}_`)));
    assert.equal(errorOf(await t.admin.get(`/fields/${field.id}`)).code, 'not_found');
    assert.ok(!('temporaryNote' in (await t.admin.expect(200, 'GET', `/clients/${client.id}`))));
    assert.equal((await t.admin.expect(200, 'GET', '/search?q=quokka')).items.length, 0);
    // The key is free again, with a new column and no old values.
    const again = await add({ entity: 'client', label: 'Temporary note', type: 'text' });
    assert.equal(again.key, 'temporaryNote');
    assert.equal((await t.admin.expect(200, 'GET', `/clients/${client.id}`)).temporaryNote, null);
    await t.admin.expect(204, 'DELETE', `/fields/${again.id}`);

    const name = (await fieldsOf('client')).find((f) => f.key === 'name');
    const builtIn = errorOf(await t.admin.delete(`/fields/${name.id}`));
    assert.deepEqual([builtIn.status, builtIn.code], [409, 'invalid_state']);
    assert.ok(await hasColumn('clients', 'name'));
  });

  it('enforces a required custom field when a record is created', async () => {
    const field = await add({ entity: 'product', label: 'Shelf', type: 'text', required: true });
    const missing = errorOf(await t.admin.post('/products', { kind: 'good', name: 'Widget' }));
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.details.map((d: any) => [d.field, d.code]), [['shelf', 'required']]);
    const product = await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Widget', shelf: 'B-12' });
    assert.equal(product.shelf, 'B-12');
    await t.admin.expect(204, 'DELETE', `/fields/${field.id}`);
  });

  it('shows custom fields in the OpenAPI document', async () => {
    const doc = await t.anonymous.expect(200, 'GET', '/openapi.json');
    const create = doc.paths['/clients'].post.requestBody.content['application/json'].schema;
    assert.ok(create.properties.creditLimit, 'the create body has the custom key');
    assert.ok(create.properties.tier && create.properties.interests && create.properties.accountOwner);
    assert.ok(!create.properties.temporaryNote, 'deleted fields are gone');
    const response = doc.paths['/clients/{id}'].get.responses['200'].content['application/json'].schema;
    assert.equal(response.properties.creditLimit.title, 'Credit limit');
  });

  it('validates new fields: keys, entity, type and options', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ entity: 'client', label: 'X', key: 'x"; DROP TABLE clients; --', type: 'text' }, 400, 'validation_failed', 'key'],
      [{ entity: 'client', label: 'X', key: 'limit', type: 'text' }, 400, 'validation_failed', 'key'],
      [{ entity: 'client', label: 'X', key: 'name', type: 'text' }, 409, 'already_exists', 'key'],
      [{ entity: 'client', label: 'X', key: 'nAME', type: 'text' }, 409, 'already_exists', 'key'],
      [{ entity: 'client', label: 'X', key: 'phones', type: 'text' }, 409, 'already_exists', 'key'],
      [{ entity: 'client', label: 'X', key: 'managerName', type: 'text' }, 409, 'already_exists', 'key'],
      [{ entity: 'client', label: 'X', key: 'tag', type: 'text' }, 409, 'already_exists', 'key'],
      [{ entity: 'user', label: 'X', type: 'text' }, 400, 'validation_failed', 'entity'],
      [{ entity: 'client', label: 'X', type: 'formula' }, 400, 'validation_failed', 'type'],
      [{ entity: 'client', label: '  ', type: 'text' }, 400, 'validation_failed', 'label'],
      [{ entity: 'client', label: 'X', type: 'number', options: { decimals: 7 } }, 400, 'validation_failed', 'options.decimals'],
      [{ entity: 'client', label: 'X', type: 'number', options: { decimal: 2 } }, 400, 'validation_failed', 'options.decimal'],
      [{ entity: 'client', label: 'X', type: 'text', options: { decimals: 2 } }, 400, 'validation_failed', 'options.decimals'],
      [{ entity: 'client', label: 'X', type: 'text', options: { maxLength: 5000 } }, 400, 'validation_failed', 'options.maxLength'],
      [{ entity: 'client', label: 'X', type: 'money', options: { currency: 'euro' } }, 400, 'validation_failed', 'options.currency'],
      [{ entity: 'client', label: 'X', type: 'link' }, 400, 'validation_failed', 'options.entity'],
      [{ entity: 'client', label: 'X', type: 'link', options: { entity: 'payment' } }, 400, 'validation_failed', 'options.entity'],
      [{ entity: 'client', label: 'X', type: 'one_of', options: { choices: [] } }, 400, 'validation_failed', 'options.choices'],
      [{ entity: 'client', label: 'X', type: 'one_of', options: { choices: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] } }, 400, 'validation_failed', 'options.choices.1.key'],
      [{ entity: 'client', label: 'X', type: 'one_of', options: { choices: [{ key: 'Bad Key', label: 'A' }] } }, 400, 'validation_failed', 'options.choices.0.key'],
      [{ entity: 'client', label: 'X', type: 'one_of', options: { choices: Array.from({ length: 201 }, (_v, i) => ({ label: `C${i}` })) } }, 400, 'validation_failed', 'options.choices'],
      [{ entity: 'client', label: 'X', type: 'text', color: 'red' }, 400, 'validation_failed', 'color'],
    ];
    for (const [body, status, code, field] of cases) {
      const e = errorOf(await t.admin.post('/fields', body));
      assert.deepEqual([e.status, e.code], [status, code], JSON.stringify(body).slice(0, 120));
      assert.ok(e.details.some((d: any) => d.field === field), `${JSON.stringify(body).slice(0, 120)} → ${JSON.stringify(e.details)}`);
    }

    const both = errorOf(await t.admin.post('/fields', { entity: 'client', label: 'X', key: 'Bad Key', type: 'number', options: { decimals: 9 } }));
    assert.deepEqual(both.details.map((d: any) => d.field), ['key', 'options.decimals'], 'one answer names every problem');

    const derived: [string, string][] = [['Number', 'number2'], ['Дата договора', 'dataDogovora'], ['Größe (cm)', 'grosseCm'], ['???', 'field1'], ['1C code', 'field1cCode'], ['Site foreman', 'siteForeman']];
    for (const [label, key] of derived) {
      const field = await add({ entity: 'contract', label, type: 'text' });
      assert.equal(field.key, key, label);
      await t.admin.expect(204, 'DELETE', `/fields/${field.id}`);
    }
    const defaults = await add({ entity: 'contract', label: 'Deposit', type: 'money' });
    assert.deepEqual(defaults.options, { currency: 'EUR' });
    const number = await add({ entity: 'contract', label: 'Floors', type: 'number' });
    assert.deepEqual(number.options, { decimals: 0 });
    for (const f of [defaults, number]) await t.admin.expect(204, 'DELETE', `/fields/${f.id}`);
    // Once there is a default company, money fields take its currency.
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'USD', isDefault: true });
    const deposit = await add({ entity: 'invoice', label: 'Deposit', type: 'money' });
    assert.deepEqual(deposit.options, { currency: 'USD' });
    await t.admin.expect(204, 'DELETE', `/fields/${deposit.id}`);

    assert.equal(errorOf(await t.admin.get('/fields?entity=spaceship')).code, 'invalid_query');
    assert.equal(errorOf(await t.admin.get('/fields?color=red')).code, 'invalid_query');
  });

  it('gives one of two simultaneous requests for the same key a clean conflict', async () => {
    const replies = await Promise.all([1, 2].map((n) => t.admin.post('/fields', { entity: 'client', label: `Race ${n}`, key: 'raceKey', type: 'number' })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409]);
    assert.equal(replies.find((r) => r.status === 409)!.body.error.code, 'already_exists');
    const winner = replies.find((r) => r.status === 201)!.body;
    assert.equal((await fieldsOf('client')).filter((f) => f.key === 'raceKey').length, 1);
    await t.admin.expect(204, 'DELETE', `/fields/${winner.id}`);
  });

  it('refuses SQL in keys, filter names, sort values and filter values, and the clients table survives', async () => {
    const count = (await t.admin.expect(200, 'GET', '/clients?limit=1')).total;
    const badParams = ['name;drop', `cf_${ids.creditLimit}`, '"name"', 'name)--', 'name[eq);drop table clients;--]', "name' OR '1'='1"];
    for (const param of badParams) {
      const e = errorOf(await t.admin.get(`/clients?${encodeURIComponent(param)}=1`));
      assert.deepEqual([e.status, e.code], [400, 'invalid_query'], param);
      assert.equal(e.details[0].code, 'unknown_filter', param);
    }
    for (const sort of ['name;DROP TABLE clients', `cf_${ids.creditLimit}`, '(select 1)', 'name desc', '"name"']) {
      const e = errorOf(await t.admin.get(`/clients?sort=${encodeURIComponent(sort)}`));
      assert.deepEqual([e.status, e.code], [400, 'invalid_query'], sort);
    }
    for (const value of [`O'Brien"; DROP TABLE clients; --`, "%' OR 1=1 --", '\\', '_%']) {
      const list = await t.admin.expect(200, 'GET', `/clients?loyaltyCode[contains]=${encodeURIComponent(value)}`);
      assert.equal(list.total, 0, value);
      assert.equal((await t.admin.expect(200, 'GET', `/clients?loyaltyCode=${encodeURIComponent(value)}`)).total, 0);
    }
    // Values with SQL in them are stored and read back as plain text.
    const sly = await add({ entity: 'client', label: 'Robert\'); DROP TABLE clients;--', type: 'text' });
    assert.equal(sly.key, 'robertDropTableClients');
    const c = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Bobby Tables', [sly.key]: `'); DELETE FROM clients; --` });
    assert.equal(c[sly.key], `'); DELETE FROM clients; --`);
    await t.admin.expect(204, 'DELETE', `/fields/${sly.id}`);

    assert.equal((await t.admin.expect(200, 'GET', '/clients?limit=1')).total, count + 1);
    assert.ok(await t.server.ctx.db.schema.hasTable('clients'));
  });

  it('refuses a NUL character in any list parameter, naming it', async () => {
    const cases: [string, string][] = [
      ['/clients?q=a%00b', 'q'],
      ['/clients?city=a%00b', 'city'],
      ['/clients?city[in]=Oslo,a%00b', 'city[in]'],
      ['/clients?loyaltyCode[contains]=a%00b', 'loyaltyCode[contains]'],
      ['/clients?name[startsWith]=%00', 'name[startsWith]'],
      ['/products?q=a%00b', 'q'],
      ['/products?name=a%00b', 'name'],
      ['/contacts?jobTitle=a%00b', 'jobTitle'],
      ['/invoices?number=a%00b', 'number'],
    ];
    for (const [path, param] of cases) {
      const e = errorOf(await t.admin.get(path));
      assert.deepEqual([e.status, e.code, e.details.map((d: any) => [d.field, d.code])], [400, 'invalid_query', [[param, 'invalid_character']]], path);
    }
    // Refused before any route runs (http/nul.ts), quick search included.
    const search = errorOf(await t.admin.get('/search?q=a%00bobby'));
    assert.deepEqual([search.status, search.code, search.details.map((d: any) => [d.field, d.code])], [400, 'invalid_query', [['q', 'invalid_character']]]);
  });

  it('lets only administrators change fields', async () => {
    const manager = await t.user('mara', 'manager');
    const e = errorOf(await manager.post('/fields', { entity: 'client', label: 'Mine', type: 'text' }));
    assert.deepEqual([e.status, e.code], [403, 'forbidden']);
    const tier = await manager.expect(200, 'GET', `/fields/${ids.tier}`);
    assert.equal(errorOf(await manager.patch(`/fields/${ids.tier}`, { version: tier.version, label: 'Level' })).status, 403);
    assert.equal(errorOf(await manager.post(`/fields/${ids.tier}/archive`)).status, 403);
    assert.equal(errorOf(await manager.delete(`/fields/${ids.tier}`)).status, 403);
    assert.ok((await fieldsOf('client', manager)).some((f) => f.key === 'tier'), 'everyone reads field metadata');
  });

  it('shows a field added by one app instance to another without a restart', async () => {
    const second = await startSecondServer(t);
    try {
      assert.ok(!(await fieldsOf('client', second.admin)).some((f) => f.key === 'vesselName'));
      const field = await add({ entity: 'client', label: 'Vessel name', type: 'text' });
      assert.ok((await fieldsOf('client', second.admin)).some((f) => f.key === 'vesselName'), 'the second instance sees the new field');
      const created = await second.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Shipping Ltd', vesselName: 'Aurora' });
      assert.equal(created.vesselName, 'Aurora');
      assert.equal((await second.admin.expect(200, 'GET', '/clients?vesselName=Aurora')).total, 1);
      // And back: the second archives it, the first refuses writes at once.
      await second.admin.expect(200, 'POST', `/fields/${field.id}/archive`);
      const e = errorOf(await t.admin.post('/clients', { kind: 'legal', name: 'Late Ltd', vesselName: 'Borealis' }));
      assert.deepEqual([e.code, e.details[0]?.field], ['validation_failed', 'vesselName']);
      await t.admin.expect(204, 'DELETE', `/fields/${field.id}`);
      assert.ok(!(await fieldsOf('client', second.admin, true)).some((f) => f.key === 'vesselName'));
      assert.ok(!('vesselName' in (await second.admin.expect(200, 'GET', `/clients/${created.id}`))));
    } finally {
      await second.close();
    }
  });
});
