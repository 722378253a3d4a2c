import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { importFile } from './import-support.js';

/**
 * New clients of an import are written one statement per table per chunk
 * (server/imports/bulk-insert.ts): every value must land in its own row,
 * typed as the API would store it, and the phones, contact person, search
 * entry and audit entry must belong to the client of the same file row.
 */
forEachDatabase('Import bulk write', (kind) => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Loyalty card', type: 'text' });
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Discount rate', type: 'number', options: { decimals: 2 } });
    await t.admin.expect(201, 'POST', '/fields', { entity: 'client', label: 'Newsletter', type: 'boolean' });
  });
  after(async () => t?.close());

  it('writes each row\'s values, channels, contact person, search entry and audit entry to that row\'s client', async () => {
    const names = ['Aurora Mills', 'Birch Logistics', 'Cedar Foods', 'Delta "Quoted" Trading', 'Ёлка Сервис'];
    const lines = names.map((name, i) => [
      `"${name.replace(/"/g, '""')}"`, `77010000${10 + i}`, `+7 495 000-00-${10 + i}`, `box${i}@bulk.example`,
      `Card${700 + i}`, `${i}.5`, i % 2 ? 'yes' : 'no', `Person${i} Contact`,
    ].join(','));
    const csv = `Company,INN,Phone,E-mail,Loyalty card,Discount rate,Newsletter,Contact person\n${lines.join('\n')}\n`;
    const job = await importFile(t.admin, 'clients', 'bulk.csv', csv);
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.deepEqual(job.counts, { created: 5, updated: 0, skipped: 0, failed: 0, held: 0 });
    const list = await t.admin.expect(200, 'GET', '/clients?sort=name&limit=50');
    for (const [i, name] of names.entries()) {
      const c = list.items.find((x: any) => x.name === name);
      assert.ok(c, name);
      assert.deepEqual([c.taxId, c.phones.map((p: any) => p.number), c.emails.map((e: any) => e.address), c.loyaltyCard, c.discountRate, c.newsletter, c.version],
        [`77010000${10 + i}`, [`+7 495 000-00-${10 + i}`], [`box${i}@bulk.example`], `Card${700 + i}`, `${i}.5`, i % 2 === 1, 1], name);
      const contacts = await t.admin.expect(200, 'GET', `/contacts?clientId=${c.id}`);
      assert.deepEqual(contacts.items.map((p: any) => [p.name, p.clientId]), [[`Person${i} Contact`, c.id]], name);
      const found = await t.admin.expect(200, 'GET', `/search?q=${encodeURIComponent(`box${i}@bulk.example`)}`);
      assert.deepEqual(found.items.filter((f: any) => f.entity === 'client').map((f: any) => f.id ?? f.recordId), [c.id], name);
      const byCard = await t.admin.expect(200, 'GET', `/search?q=card${700 + i}`);
      assert.deepEqual(byCard.items.filter((f: any) => f.entity === 'client').map((f: any) => f.id ?? f.recordId), [c.id], `${name}: found by its custom text field`);
      const person = await t.admin.expect(200, 'GET', `/search?q=Person${i}`);
      assert.equal(person.items.filter((f: any) => f.entity === 'contact').length, 1, name);
      const history = await t.admin.expect(200, 'GET', `/clients/${c.id}/audit`);
      const created = history.items.find((h: any) => h.action === 'create');
      assert.equal(created?.changes?.name?.new, name, JSON.stringify(history.items).slice(0, 300));
    }
  });
});
