import assert from 'node:assert/strict';
import { forEachDatabase } from './support/databases.js';
import { startTestServer, type Api, type TestServer } from './support/server.js';

forEachDatabase('Catalog: price types, categories, products and prices', (kind) => {
  let t: TestServer;
  let manager: Api & { id: number };
  let otherManager: Api & { id: number };
  let viewer: Api & { id: number };
  let accountant: Api & { id: number };
  before(async () => {
    t = await startTestServer(kind);
    manager = await t.user('mara', 'manager', 'own');
    otherManager = await t.user('oskars', 'manager', 'own');
    viewer = await t.user('vera', 'viewer');
    accountant = await t.user('agnese', 'accountant');
  });
  after(async () => t?.close());

  const ids: Record<string, number> = {};

  describe('price types', () => {
    it('makes the first price type the default even when not asked to', async () => {
      const retail = await t.admin.expect(201, 'POST', '/price-types', { name: 'Retail', currency: 'EUR', isDefault: false });
      assert.equal(retail.isDefault, true);
      assert.equal(retail.currency, 'EUR');
      const wholesale = await t.admin.expect(201, 'POST', '/price-types', { name: 'Wholesale', currency: 'eur' });
      assert.equal(wholesale.isDefault, false);
      assert.equal(wholesale.currency, 'EUR', 'a lower-case code is taken in upper case');
      ids.retail = retail.id;
      ids.wholesale = wholesale.id;
    });

    it('moves the default flag when another price type becomes the default', async () => {
      const wholesale = await t.admin.expect(200, 'GET', `/price-types/${ids.wholesale}`);
      await t.admin.expect(200, 'PATCH', `/price-types/${ids.wholesale}`, { version: wholesale.version, isDefault: true });
      const list = await t.admin.expect(200, 'GET', '/price-types?sort=name');
      assert.deepEqual(list.items.map((p: { name: string; isDefault: boolean }) => [p.name, p.isDefault]), [['Retail', false], ['Wholesale', true]]);
      // The price type that lost the flag changed, so a form showing the old flag is stale.
      const retail = list.items.find((p: { name: string }) => p.name === 'Retail');
      assert.equal(retail.version, 2);
      const back = await t.admin.expect(200, 'PATCH', `/price-types/${ids.retail}`, { version: retail.version, isDefault: true });
      assert.equal(back.isDefault, true);
      const defaults = await t.admin.expect(200, 'GET', '/price-types?isDefault=true');
      assert.equal(defaults.total, 1);
      assert.equal(defaults.items[0].id, ids.retail);
    });

    it('refuses to leave the catalog without a default price type', async () => {
      const retail = await t.admin.expect(200, 'GET', `/price-types/${ids.retail}`);
      const reply = await t.admin.patch(`/price-types/${ids.retail}`, { version: retail.version, isDefault: false });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'invalid_state');
      assert.equal(reply.body.error.details[0].field, 'isDefault');
    });

    it('refuses a duplicate name, whatever its case, and a currency that is no ISO code', async () => {
      const dup = await t.admin.post('/price-types', { name: 'retail', currency: 'EUR' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'already_exists');
      assert.equal(dup.body.error.details[0].field, 'name');
      const bad = await t.admin.post('/price-types', { name: 'Dealer', currency: 'E1R' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
      assert.equal(bad.body.error.details[0].field, 'currency');
      const missing = await t.admin.post('/price-types', { name: 'Dealer' });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.details[0].field, 'currency');
    });

    it('adds a price type in a currency without minor units', async () => {
      const yen = await t.admin.expect(201, 'POST', '/price-types', { name: 'Japan', currency: 'JPY' });
      ids.yen = yen.id;
    });
  });

  describe('client categories', () => {
    it('keeps a discount in percent with two decimals and a price type', async () => {
      const gold = await t.admin.expect(201, 'POST', '/client-categories', { name: 'Gold card', discount: '10', priceTypeId: ids.wholesale, description: 'Our best clients' });
      assert.equal(gold.discount, '10');
      assert.equal(gold.priceTypeName, 'Wholesale');
      ids.gold = gold.id;
      const plain = await t.admin.expect(201, 'POST', '/client-categories', { name: 'Newcomer' });
      assert.equal(plain.discount, '0', 'no discount unless given');
      assert.equal(plain.priceTypeId, null);
      ids.newcomer = plain.id;
      const silver = await t.admin.expect(201, 'POST', '/client-categories', { name: 'Silver', discount: 2.5 });
      assert.equal(silver.discount, '2.5');
      ids.silver = silver.id;
    });

    it('refuses a discount outside 0–100 %, with too many decimals, or an unknown price type', async () => {
      const over = await t.admin.post('/client-categories', { name: 'Too generous', discount: '120' });
      assert.equal(over.status, 400);
      assert.deepEqual(over.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['discount', 'out_of_range']]);
      const negative = await t.admin.post('/client-categories', { name: 'Penalty', discount: '-1' });
      assert.equal(negative.status, 400);
      const precise = await t.admin.post('/client-categories', { name: 'Precise', discount: '1.234' });
      assert.equal(precise.status, 400);
      assert.equal(precise.body.error.details[0].field, 'discount');
      const ghost = await t.admin.post('/client-categories', { name: 'Ghost', priceTypeId: 99999 });
      assert.equal(ghost.status, 422);
      assert.equal(ghost.body.error.code, 'reference_invalid');
      assert.equal(ghost.body.error.details[0].field, 'priceTypeId');
      const dup = await t.admin.post('/client-categories', { name: 'GOLD CARD' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'already_exists');
    });

    it('finds a category by part of its name', async () => {
      const found = await t.admin.expect(200, 'GET', '/client-categories?q=card');
      assert.deepEqual(found.items.map((c: { name: string }) => c.name), ['Gold card']);
    });
  });

  describe('product categories', () => {
    it('nests categories and shows the tree with product counts', async () => {
      const hardware = await t.admin.expect(201, 'POST', '/product-categories', { name: 'Hardware', position: 1 });
      const fasteners = await t.admin.expect(201, 'POST', '/product-categories', { name: 'Fasteners', parentId: hardware.id });
      const screws = await t.admin.expect(201, 'POST', '/product-categories', { name: 'Screws', parentId: fasteners.id });
      const services = await t.admin.expect(201, 'POST', '/product-categories', { name: 'Services', position: 2 });
      Object.assign(ids, { hardware: hardware.id, fasteners: fasteners.id, screws: screws.id, services: services.id });
      assert.equal(fasteners.position, 0);
      await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Hammer', categoryId: hardware.id });
      await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Wood screw 4x40', categoryId: screws.id });
      await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Drywall screw 3.5x35', categoryId: screws.id });

      const tree = await manager.expect(200, 'GET', '/product-categories/tree');
      assert.deepEqual(tree.items.map((n: { name: string }) => n.name), ['Hardware', 'Services']);
      const [hw] = tree.items;
      assert.equal(hw.productCount, 1);
      assert.equal(hw.totalProductCount, 3);
      assert.equal(hw.children[0].name, 'Fasteners');
      assert.equal(hw.children[0].children[0].name, 'Screws');
      assert.equal(hw.children[0].children[0].productCount, 2);
      assert.deepEqual(hw.children[0].children[0].children, []);
    });

    it('refuses to put a category inside itself or its own subcategory', async () => {
      const hardware = await t.admin.expect(200, 'GET', `/product-categories/${ids.hardware}`);
      const intoChild = await t.admin.patch(`/product-categories/${ids.hardware}`, { version: hardware.version, parentId: ids.screws });
      assert.equal(intoChild.status, 400);
      assert.equal(intoChild.body.error.code, 'validation_failed');
      assert.deepEqual(intoChild.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['parentId', 'cycle']]);
      const intoSelf = await t.admin.patch(`/product-categories/${ids.hardware}`, { version: hardware.version, parentId: ids.hardware });
      assert.equal(intoSelf.status, 400);
      assert.equal(intoSelf.body.error.details[0].field, 'parentId');
      const missing = await t.admin.patch(`/product-categories/${ids.hardware}`, { version: hardware.version, parentId: 99999 });
      assert.equal(missing.status, 422);
      // Nothing changed: the tree still has Hardware at the top.
      const tree = await t.admin.expect(200, 'GET', '/product-categories/tree');
      assert.equal(tree.items[0].name, 'Hardware');
      // A legitimate move works: Screws straight under Hardware.
      const screws = await t.admin.expect(200, 'GET', `/product-categories/${ids.screws}`);
      const moved = await t.admin.expect(200, 'PATCH', `/product-categories/${ids.screws}`, { version: screws.version, parentId: ids.hardware });
      assert.equal(moved.parentId, ids.hardware);
      await t.admin.expect(200, 'PATCH', `/product-categories/${ids.screws}`, { version: moved.version, parentId: ids.fasteners });
    });

    it('refuses to delete a category that still has subcategories or products', async () => {
      const withChildren = await t.admin.delete(`/product-categories/${ids.fasteners}`);
      assert.equal(withChildren.status, 409);
      assert.equal(withChildren.body.error.code, 'in_use');
      const withProducts = await t.admin.delete(`/product-categories/${ids.screws}`);
      assert.equal(withProducts.status, 409);
      assert.equal(withProducts.body.error.code, 'in_use');
      const empty = await t.admin.expect(201, 'POST', '/product-categories', { name: 'Empty' });
      await t.admin.expect(204, 'DELETE', `/product-categories/${empty.id}`);
    });
  });

  describe('products', () => {
    it('keeps prices per price type as exact decimal strings in each currency', async () => {
      const drill = await t.admin.expect(201, 'POST', '/products', {
        kind: 'good', name: 'Cordless drill', sku: 'DR-18V', vatRate: '21', categoryId: ids.hardware,
        prices: [{ priceTypeId: ids.retail, amount: '129.90' }, { priceTypeId: ids.wholesale, amount: 99.5 }, { priceTypeId: ids.yen, amount: '18000' }],
      });
      ids.drill = drill.id;
      assert.equal(drill.unit, 'pcs');
      assert.equal(drill.active, true);
      assert.equal(drill.vatRate, '21');
      assert.equal(drill.categoryName, 'Hardware');
      assert.deepEqual(drill.prices, [
        { priceTypeId: ids.retail, priceTypeName: 'Retail', currency: 'EUR', amount: '129.90' },
        { priceTypeId: ids.yen, priceTypeName: 'Japan', currency: 'JPY', amount: '18000' },
        { priceTypeId: ids.wholesale, priceTypeName: 'Wholesale', currency: 'EUR', amount: '99.50' },
      ]);
      // Exact: 0.1 + 0.2 style amounts survive unchanged.
      const updated = await t.admin.expect(200, 'PATCH', `/products/${drill.id}`, { version: drill.version, prices: [{ priceTypeId: ids.retail, amount: '0.30' }] });
      assert.deepEqual(updated.prices.map((p: { amount: string }) => p.amount), ['0.30'], 'prices given replace the old ones');
      const untouched = await t.admin.expect(200, 'PATCH', `/products/${drill.id}`, { version: updated.version, name: 'Cordless drill 18V' });
      assert.equal(untouched.prices.length, 1, 'prices not given stay as they were');
      await t.admin.expect(200, 'PATCH', `/products/${drill.id}`, {
        version: untouched.version,
        prices: [{ priceTypeId: ids.retail, amount: '129.90' }, { priceTypeId: ids.wholesale, amount: '99.50' }, { priceTypeId: ids.yen, amount: '18000' }],
      });
    });

    it('checks each amount against the decimals of its price type\'s currency', async () => {
      const cents = await t.admin.post('/products', { kind: 'good', name: 'Odd price', prices: [{ priceTypeId: ids.retail, amount: '1.005' }] });
      assert.equal(cents.status, 400);
      assert.deepEqual(cents.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['prices.0.amount', 'too_many_decimals']]);
      assert.match(cents.body.error.details[0].message, /EUR amounts have at most 2 decimal places/);
      const yen = await t.admin.post('/products', { kind: 'good', name: 'Odd yen price', prices: [{ priceTypeId: ids.retail, amount: '5' }, { priceTypeId: ids.yen, amount: '100.5' }] });
      assert.equal(yen.status, 400);
      assert.equal(yen.body.error.details[0].field, 'prices.1.amount');
      const negative = await t.admin.post('/products', { kind: 'good', name: 'Negative', prices: [{ priceTypeId: ids.retail, amount: '-1' }] });
      assert.equal(negative.status, 400);
      assert.equal(negative.body.error.details[0].code, 'out_of_range');
      const text = await t.admin.post('/products', { kind: 'good', name: 'Text', prices: [{ priceTypeId: ids.retail, amount: 'twelve' }] });
      assert.equal(text.status, 400);
      const twice = await t.admin.post('/products', { kind: 'good', name: 'Twice', prices: [{ priceTypeId: ids.retail, amount: '1' }, { priceTypeId: ids.retail, amount: '2' }] });
      assert.equal(twice.status, 400);
      const ghost = await t.admin.post('/products', { kind: 'good', name: 'Ghost', prices: [{ priceTypeId: 99999, amount: '1' }] });
      assert.equal(ghost.status, 422);
      assert.equal(ghost.body.error.details[0].field, 'prices.0.priceTypeId');
      // None of the refused products was created.
      const list = await t.admin.expect(200, 'GET', '/products?q=' + encodeURIComponent('Odd'));
      assert.equal(list.total, 0);
    });

    it('validates kind, VAT rate and category', async () => {
      const reply = await t.admin.post('/products', { kind: 'thing', name: 'Widget', vatRate: '101', categoryId: 99999 });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body.error.details.map((d: { field: string }) => d.field), ['kind']);
      const vat = await t.admin.post('/products', { kind: 'good', name: 'Widget', vatRate: '101' });
      assert.equal(vat.status, 400);
      assert.deepEqual(vat.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['vatRate', 'out_of_range']]);
      const category = await t.admin.post('/products', { kind: 'good', name: 'Widget', categoryId: 99999 });
      assert.equal(category.status, 422);
      assert.equal(category.body.error.code, 'reference_invalid');
      const noName = await t.admin.post('/products', { kind: 'service' });
      assert.equal(noName.status, 400);
      assert.equal(noName.body.error.details[0].field, 'name');
    });

    it('keeps SKUs unique, but any number of products may have none', async () => {
      const dup = await t.admin.post('/products', { kind: 'good', name: 'Another drill', sku: 'dr-18v' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'already_exists');
      assert.equal(dup.body.error.details[0].field, 'sku');
      const a = await t.admin.expect(201, 'POST', '/products', { kind: 'service', name: 'Installation', sku: '' });
      const b = await t.admin.expect(201, 'POST', '/products', { kind: 'service', name: 'Consulting, hour', unit: 'h' });
      assert.equal(a.sku, null);
      assert.equal(b.sku, null);
      assert.equal(b.unit, 'h');
      ids.installation = a.id;
      const renamed = await t.admin.patch(`/products/${b.id}`, { version: b.version, sku: 'DR-18V' });
      assert.equal(renamed.status, 409);
    });

    it('finds products by name or SKU, ignoring case, with wildcards taken literally', async () => {
      await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Discount 100% pack', sku: 'PACK_1' });
      const byName = await t.admin.expect(200, 'GET', '/products?q=DRILL');
      assert.deepEqual(byName.items.map((p: { name: string }) => p.name), ['Cordless drill 18V']);
      const bySku = await t.admin.expect(200, 'GET', '/products?q=dr-18');
      assert.equal(bySku.total, 1);
      const percent = await t.admin.expect(200, 'GET', '/products?q=' + encodeURIComponent('100%'));
      assert.deepEqual(percent.items.map((p: { name: string }) => p.name), ['Discount 100% pack']);
      const underscore = await t.admin.expect(200, 'GET', '/products?q=' + encodeURIComponent('k_1'));
      assert.equal(underscore.total, 1);
      const wildcard = await t.admin.expect(200, 'GET', '/products?q=' + encodeURIComponent('%'));
      assert.equal(wildcard.total, 1, '"%" only matches a literal percent sign');
    });

    it('lists a category with or without its subcategories', async () => {
      const direct = await t.admin.expect(200, 'GET', `/products?categoryId=${ids.hardware}`);
      assert.deepEqual(direct.items.map((p: { name: string }) => p.name).sort(), ['Cordless drill 18V', 'Hammer']);
      const all = await t.admin.expect(200, 'GET', `/products?category=${ids.hardware}&sort=name`);
      assert.deepEqual(all.items.map((p: { name: string }) => p.name), ['Cordless drill 18V', 'Drywall screw 3.5x35', 'Hammer', 'Wood screw 4x40']);
      const fasteners = await t.admin.expect(200, 'GET', `/products?category=${ids.fasteners}`);
      assert.equal(fasteners.total, 2);
      const bad = await t.admin.get('/products?category=abc');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid_query');
      // Beyond the id column's range (PostgreSQL's integer): refused the same way.
      for (const id of ['99999999999', '2147483648', '0']) {
        const outside = await t.admin.get(`/products?category=${id}`);
        assert.deepEqual([outside.status, outside.body.error?.code, outside.body.error?.details?.[0]?.field], [400, 'invalid_query', 'category'], id);
      }
      assert.equal((await t.admin.expect(200, 'GET', '/products?category=2147483647')).total, 0);
    });

    it('hides retired products from a filtered list', async () => {
      const hammer = (await t.admin.expect(200, 'GET', '/products?q=hammer')).items[0];
      await t.admin.expect(200, 'PATCH', `/products/${hammer.id}`, { version: hammer.version, active: false });
      const active = await t.admin.expect(200, 'GET', `/products?category=${ids.hardware}&active=true&sort=name`);
      assert.deepEqual(active.items.map((p: { name: string }) => p.name), ['Cordless drill 18V', 'Drywall screw 3.5x35', 'Wood screw 4x40']);
      assert.equal(active.total, 3);
      const retired = await t.admin.expect(200, 'GET', `/products?category=${ids.hardware}&active=false`);
      assert.deepEqual(retired.items.map((p: { name: string }) => p.name), ['Hammer']);
    });
  });

  describe('prices for a client', () => {
    it('uses the price type and discount of the client\'s category, else the default price type', async () => {
      const gold = await manager.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Gold Buyer Ltd', categoryId: ids.gold });
      const newcomer = await manager.expect(201, 'POST', '/clients', { kind: 'legal', name: 'New Buyer Ltd', categoryId: ids.newcomer });
      const plain = await manager.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Plain Buyer Ltd' });
      Object.assign(ids, { goldClient: gold.id, newcomerClient: newcomer.id, plainClient: plain.id });

      assert.deepEqual(await manager.expect(200, 'GET', `/products/${ids.drill}/price?clientId=${gold.id}`), { priceTypeId: ids.wholesale, currency: 'EUR', price: '99.50', discount: '10' });
      assert.deepEqual(await manager.expect(200, 'GET', `/products/${ids.drill}/price?clientId=${newcomer.id}`), { priceTypeId: ids.retail, currency: 'EUR', price: '129.90', discount: '0' });
      assert.deepEqual(await manager.expect(200, 'GET', `/products/${ids.drill}/price?clientId=${plain.id}`), { priceTypeId: ids.retail, currency: 'EUR', price: '129.90', discount: '0' });
      assert.deepEqual(await manager.expect(200, 'GET', `/products/${ids.drill}/price`), { priceTypeId: ids.retail, currency: 'EUR', price: '129.90', discount: '0' });
    });

    it('answers 404 when the product has no price for the client', async () => {
      const reply = await manager.get(`/products/${ids.installation}/price?clientId=${ids.goldClient}`);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.error.code, 'not_found');
    });

    it('does not tell a manager the price for another manager\'s client', async () => {
      const reply = await otherManager.get(`/products/${ids.drill}/price?clientId=${ids.goldClient}`);
      assert.equal(reply.status, 404);
      const bad = await manager.get(`/products/${ids.drill}/price?clientId=x`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid_query');
      for (const id of ['99999999999', '2147483648', '0']) {
        const outside = await manager.get(`/products/${ids.drill}/price?clientId=${id}`);
        assert.deepEqual([outside.status, outside.body.error?.code, outside.body.error?.details?.[0]?.code], [400, 'invalid_query', 'invalid_id'], id);
      }
      assert.equal((await manager.get(`/products/${ids.drill}/price?clientId=2147483647`)).status, 404);
    });

    it('changes with the category: a new discount applies at once', async () => {
      const gold = await t.admin.expect(200, 'GET', `/client-categories/${ids.gold}`);
      await t.admin.expect(200, 'PATCH', `/client-categories/${ids.gold}`, { version: gold.version, discount: '12.5' });
      const price = await manager.expect(200, 'GET', `/products/${ids.drill}/price?clientId=${ids.goldClient}`);
      assert.equal(price.discount, '12.5');
    });
  });

  describe('what is in use cannot be deleted', () => {
    it('keeps price types used by prices or client categories', async () => {
      const byPrices = await t.admin.delete(`/price-types/${ids.yen}`);
      assert.equal(byPrices.status, 409);
      assert.equal(byPrices.body.error.code, 'in_use');
      const drill = await t.admin.expect(200, 'GET', `/products/${ids.drill}`);
      assert.equal(drill.prices.length, 3, 'the drill kept its prices');
      const byCategory = await t.admin.delete(`/price-types/${ids.wholesale}`);
      assert.equal(byCategory.status, 409);
      assert.match(byCategory.body.error.message, /client categor/);
    });

    it('refuses to delete the default price type while others exist', async () => {
      const spare = await t.admin.expect(201, 'POST', '/price-types', { name: 'Spare', currency: 'USD' });
      const retail = await t.admin.expect(200, 'GET', `/price-types/${ids.retail}`);
      assert.equal(retail.isDefault, true);
      await t.admin.expect(200, 'PATCH', `/price-types/${spare.id}`, { version: spare.version, isDefault: true });
      const promoted = await t.admin.expect(200, 'GET', `/price-types/${spare.id}`);
      const reply = await t.admin.delete(`/price-types/${spare.id}`);
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'invalid_state');
      const retailNow = await t.admin.expect(200, 'GET', `/price-types/${ids.retail}`);
      await t.admin.expect(200, 'PATCH', `/price-types/${ids.retail}`, { version: retailNow.version, isDefault: true });
      await t.admin.expect(204, 'DELETE', `/price-types/${promoted.id}`);
    });

    it('refuses to change the currency of a price type that has prices', async () => {
      const yen = await t.admin.expect(200, 'GET', `/price-types/${ids.yen}`);
      const reply = await t.admin.patch(`/price-types/${ids.yen}`, { version: yen.version, currency: 'EUR' });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.details[0].field, 'currency');
    });

    it('keeps client categories that clients are in', async () => {
      const reply = await t.admin.delete(`/client-categories/${ids.gold}`);
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'in_use');
      await t.admin.expect(204, 'DELETE', `/client-categories/${ids.silver}`);
    });

    it('keeps products that contract lines use, suggesting to retire them instead', async () => {
      await t.admin.expect(201, 'POST', '/companies', { name: 'Our Company SIA', defaultCurrency: 'EUR' });
      await t.admin.expect(201, 'POST', '/contracts', {
        clientId: ids.goldClient, subject: 'Tools supply', lines: [{ productId: ids.drill, quantity: '2' }],
      });
      const reply = await t.admin.delete(`/products/${ids.drill}`);
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'in_use');
      assert.match(reply.body.error.message, /active to false/);
      const spare = await t.admin.expect(201, 'POST', '/products', { kind: 'good', name: 'Spare part', prices: [{ priceTypeId: ids.retail, amount: '1' }] });
      await t.admin.expect(204, 'DELETE', `/products/${spare.id}`);
      await t.admin.expect(404, 'GET', `/products/${spare.id}`);
    });
  });

  describe('rights', () => {
    it('lets a manager read the catalog but not change it', async () => {
      const list = await manager.expect(200, 'GET', '/products');
      assert.ok(list.total > 0);
      await manager.expect(200, 'GET', '/price-types');
      await manager.expect(200, 'GET', '/client-categories');
      for (const [path, body] of [
        ['/products', { kind: 'good', name: 'Sneaky' }],
        ['/price-types', { name: 'Sneaky', currency: 'EUR' }],
        ['/client-categories', { name: 'Sneaky' }],
        ['/product-categories', { name: 'Sneaky' }],
      ] as const) {
        const reply = await manager.post(path, body);
        assert.equal(reply.status, 403, path);
        assert.equal(reply.body.error.code, 'forbidden');
      }
    });

    it('lets a viewer read but not edit, and an accountant edit but not delete', async () => {
      const drill = await viewer.expect(200, 'GET', `/products/${ids.drill}`);
      const edit = await viewer.patch(`/products/${ids.drill}`, { version: drill.version, name: 'Renamed' });
      assert.equal(edit.status, 403);
      assert.equal(edit.body.error.code, 'forbidden');
      const renamed = await accountant.expect(200, 'PATCH', `/products/${ids.drill}`, { version: drill.version, description: 'Two batteries included' });
      assert.equal(renamed.description, 'Two batteries included');
      const remove = await accountant.delete(`/products/${ids.installation}`);
      assert.equal(remove.status, 403);
    });

    it('keeps a history of catalog changes', async () => {
      const log = await t.admin.expect(200, 'GET', `/products/${ids.drill}/audit`);
      const edit = log.items.find((e: { userName: string }) => e.userName === 'Agnese');
      assert.deepEqual(edit.changes.description, { old: null, new: 'Two batteries included' });
    });
  });
});
