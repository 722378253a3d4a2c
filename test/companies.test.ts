import assert from 'node:assert/strict';
import { defaultCompanyId } from '../server/companies/service.js';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

forEachDatabase('Our companies', (kind) => {
  let t: TestServer;
  let manager: Api & { id: number };
  let accountant: Api & { id: number };
  before(async () => {
    t = await startTestServer(kind);
    manager = await t.user('mara', 'manager', 'own');
    accountant = await t.user('agnese', 'accountant');
  });
  after(async () => t?.close());

  const ids: Record<string, number> = {};

  it('fills sensible defaults for a new company and makes the first one the default', async () => {
    assert.equal(await defaultCompanyId(t.server.ctx.db), null);
    const company = await t.admin.expect(201, 'POST', '/companies', {
      name: 'Kontora SIA', legalName: 'SIA "Kontora"', taxId: 'LV40003000000', bankAccount: 'LV80BANK0000435195001',
      directorName: 'Jānis Bērziņš', accountantName: 'Ilze Ozola', defaultCurrency: 'eur', email: 'office@kontora.example',
    });
    ids.first = company.id;
    assert.equal(company.defaultCurrency, 'EUR');
    assert.equal(company.defaultVatRate, '0');
    assert.equal(company.vatRounding, 'line');
    assert.equal(company.invoiceNumberFormat, 'INV-{YYYY}-{N:5}');
    assert.equal(company.contractNumberFormat, 'C-{YYYY}-{N:4}');
    assert.equal(company.paymentTermsDays, 14);
    assert.equal(company.isDefault, true);
    assert.equal(company.directorName, 'Jānis Bērziņš');
    assert.deepEqual(company.images, { logo: null, stamp: null, signature: null });
    assert.equal(await defaultCompanyId(t.server.ctx.db), company.id);
  });

  it('keeps a VAT rate with two decimals and refuses one above 100 %', async () => {
    const company = await t.admin.expect(200, 'GET', `/companies/${ids.first}`);
    const updated = await t.admin.expect(200, 'PATCH', `/companies/${ids.first}`, { version: company.version, defaultVatRate: '20.5', paymentTermsDays: 30, vatRounding: 'document' });
    assert.equal(updated.defaultVatRate, '20.5');
    assert.equal(updated.paymentTermsDays, 30);
    assert.equal(updated.vatRounding, 'document');
    const bad = await t.admin.patch(`/companies/${ids.first}`, { version: updated.version, defaultVatRate: '120', paymentTermsDays: 400 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['defaultVatRate', 'out_of_range'], ['paymentTermsDays', 'out_of_range']]);
    const cleared = await t.admin.expect(200, 'PATCH', `/companies/${ids.first}`, { version: updated.version, paymentTermsDays: null });
    assert.equal(cleared.paymentTermsDays, 14, 'clearing a setting brings back its default');
  });

  it('refuses number formats that cannot number documents, naming each field', async () => {
    const reply = await t.admin.post('/companies', { name: 'Bad formats Ltd', defaultCurrency: 'EUR', invoiceNumberFormat: 'INV-{YYYY}', contractNumberFormat: 'C-{N}-{N}' });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.code, 'validation_failed');
    assert.deepEqual(reply.body.error.details.map((d: { field: string }) => d.field), ['invoiceNumberFormat', 'contractNumberFormat']);
    assert.match(reply.body.error.details[0].message, /sequence number/);
    const unknown = await t.admin.post('/companies', { name: 'Bad formats Ltd', defaultCurrency: 'EUR', invoiceNumberFormat: 'INV-{DD}-{N}' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.details[0].message, /placeholder/);
    const good = await t.admin.expect(201, 'POST', '/companies', { name: 'Good formats Ltd', defaultCurrency: 'USD', invoiceNumberFormat: '{YY}/{MM}/{N:6}' });
    assert.equal(good.invoiceNumberFormat, '{YY}/{MM}/{N:6}');
    assert.equal(good.isDefault, false, 'only the first company becomes the default by itself');
    ids.second = good.id;
  });

  it('refuses a company without a name or a valid currency', async () => {
    const reply = await t.admin.post('/companies', { defaultCurrency: 'euro' });
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body.error.details.map((d: { field: string }) => d.field), ['name', 'defaultCurrency']);
    const currency = await t.admin.post('/companies', { name: 'X', defaultCurrency: 'E$' });
    assert.equal(currency.status, 400);
    assert.equal(currency.body.error.details[0].field, 'defaultCurrency');
    // The column holds 500 characters; the web address check keeps to that.
    const website = await t.admin.post('/companies', { name: 'X', defaultCurrency: 'EUR', website: `https://example.com/${'a'.repeat(481)}` });
    assert.equal(website.status, 400);
    assert.deepEqual(website.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['website', 'too_big']]);
  });

  it('has exactly one default company', async () => {
    const second = await t.admin.expect(200, 'GET', `/companies/${ids.second}`);
    await t.admin.expect(200, 'PATCH', `/companies/${ids.second}`, { version: second.version, isDefault: true });
    const found = await t.admin.expect(200, 'GET', '/companies?q=' + encodeURIComponent('LV4000300'));
    assert.deepEqual(found.items.map((c: { name: string }) => c.name), ['Kontora SIA'], 'found by tax id');
    const list = await t.admin.expect(200, 'GET', '/companies?sort=name');
    assert.deepEqual(list.items.map((c: { name: string; isDefault: boolean }) => [c.name, c.isDefault]), [['Good formats Ltd', true], ['Kontora SIA', false]]);
    assert.equal(await defaultCompanyId(t.server.ctx.db), ids.second);
    const now = await t.admin.expect(200, 'GET', `/companies/${ids.second}`);
    const unset = await t.admin.patch(`/companies/${ids.second}`, { version: now.version, isDefault: false });
    assert.equal(unset.status, 409);
    assert.equal(unset.body.error.code, 'invalid_state');
    const remove = await t.admin.delete(`/companies/${ids.second}`);
    assert.equal(remove.status, 409, 'the default company cannot be deleted while another exists');
  });

  it('lets a manager read the companies, an accountant edit them, and only an admin create them', async () => {
    const list = await manager.expect(200, 'GET', '/companies');
    assert.equal(list.total, 2);
    const create = await manager.post('/companies', { name: 'Mine', defaultCurrency: 'EUR' });
    assert.equal(create.status, 403);
    const first = await accountant.expect(200, 'GET', `/companies/${ids.first}`);
    const edited = await accountant.expect(200, 'PATCH', `/companies/${ids.first}`, { version: first.version, bankName: 'Swedbank' });
    assert.equal(edited.bankName, 'Swedbank');
    const byAccountant = await accountant.post('/companies', { name: 'Mine', defaultCurrency: 'EUR' });
    assert.equal(byAccountant.status, 403);
    const managerEdit = await manager.patch(`/companies/${ids.first}`, { version: edited.version, bankName: 'Other' });
    assert.equal(managerEdit.status, 403);
  });

  it('refuses to delete a company that has contracts, and deletes one that has none', async () => {
    const client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Buyer Ltd' });
    await t.admin.expect(201, 'POST', '/contracts', { clientId: client.id, companyId: ids.first, subject: 'Support', currency: 'EUR' });
    const reply = await t.admin.delete(`/companies/${ids.first}`);
    assert.equal(reply.status, 409);
    assert.equal(reply.body.error.code, 'in_use');
    const spare = await t.admin.expect(201, 'POST', '/companies', { name: 'Spare Ltd', defaultCurrency: 'EUR' });
    await t.admin.expect(204, 'DELETE', `/companies/${spare.id}`);
    await t.admin.expect(404, 'GET', `/companies/${spare.id}`);
  });
});
