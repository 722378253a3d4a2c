import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeBrowser, saveScreenshot, SCREENSHOT_DIR } from './support/browser.js';
import { startTestServer, type TestServer } from './support/server.js';

// Proves the browser harness end to end: a real Chromium loads the page the
// Kontora server serves at /. The front end's own e2e suites build on it.
describeBrowser('Browser harness', function (b) {
  let t: TestServer;
  before(async function () {
    this.timeout(60_000);
    t = await startTestServer('sqlite');
  });
  after(async () => {
    await t?.close();
  });

  it("opens the server's front page in Chromium, titled Kontora, without uncaught errors", async function () {
    const page = await b.page({ width: 1280 });
    const response = await page.goto(`${t.url}/`);
    assert.equal(response?.status(), 200);
    assert.match(await page.title(), /^Kontora/);
    assert.deepEqual(b.errors(page).filter((e) => e.startsWith('uncaught:')), []);
  });

  it('saves screenshots at task-pane and desktop widths to test-output/screenshots', async function () {
    for (const width of [320, 1280]) {
      const page = await b.page({ width });
      await page.goto(`${t.url}/`);
      const file = await saveScreenshot(page, 'Harness smoke');
      assert.equal(file, path.join(SCREENSHOT_DIR, `harness-smoke-${width}.png`));
      const png = fs.readFileSync(file);
      assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
      assert.equal(png.readUInt32BE(16), width, 'the image is as wide as the viewport');
    }
  });

  it('gives every page its own cookies', async function () {
    const first = await b.page();
    await first.goto(`${t.url}/`);
    await first.context().addCookies([{ name: 'probe', value: '1', url: t.url }]);
    const second = await b.page();
    await second.goto(`${t.url}/`);
    assert.deepEqual(await second.context().cookies(), []);
  });
});
