import assert from 'node:assert/strict';
import { renewalTerm } from '../server/contracts/term.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

describe('Contract renewal term', () => {
  const cases: [string, string, string, string][] = [
    ['a calendar year', '2026-01-01', '2026-12-31', '2027-01-01 – 2027-12-31'],
    ['a year into a leap year', '2027-01-01', '2027-12-31', '2028-01-01 – 2028-12-31'],
    ['a year from March', '2026-03-01', '2027-02-28', '2027-03-01 – 2028-02-29'],
    ['a quarter from mid-month', '2026-03-15', '2026-06-14', '2026-06-15 – 2026-09-14'],
    ['a month ending at the end of February', '2026-02-01', '2026-02-28', '2026-03-01 – 2026-03-31'],
    ['86 days, not whole months', '2026-01-10', '2026-04-05', '2026-04-06 – 2026-06-30'],
    ['a single day', '2026-05-05', '2026-05-05', '2026-05-06 – 2026-05-06'],
  ];
  for (const [what, startDate, endDate, expected] of cases) {
    it(`renews ${what} for the same length`, () => {
      const term = renewalTerm({ startDate, endDate });
      assert.equal(`${term.startDate} – ${term.endDate}`, expected);
    });
  }
});

forEachDatabase('Contract renewal', (kind) => {
  let t: TestServer;
  let anna: Api & { id: number };
  let boris: Api & { id: number };
  let viewer: Api & { id: number };
  let clientId: number;
  let productId: number;
  let retailId: number;
  let contract: any;

  before(async () => {
    t = await startTestServer(kind, { now: '2026-11-27T10:00:00Z' });
    await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company', defaultCurrency: 'EUR' });
    retailId = (await t.admin.expect(201, 'POST', '/price-types', { name: 'Retail', currency: 'EUR' })).id;
    productId = (await t.admin.expect(201, 'POST', '/products', { kind: 'service', name: 'Support plan', unit: 'month', vatRate: '21', prices: [{ priceTypeId: retailId, amount: '100.00' }] })).id;
    await t.admin.expect(201, 'POST', '/fields', { entity: 'contract', label: 'Contract type', type: 'one_of', options: { choices: [{ label: 'Service' }, { label: 'Supply' }] } });
    anna = await t.user('anna', 'manager', 'own');
    boris = await t.user('boris', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    clientId = (await anna.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Globex Corporation' })).id;
    contract = await anna.expect(201, 'POST', '/contracts', {
      clientId, subject: 'Support 2026', startDate: '2026-01-01', endDate: '2026-12-31', autoRenew: true, noticeDays: 45, contractType: 'service',
      lines: [
        { productId, quantity: '12', discount: '5' },
        { description: 'Onboarding workshop', unit: 'day', quantity: '1', price: '450.00' },
      ],
    });
    assert.equal(contract.lines[0].price, '100.00');
  });
  after(async () => t?.close());

  it('creates the next term with the same client, conditions, lines, prices and custom values', async () => {
    // The price list changes after the contract was signed; by default the renewal keeps the agreed prices.
    const product = await t.admin.expect(200, 'GET', `/products/${productId}`);
    await t.admin.expect(200, 'PATCH', `/products/${productId}`, { version: product.version, prices: [{ priceTypeId: retailId, amount: '120.00' }] });

    const renewal = await anna.expect(201, 'POST', `/contracts/${contract.id}/renew`, {});
    assert.notEqual(renewal.id, contract.id);
    assert.notEqual(renewal.number, contract.number);
    assert.equal(renewal.renewedFromId, contract.id);
    assert.deepEqual(
      [renewal.clientId, renewal.subject, renewal.startDate, renewal.endDate, renewal.autoRenew, renewal.noticeDays, renewal.status, renewal.contractType],
      [clientId, 'Support 2026', '2027-01-01', '2027-12-31', true, 45, 'active', 'service'],
    );
    assert.deepEqual(
      renewal.lines.map((l: any) => [l.productId, l.description, l.quantity, l.price, l.discount, l.vatRate]),
      contract.lines.map((l: any) => [l.productId, l.description, l.quantity, l.price, l.discount, l.vatRate]),
    );
    assert.equal(renewal.total, contract.total);

    const source = await anna.expect(200, 'GET', `/contracts/${contract.id}`);
    assert.equal(source.renewalId, renewal.id);
    assert.equal(source.version, contract.version, 'the renewed contract itself is not changed');
    const audit = await anna.expect(200, 'GET', `/contracts/${renewal.id}/audit`);
    assert.equal(audit.items[0].action, 'create');
  });

  it('refuses to renew the same contract twice, naming the renewal', async () => {
    const again = await anna.post(`/contracts/${contract.id}/renew`, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_exists');
    const source = await anna.expect(200, 'GET', `/contracts/${contract.id}`);
    assert.equal(again.body.error.details[0].renewalId, source.renewalId);
  });

  it('renews at today\'s prices of the client\'s price type when asked, keeping free-text lines as they are', async () => {
    const second = await anna.expect(201, 'POST', '/contracts', {
      clientId, subject: 'Support, second site', startDate: '2026-03-15', endDate: '2026-06-14',
      lines: [{ productId, quantity: '3', price: '90.00' }, { description: 'Travel', quantity: '1', price: '75.50' }],
    });
    const renewal = await anna.expect(201, 'POST', `/contracts/${second.id}/renew`, { prices: 'current' });
    assert.deepEqual([renewal.startDate, renewal.endDate], ['2026-06-15', '2026-09-14']);
    assert.deepEqual(renewal.lines.map((l: any) => [l.description, l.price]), [['Support plan', '120.00'], ['Travel', '75.50']]);
  });

  it('takes another term and number when given', async () => {
    const third = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Hosting', startDate: '2026-01-01', endDate: '2026-12-31' });
    const renewal = await anna.expect(201, 'POST', `/contracts/${third.id}/renew`, { startDate: '2027-02-01', endDate: '2029-01-31', number: 'H-2027/1' });
    assert.deepEqual([renewal.startDate, renewal.endDate, renewal.number], ['2027-02-01', '2029-01-31', 'H-2027/1']);
    const backwards = await anna.post(`/contracts/${third.id}/renew`, { startDate: '2027-02-01', endDate: '2027-01-01' });
    assert.equal(backwards.status, 409, 'already renewed comes first');
    const fourth = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Backups', startDate: '2026-01-01', endDate: '2026-12-31' });
    const reversed = await anna.post(`/contracts/${fourth.id}/renew`, { startDate: '2027-02-01', endDate: '2027-01-01' });
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.error.details[0].field, 'endDate');
    const badDate = await anna.post(`/contracts/${fourth.id}/renew`, { startDate: '2027-02-30' });
    assert.equal(badDate.status, 400);
    const unknown = await anna.post(`/contracts/${fourth.id}/renew`, { prices: 'cheapest' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details[0].field, 'prices');
  });

  it('renews only active contracts that have an end date', async () => {
    const open = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Open-ended', startDate: '2026-01-01' });
    const noEnd = await anna.post(`/contracts/${open.id}/renew`, {});
    assert.equal(noEnd.status, 409);
    assert.equal(noEnd.body.error.code, 'invalid_state');

    const draft = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Proposal', status: 'draft', startDate: '2026-01-01', endDate: '2026-06-30' });
    assert.equal((await anna.post(`/contracts/${draft.id}/renew`, {})).body.error.code, 'invalid_state');

    const ended = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Ended', startDate: '2026-01-01', endDate: '2026-06-30' });
    await anna.expect(200, 'PATCH', `/contracts/${ended.id}`, { version: ended.version, status: 'terminated' });
    assert.equal((await anna.post(`/contracts/${ended.id}/renew`, {})).body.error.code, 'invalid_state');
  });

  it('lets only users who may create contracts renew those they can see', async () => {
    const other = await anna.expect(201, 'POST', '/contracts', { clientId, subject: 'Maintenance', startDate: '2026-01-01', endDate: '2026-12-31' });
    const stranger = await boris.post(`/contracts/${other.id}/renew`, {});
    assert.equal(stranger.status, 404, 'another manager\'s contract does not exist for an own-scope manager');
    const reader = await viewer.post(`/contracts/${other.id}/renew`, {});
    assert.equal(reader.status, 403);
    assert.equal((await anna.expect(200, 'GET', `/contracts/${other.id}`)).renewalId, null);
    assert.equal((await t.admin.post('/contracts/999999/renew', {})).status, 404);
    assert.equal((await t.admin.post('/contracts/abc/renew', {})).status, 400);
  });
});
