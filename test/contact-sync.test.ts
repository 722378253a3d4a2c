import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';
import { importFile } from './import-support.js';
import { startContactSyncScheduler } from '../server/contact-sync/scheduler.js';
import { syncPolicy } from '../server/contact-sync/engine.js';

/**
 * Two-way contact sync between Kontora and Outlook, against a local server
 * that speaks the Graph contacts protocol (paging, delta links, @removed,
 * 410 on an expired delta token, 429 with Retry-After, open extensions,
 * $batch), with the real msal-node and Graph client code in between.
 */

type User = Api & { id: number; address: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDatabase('Contact sync with Outlook', (kind) => {
  let t: TestServer;
  let fake: FakeGraph;
  let n = 0;

  before(async function () {
    this.timeout(30_000);
    // Small pages, so every sync follows @odata.nextLink.
    fake = await startFakeGraph({ pageSize: 3 });
    t = await startTestServer(kind);
    // The test server reads its config from an empty environment; Graph and sign-in go to the fake.
    Object.assign(t.server.ctx.config, { graphUrl: fake.graphUrl, msLoginUrl: fake.loginUrl });
    await t.admin.expect(200, 'PUT', '/microsoft/settings', { tenantId: fake.tenantId, clientId: fake.clientId, credentialKind: 'secret', clientSecret: fake.clientSecret });
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  /** A manager with a connected mailbox of their own. */
  async function connectedUser(role: 'manager' | 'admin' | 'viewer' = 'manager', scope?: 'own' | 'all'): Promise<User> {
    n += 1;
    const login = `sync${n}${role}`;
    const address = `${login}@contoso.example`;
    const api = await t.user(login, role, scope);
    await api.expect(200, 'POST', '/microsoft/connect/obo', { assertion: fake.userAssertion(address) });
    return Object.assign(api, { address });
  }

  const run = (u: Api) => u.expect(200, 'POST', '/contact-sync/run').then((r) => r.run);
  const outlook = (u: User) => fake.contacts(u.address);
  const outlookByName = (u: User, name: string) => {
    const found = outlook(u).filter((c) => c.displayName === name);
    assert.equal(found.length, 1, `one Outlook contact named ${name}: ${JSON.stringify(outlook(u).map((c) => c.displayName))}`);
    return found[0];
  };
  const mine = async (u: Api) => (await u.expect(200, 'GET', '/contacts?limit=200')).items as any[];
  const byName = async (u: Api, name: string) => {
    const found = (await mine(u)).filter((c) => c.name === name);
    assert.equal(found.length, 1, `one Kontora contact named ${name}`);
    return u.expect(200, 'GET', `/contacts/${found[0].id}`);
  };

  it('first sync copies each side to the other, follows the pages and links a contact both sides have instead of duplicating it', async () => {
    const ann = await connectedUser();
    const client = await ann.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Northwind Traders Ltd' });
    await ann.expect(201, 'POST', '/contacts', {
      clientId: client.id, firstName: 'Anne', lastName: 'Dodsworth', jobTitle: 'Purchasing Manager', department: 'Purchasing',
      emails: [{ type: 'work', address: 'anne@northwind.example' }],
      phones: [{ type: 'work', number: '+44 20 7946 0958' }, { type: 'mobile', number: '+44 7700 900123' }, { type: 'fax', number: '+44 20 7946 0959' }],
      birthday: '1980-05-23', address: '12 Baker Street, London', tags: ['VIP'], notes: 'Met at the fair',
    });
    for (const last of ['One', 'Two', 'Three']) await ann.expect(201, 'POST', '/contacts', { firstName: 'Kontora', lastName: last });
    // Already in Outlook, with the address in capitals: the same e-mail makes it the same person.
    fake.addContact(ann.address, { givenName: 'Anne', surname: 'Dodsworth', emailAddresses: [{ address: 'ANNE@northwind.example', name: 'Anne' }], homePhones: ['+44 20 1111 2222'] });
    for (const last of ['Alpha', 'Beta', 'Gamma', 'Delta']) {
      fake.addContact(ann.address, { givenName: 'Outlook', surname: last, displayName: `Outlook ${last}`, companyName: 'Northwind Traders Ltd', mobilePhone: '+1 555 0100', categories: ['Suppliers'] });
    }

    const first = await run(ann);
    assert.equal(first.status, 'done', JSON.stringify(first));
    assert.equal(first.full, true);
    assert.deepEqual([first.kontoraCreated, first.outlookCreated, first.linked], [4, 3, 1]);
    assert.deepEqual(first.problems, []);

    const kontora = await mine(ann);
    assert.equal(kontora.length, 8);
    assert.equal(outlook(ann).length, 8);
    const alpha = await byName(ann, 'Outlook Alpha');
    assert.equal(alpha.managerId, ann.id, 'a contact new from Outlook belongs to the user who synced it');
    assert.equal(alpha.clientName, 'Northwind Traders Ltd', 'the company names an existing client');
    assert.deepEqual(alpha.phones, [{ type: 'mobile', number: '+1 555 0100' }]);
    assert.deepEqual(alpha.tags, ['Suppliers']);

    // The linked pair: the Outlook-only home phone came over, Kontora's values went to Outlook.
    const anne = (await mine(ann)).find((c) => c.lastName === 'Dodsworth');
    const anneFull = await ann.expect(200, 'GET', `/contacts/${anne.id}`);
    assert.ok(anneFull.phones.some((p: any) => p.type === 'home' && p.number === '+44 20 1111 2222'));
    assert.ok(anneFull.phones.some((p: any) => p.type === 'fax'), 'Graph has no fax: Kontora keeps its own');
    const anneOutlook = outlook(ann).find((c) => c.surname === 'Dodsworth');
    assert.equal(anneOutlook.jobTitle, 'Purchasing Manager');
    assert.equal(anneOutlook.companyName, 'Northwind Traders Ltd');
    assert.deepEqual(anneOutlook.businessPhones, ['+44 20 7946 0958']);
    assert.equal(anneOutlook.mobilePhone, '+44 7700 900123');
    assert.equal(anneOutlook.birthday.slice(0, 10), '1980-05-23');
    assert.deepEqual(anneOutlook.businessAddress, { street: '12 Baker Street, London' });
    assert.deepEqual(anneOutlook.categories, ['VIP']);
    assert.equal(anneOutlook.personalNotes, 'Met at the fair');
    assert.equal(anneFull.emails.length, 1, 'the same address in capitals is not a second e-mail');

    const three = outlookByName(ann, 'Kontora Three');
    assert.ok(three, 'created in Outlook');
    const status = await ann.expect(200, 'GET', '/contact-sync/status');
    assert.equal(status.mailbox.address, ann.address);
    assert.equal(status.linked, 8);
    assert.equal(status.lastRun.id, first.id);

    // Nothing changed: the next run reads the delta link only and writes nothing.
    const before = fake.requests.length;
    const second = await run(ann);
    assert.equal(second.full, false);
    assert.deepEqual([second.kontoraCreated, second.kontoraUpdated, second.outlookCreated, second.outlookUpdated, second.conflicts], [0, 0, 0, 0, 0]);
    const calls = fake.requests.slice(before).filter((r) => r.user === ann.address);
    assert.ok(calls.some((r) => r.path.includes('deltatoken')), JSON.stringify(calls));
    assert.ok(!calls.some((r) => r.method !== 'GET'), 'no writes when nothing changed');
    // The first sync needed more than one page of 3.
    assert.ok(fake.requests.some((r) => r.user === ann.address && r.path.includes('skiptoken')));
  });

  it('copies an edit on either side to the other, field by field', async () => {
    const bob = await connectedUser();
    const k = await bob.expect(201, 'POST', '/contacts', { firstName: 'Kim', lastName: 'Edited', jobTitle: 'Buyer' });
    const o = fake.addContact(bob.address, {
      givenName: 'Olga', surname: 'Edited', displayName: 'Olga Edited',
      emailAddresses: [{ address: '/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=olga', name: 'Olga' }, { address: 'olga@example.com', name: 'Olga' }],
    });
    await run(bob);
    const kim = outlookByName(bob, 'Kim Edited');
    const olga = await byName(bob, 'Olga Edited');

    await bob.expect(200, 'PATCH', `/contacts/${k.id}`, { version: k.version, jobTitle: 'Head of purchasing' });
    // Outlook desktop in Berlin writes a birthday as midnight local time: the evening before in UTC.
    fake.updateContact(bob.address, o.id, { mobilePhone: '+7 912 000-00-01', categories: ['Key'], birthday: '1985-07-01T22:00:00Z' });
    // Outlook edits a field Kontora did not touch on Kim: both edits survive.
    fake.updateContact(bob.address, kim.id, { department: 'Logistics' });
    const r = await run(bob);
    assert.deepEqual([r.kontoraUpdated, r.outlookUpdated, r.conflicts], [2, 1, 0], JSON.stringify(r));

    const kimOutlook = outlookByName(bob, 'Kim Edited');
    assert.equal(kimOutlook.jobTitle, 'Head of purchasing');
    assert.equal(kimOutlook.department, 'Logistics');
    const kimKontora = await bob.expect(200, 'GET', `/contacts/${k.id}`);
    assert.deepEqual([kimKontora.jobTitle, kimKontora.department], ['Head of purchasing', 'Logistics']);
    const olgaNow = await bob.expect(200, 'GET', `/contacts/${olga.id}`);
    assert.deepEqual(olgaNow.phones, [{ type: 'mobile', number: '+7 912 000-00-01' }]);
    assert.deepEqual(olgaNow.tags, ['Key']);
    assert.deepEqual(olgaNow.emails.map((e: any) => e.address), ['olga@example.com'], 'an X.500 address stays in Outlook');
    assert.equal(olgaNow.birthday, '1985-07-02');
  });

  it('a field changed on both sides goes to the newer change, and the conflict is logged with both values', async function () {
    this.timeout(10_000);
    const cat = await connectedUser();
    const k = await cat.expect(201, 'POST', '/contacts', { firstName: 'Conny', lastName: 'Flict', jobTitle: 'Clerk', notes: 'original' });
    await run(cat);
    const o = outlookByName(cat, 'Conny Flict');

    // Kontora first, Outlook a second later (Graph's times are whole seconds): Outlook's is newer.
    let current = await cat.expect(200, 'PATCH', `/contacts/${k.id}`, { version: k.version, jobTitle: 'Kontora title' });
    await sleep(1100);
    fake.updateContact(cat.address, o.id, { jobTitle: 'Outlook title' });
    // And the other way round for the notes: Outlook first, then Kontora.
    await sleep(1100);
    fake.updateContact(cat.address, o.id, { personalNotes: 'from Outlook' });
    await sleep(1100);
    current = await cat.expect(200, 'PATCH', `/contacts/${k.id}`, { version: current.version, notes: 'from Kontora' });

    const r = await run(cat);
    assert.equal(r.conflicts, 2, JSON.stringify(r));
    const now = await cat.expect(200, 'GET', `/contacts/${k.id}`);
    assert.deepEqual([now.jobTitle, now.notes], ['Outlook title', 'from Kontora']);
    const there = outlookByName(cat, 'Conny Flict');
    assert.deepEqual([there.jobTitle, there.personalNotes], ['Outlook title', 'from Kontora']);

    const conflicts = await cat.expect(200, 'GET', '/contact-sync/conflicts');
    assert.equal(conflicts.total, 2);
    const byField = Object.fromEntries(conflicts.items.map((c: any) => [c.field, c]));
    assert.deepEqual([byField.jobTitle.kontoraValue, byField.jobTitle.outlookValue, byField.jobTitle.winner], ['Kontora title', 'Outlook title', 'outlook']);
    assert.deepEqual([byField.notes.kontoraValue, byField.notes.outlookValue, byField.notes.winner], ['from Kontora', 'from Outlook', 'kontora']);
    assert.equal(byField.notes.contactName, 'Conny Flict');
  });

  it('deletions follow the chosen policy: propagate, archive or unlink', async () => {
    const dan = await connectedUser();
    const names = ['Del KontoraSide', 'Del OutlookSide', 'Arch OutlookSide', 'Keep KontoraSide'];
    const ids: Record<string, number> = {};
    for (const name of names) {
      const [firstName, lastName] = name.split(' ');
      ids[name] = (await dan.expect(201, 'POST', '/contacts', { firstName, lastName })).id;
    }
    let settings = await dan.expect(200, 'PUT', '/contact-sync/settings', { deletionPolicy: 'propagate', version: 0 });
    await run(dan);

    await dan.expect(204, 'DELETE', `/contacts/${ids['Del KontoraSide']}`);
    fake.deleteContact(dan.address, outlookByName(dan, 'Del OutlookSide').id);
    let r = await run(dan);
    assert.deepEqual([r.outlookDeleted, r.kontoraDeleted], [1, 1], JSON.stringify(r));
    assert.ok(!outlook(dan).some((c) => c.displayName === 'Del KontoraSide'));
    assert.equal((await dan.request('GET', `/contacts/${ids['Del OutlookSide']}`)).status, 404);

    settings = await dan.expect(200, 'PUT', '/contact-sync/settings', { deletionPolicy: 'archive', version: settings.version });
    fake.deleteContact(dan.address, outlookByName(dan, 'Arch OutlookSide').id);
    r = await run(dan);
    const archived = await dan.expect(200, 'GET', `/contacts/${ids['Arch OutlookSide']}`);
    assert.deepEqual(archived.tags, ['Deleted in Outlook']);
    // No longer synced: a later edit stays in Kontora.
    await dan.expect(200, 'PATCH', `/contacts/${archived.id}`, { version: archived.version, jobTitle: 'Still here' });
    r = await run(dan);
    assert.equal(r.outlookCreated + r.outlookUpdated, 0, JSON.stringify(r));

    await dan.expect(200, 'PUT', '/contact-sync/settings', { deletionPolicy: 'unlink', version: settings.version });
    const kept = outlookByName(dan, 'Keep KontoraSide');
    await dan.expect(204, 'DELETE', `/contacts/${ids['Keep KontoraSide']}`);
    r = await run(dan);
    assert.equal(r.outlookDeleted, 0);
    fake.updateContact(dan.address, kept.id, { jobTitle: 'Edited after unlink' });
    r = await run(dan);
    assert.equal(r.kontoraCreated, 0, 'an unlinked Outlook contact does not come back');
    assert.equal(outlookByName(dan, 'Keep KontoraSide').jobTitle, 'Edited after unlink');
  });

  it('an expired delta token (410) leads to a full resync that duplicates nothing, matching by link and by the Kontora id kept on the Outlook contact', async () => {
    const eve = await connectedUser();
    // No e-mails: after a lost link only the extension on the Outlook contact can tell who is who.
    for (const last of ['A', 'B', 'C', 'D']) await eve.expect(201, 'POST', '/contacts', { firstName: 'Resync', lastName: last });
    fake.addContact(eve.address, { givenName: 'From', surname: 'Outlook', displayName: 'From Outlook' });
    await run(eve);
    assert.equal(outlook(eve).length, 5);
    const dropLinks = (lastNames: string[]) => t.server.ctx.db('contact_sync_links').where({ user_id: eve.id })
      .whereIn('contact_id', t.server.ctx.db('contacts').whereIn('last_name', lastNames).select('id')).delete();
    const noDuplicates = async () => {
      const names = (await mine(eve)).map((c) => c.name).sort();
      assert.equal(new Set(names).size, names.length, `no duplicates: ${names.join(', ')}`);
      const there = outlook(eve).map((c) => c.displayName).sort();
      assert.equal(new Set(there).size, there.length, `no duplicates in Outlook: ${there.join(', ')}`);
    };

    // As if a run died after creating in Outlook but before keeping the links.
    await dropLinks(['A']);
    fake.expireDeltaTokens();
    fake.addContact(eve.address, { givenName: 'New', surname: 'AfterExpiry', displayName: 'New AfterExpiry' });
    let r = await run(eve);
    assert.equal(r.status, 'done', JSON.stringify(r));
    assert.equal(r.full, true);
    assert.deepEqual([r.kontoraCreated, r.outlookCreated, r.linked], [1, 0, 1]);
    assert.equal(outlook(eve).length, 6);
    assert.equal((await mine(eve)).length, 6);
    await noDuplicates();

    // The way a big resync reads the Kontora ids: one listing of the folder with the extension expanded.
    await dropLinks(['A', 'B']);
    fake.expireDeltaTokens();
    const before = fake.requests.length;
    syncPolicy.listExtensionsAbove = 0;
    try {
      r = await run(eve);
    } finally {
      syncPolicy.listExtensionsAbove = 100;
    }
    assert.ok(fake.requests.slice(before).some((q) => q.user === eve.address && q.path.includes('$expand=extensions')), 'read by listing');
    assert.deepEqual([r.kontoraCreated, r.outlookCreated, r.linked], [0, 0, 2]);
    assert.equal(outlook(eve).length, 6);
    assert.equal((await mine(eve)).length, 6);
    await noDuplicates();
  });

  it('survives Graph throttling (429 with Retry-After) and keeps at most 4 requests in flight', async function () {
    this.timeout(15_000);
    const fay = await connectedUser();
    for (let i = 0; i < 12; i++) await fay.expect(201, 'POST', '/contacts', { firstName: 'Throttled', lastName: `No${i}` });
    fake.throttle(1, 1, /delta/);
    fake.throttle(1, 1, /\$batch/);
    const r = await run(fay);
    assert.equal(r.status, 'done');
    assert.equal(r.outlookCreated, 12);
    assert.equal(outlook(fay).length, 12);
    assert.ok(fake.maxInFlight(fay.address) <= 4);
  });

  it('a new Outlook contact that is another manager\'s contact is not created again, and the run says why', async () => {
    const owner = await connectedUser();
    await owner.expect(201, 'POST', '/contacts', { firstName: 'Taken', lastName: 'Elsewhere', emails: [{ address: 'taken@example.com' }] });
    const gus = await connectedUser();
    fake.addContact(gus.address, { givenName: 'Taken', surname: 'Elsewhere', emailAddresses: [{ address: 'taken@example.com' }] });
    const r = await run(gus);
    assert.equal(r.kontoraCreated, 0);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].code, 'duplicate_contact');
    assert.equal((await t.admin.expect(200, 'GET', '/contacts?name=Taken%20Elsewhere')).items.length, 1);
    // Scope "own": the other manager's contacts never reach this mailbox.
    assert.ok(!outlook(gus).some((c) => c.surname === 'Elsewhere' && c.id !== fake.contacts(gus.address)[0].id));
    assert.equal(outlook(gus).length, 1);
  });

  it('refuses what it must: no mailbox, a run already going, a role without edit rights, bad settings', async () => {
    const plain = await t.user(`nomailbox${kind}`, 'manager');
    let reply = await plain.request('POST', '/contact-sync/run');
    assert.deepEqual([reply.status, reply.body.error.code], [409, 'mailbox_not_connected']);
    const status = await plain.expect(200, 'GET', '/contact-sync/status');
    assert.equal(status.mailbox, null);
    assert.equal(status.lastRun, null);

    const hal = await connectedUser();
    // A run holding the lock (another instance's, say): a second is refused with a stable code.
    await t.server.ctx.db('contact_sync_locks').insert({ user_id: hal.id, run_id: 0, expires_at: new Date(Date.now() + 60_000).toISOString() });
    reply = await hal.request('POST', '/contact-sync/run');
    assert.deepEqual([reply.status, reply.body.error.code], [409, 'sync_running']);
    assert.equal((await hal.expect(200, 'GET', '/contact-sync/status')).running, true);
    await t.server.ctx.db('contact_sync_locks').where({ user_id: hal.id }).delete();
    // Two at once: one runs (held up by Graph asking it to wait a second), the other is refused.
    fake.throttle(1, 1, /delta/);
    const both = await Promise.all([hal.request('POST', '/contact-sync/run'), hal.request('POST', '/contact-sync/run')]);
    assert.deepEqual(both.map((b) => b.status).sort(), [200, 409]);

    const viewer = await connectedUser('viewer');
    reply = await viewer.request('POST', '/contact-sync/run');
    assert.deepEqual([reply.status, reply.body.error.code], [403, 'forbidden']);
    reply = await viewer.request('PUT', '/contact-sync/settings', { deletionPolicy: 'propagate', version: 0 });
    assert.equal(reply.status, 403);

    for (const [body, field] of [
      [{ deletionPolicy: 'shred', version: 0 }, 'deletionPolicy'],
      [{ deletionPolicy: 'unlink' }, 'version'],
      [{ category: '', version: 0 }, 'category'],
      [{ folderId: 'x'.repeat(301), version: 0 }, 'folderId'],
      [{ surprise: true, version: 0 }, undefined],
    ] as const) {
      reply = await hal.request('PUT', '/contact-sync/settings', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.code, 'validation_failed');
      if (field) assert.ok(reply.body.error.details.some((d: any) => d.field === field), JSON.stringify(reply.body));
    }
    reply = await hal.request('PUT', '/contact-sync/settings', 'not json{', { 'content-type': 'application/json' });
    assert.equal(reply.status, 400);
    reply = await hal.request('PUT', '/contact-sync/settings', { deletionPolicy: 'archive', version: 7 });
    assert.deepEqual([reply.status, reply.body.error.code], [409, 'version_conflict']);
    for (const q of ['limit=0', 'limit=abc', 'offset=-1', 'limit=201']) {
      reply = await hal.request('GET', `/contact-sync/conflicts?${q}`);
      assert.equal(reply.status, 400, q);
    }
    assert.equal((await t.anonymous.request('GET', '/contact-sync/status')).status, 401);
  });

  it('a category limits the sync to Outlook contacts that carry it', async () => {
    const ida = await connectedUser();
    await ida.expect(200, 'PUT', '/contact-sync/settings', { category: 'Kontora', version: 0 });
    fake.addContact(ida.address, { givenName: 'Private', surname: 'Friend', displayName: 'Private Friend' });
    fake.addContact(ida.address, { givenName: 'Work', surname: 'Contact', displayName: 'Work Contact', categories: ['Kontora', 'Clients'] });
    await ida.expect(201, 'POST', '/contacts', { firstName: 'From', lastName: 'Kontora', tags: ['Hot'] });
    const r = await run(ida);
    assert.deepEqual([r.kontoraCreated, r.outlookCreated], [1, 1]);
    assert.deepEqual((await mine(ida)).map((c) => c.name).sort(), ['From Kontora', 'Work Contact']);
    assert.deepEqual(outlookByName(ida, 'From Kontora').categories, ['Hot', 'Kontora']);
    assert.deepEqual((await byName(ida, 'Work Contact')).tags, ['Clients'], 'the category that selects the sync is not a tag');
  });

  it('a chosen folder limits the sync to that folder, and Kontora\'s contacts are created there', async () => {
    const jon = await connectedUser();
    const folder = fake.addFolder(jon.address, 'Kontora');
    const folders = await jon.expect(200, 'GET', '/contact-sync/folders');
    assert.ok(folders.items.some((f: any) => f.id === folder.id && f.name === 'Kontora'), JSON.stringify(folders));
    const wrong = await jon.request('PUT', '/contact-sync/settings', { folderId: 'AAMkNoSuchFolder', version: 0 });
    assert.deepEqual([wrong.status, wrong.body.error.code, wrong.body.error.details?.[0]?.field], [400, 'validation_failed', 'folderId']);
    await jon.expect(200, 'PUT', '/contact-sync/settings', { folderId: folder.id, version: 0 });
    fake.addContact(jon.address, { givenName: 'In', surname: 'Folder', displayName: 'In Folder' }, folder.id);
    fake.addContact(jon.address, { givenName: 'In', surname: 'Default', displayName: 'In Default' });
    await jon.expect(201, 'POST', '/contacts', { firstName: 'From', lastName: 'Kontora' });
    const r = await run(jon);
    assert.deepEqual([r.kontoraCreated, r.outlookCreated], [1, 1], JSON.stringify(r));
    assert.deepEqual((await mine(jon)).map((c) => c.name).sort(), ['From Kontora', 'In Folder']);
    assert.equal(outlookByName(jon, 'From Kontora').parentFolderId, folder.id);
    // An edit in the folder comes back through the folder's own delta query.
    fake.updateContact(jon.address, outlookByName(jon, 'In Folder').id, { jobTitle: 'Filed' });
    await run(jon);
    assert.equal((await byName(jon, 'In Folder')).jobTitle, 'Filed');
    assert.ok(fake.requests.some((r) => r.user === jon.address && r.path.includes(`/contactFolders/${encodeURIComponent(folder.id)}/contacts/delta`)));
    const plain = await t.user(`nofolders${kind}`, 'manager');
    assert.deepEqual(await plain.expect(200, 'GET', '/contact-sync/folders'), { items: [] });
  });

  it('syncs connected mailboxes on the schedule, and leaves alone a mailbox whose sync is already running', async () => {
    const kay = await connectedUser();
    const busy = await connectedUser();
    await kay.expect(201, 'POST', '/contacts', { firstName: 'Scheduled', lastName: 'Sync' });
    await busy.expect(201, 'POST', '/contacts', { firstName: 'Not', lastName: 'Now' });
    await t.server.ctx.db('contact_sync_locks').insert({ user_id: busy.id, run_id: 0, expires_at: new Date(Date.now() + 60_000).toISOString() });
    // A fraction of a minute, so the test does not wait for the real interval.
    const scheduler = startContactSyncScheduler(t.server.ctx, 0.002);
    try {
      for (let i = 0; i < 400 && !(await kay.expect(200, 'GET', '/contact-sync/status')).lastRun; i++) await sleep(25);
    } finally {
      await scheduler.stop();
    }
    const status = await kay.expect(200, 'GET', '/contact-sync/status');
    assert.equal(status.lastRun?.trigger, 'schedule');
    assert.ok(outlookByName(kay, 'Scheduled Sync'));
    assert.equal((await busy.expect(200, 'GET', '/contact-sync/status')).lastRun, null, 'the locked mailbox was skipped');
    assert.equal(outlook(busy).length, 0);
    await t.server.ctx.db('contact_sync_locks').where({ user_id: busy.id }).delete();
  });

  describe('offline: Outlook CSV and vCard', () => {
    let other: TestServer;
    before(async function () {
      this.timeout(30_000);
      other = await startTestServer(kind);
    });
    after(async () => {
      await other?.close();
    });

    const comparable = (c: any) => ({
      name: c.name, firstName: c.firstName, middleName: c.middleName, lastName: c.lastName, clientName: c.clientName ?? null,
      jobTitle: c.jobTitle, department: c.department, birthday: c.birthday, address: c.address, notes: c.notes,
      emails: c.emails.map((e: any) => e.address).sort(), phones: c.phones.map((p: any) => p.number).sort(), tags: [...c.tags].sort(),
    });

    // Different people per format: the importer's duplicate check would otherwise (rightly) skip look-alikes.
    const people = {
      'outlook-csv': { first: ['Jānis', 'Bērziņš'], second: ['Плоский', 'Контакт'], client: 'Baltic Amber SIA', digit: '1' },
      vcard: { first: ['Ilze', 'Ozola'], second: ['Мария', 'Иванова'], client: 'Riga Timber AS', digit: '2' },
      'vcard-3.0': { first: ['Pēteris', 'Kalniņš'], second: ['Сергей', 'Смирнов'], client: 'Vidzeme Dairy', digit: '3' },
    } as const;

    for (const format of ['outlook-csv', 'vcard', 'vcard-3.0'] as const) {
      it(`${format}: exported contacts import into an empty database as the same contacts`, async function () {
        this.timeout(20_000);
        const p = people[format];
        const d = p.digit;
        const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: p.client });
        const source = [
          await t.admin.expect(201, 'POST', '/contacts', {
            clientId: client.id, firstName: p.first[0], middleName: 'K.', lastName: p.first[1], jobTitle: 'Director', department: 'Sales; "North"',
            emails: [{ type: 'work', address: `first${d}@example.lv` }, { type: 'personal', address: `first${d}@home.example` }],
            phones: [{ type: 'work', number: `+371 6712 345${d}` }, { type: 'mobile', number: `+371 2000 123${d}` }, { type: 'home', number: `+371 6700 000${d}` }, { type: 'fax', number: `+371 6712 999${d}` }],
            birthday: '1978-03-15', address: 'Brīvības iela 100, Rīga, LV-1001', tags: ['VIP', 'Baltics'],
            notes: 'Two lines,\nwith a comma; a semicolon and a very long tail that will certainly need folding in a vCard file because it is long',
          }),
          await t.admin.expect(201, 'POST', '/contacts', { firstName: p.second[0], lastName: p.second[1], birthday: '1990-01-02', emails: [{ address: `second${d}@example.ru` }] }),
        ];
        const query = format === 'outlook-csv' ? 'format=outlook-csv' : format === 'vcard' ? 'format=vcard' : 'format=vcard&vcardVersion=3.0';
        const ids = source.map((c) => c.id).join(',');
        const res = await fetch(`${t.url}/api/v1/exports/contacts?${query}&id[in]=${ids}`, { headers: { authorization: `Bearer ${t.admin.token}` } });
        assert.equal(res.status, 200);
        const bytes = Buffer.from(await res.arrayBuffer());
        const file = bytes.toString('utf8');
        if (format === 'outlook-csv') {
          assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark, so Outlook reads UTF-8');
          assert.ok(file.startsWith('\ufeff"First Name","Middle Name","Last Name","Company"'), file.slice(0, 80));
        } else {
          assert.match(file, new RegExp(`^BEGIN:VCARD\r\nVERSION:${format === 'vcard' ? '4\\.0' : '3\\.0'}\r\n`));
          assert.ok(file.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
        }

        await other.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: p.client });
        const job = await importFile(other.admin, 'contacts', format === 'outlook-csv' ? 'contacts.csv' : 'contacts.vcf', file);
        assert.equal(job.status, 'done', JSON.stringify(job));
        assert.equal(job.counts.created, 2, JSON.stringify(job).slice(0, 3000) + file);
        for (const original of source) {
          const found = (await other.admin.expect(200, 'GET', `/contacts?lastName=${encodeURIComponent(original.lastName)}`)).items;
          assert.equal(found.length, 1, original.lastName);
          const copy = await other.admin.expect(200, 'GET', `/contacts/${found[0].id}`);
          assert.deepEqual(comparable(copy), comparable(original));
        }
      });
    }

    it('refuses an address-book format for anything but contacts, and an unknown vCard version', async () => {
      let reply = await t.admin.request('GET', '/exports/clients?format=vcard');
      assert.deepEqual([reply.status, reply.body.error.code], [400, 'invalid_query']);
      reply = await t.admin.request('GET', '/exports/contacts?format=vcard&vcardVersion=2.1');
      assert.deepEqual([reply.status, reply.body.error.code], [400, 'validation_failed']);
    });
  });
});
