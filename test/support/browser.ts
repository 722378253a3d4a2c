import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * End-to-end tests in a real headless Chromium: Debian's `chromium` package
 * driven by playwright-core (no browser download). `.ci/run` installs it;
 * where it is absent the browser suites are skipped with a visible message,
 * as forEachDatabase does for PostgreSQL.
 */
export const CHROMIUM_PATH = process.env.KONTORA_CHROMIUM ?? '/usr/bin/chromium';

/** Quiet, reproducible runs: no sandbox (CI runs as root), no GPU, nothing fetched in the background. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = path.join(root, 'test-output', 'screenshots');

export function browserAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh browser. Playwright starts each launch with a new temporary
 * profile (user-data dir) and deletes it on close, so no cookie, cache or
 * storage leaks from one run into the next.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface BrowserSuite {
  /** The suite's browser, launched in `before` and closed in `after`. */
  readonly browser: Browser;
  /**
   * A page in a context of its own (its own cookies and storage), with a
   * viewport of the given width — 320 for a task pane, 1280 for a desktop
   * browser. Closed after each test.
   */
  page(options?: { width?: number; height?: number; baseURL?: string }): Promise<Page>;
  /** Uncaught exceptions and console errors the page has shown so far. */
  errors(page: Page): string[];
}

let warned = false;

/**
 * A mocha suite with a browser, skipped with a ⚠ message when Chromium is
 * not installed.
 */
export function describeBrowser(title: string, fn: (suite: BrowserSuite) => void): void {
  describe(title, function () {
    let browser: Browser | undefined;
    const open: BrowserContext[] = [];
    const errors = new WeakMap<Page, string[]>();

    before(async function () {
      if (!browserAvailable()) {
        if (!warned) {
          warned = true;
          console.log(`\n    ⚠ Chromium is not installed at ${CHROMIUM_PATH}: the browser suites are SKIPPED (apt-get install chromium, or set KONTORA_CHROMIUM).\n`);
        }
        this.skip();
      }
      this.timeout(90_000);
      browser = await launchBrowser();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((c) => c.close()));
    });
    after(async () => {
      await browser?.close();
    });

    const suite: BrowserSuite = {
      get browser() {
        if (!browser) throw new Error('the browser is started in before(); use it inside tests and hooks');
        return browser;
      },
      async page(options = {}) {
        const context = await suite.browser.newContext({
          viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
          ...(options.baseURL ? { baseURL: options.baseURL } : {}),
        });
        open.push(context);
        const page = await context.newPage();
        const seen: string[] = [];
        errors.set(page, seen);
        page.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error') seen.push(`console: ${msg.text()}`);
        });
        return page;
      },
      errors(page) {
        return errors.get(page) ?? [];
      },
    };
    fn(suite);
  });
}

/**
 * Saves a full-page screenshot as test-output/screenshots/<name>-<width>.png
 * (the folder is gitignored) and returns its path, for looking at the
 * screens at task-pane and desktop widths.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const safe = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'page';
  const width = page.viewportSize()?.width ?? 0;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${safe}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
