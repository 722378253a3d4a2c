import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { saveScreenshot, type BrowserSuite } from '../support/browser.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/**
 * What the end-to-end suites share: a Kontora server with the demo data on
 * a fresh SQLite file (the API suites cover PostgreSQL), signing in as a
 * user would, and screenshots at task-pane and desktop widths.
 *
 * Elements are found by role and accessible name, as a person using a
 * screen reader would find them; waits are for elements and answers,
 * never for fixed times.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fails early with a clear message when the front end has not been built (npm test builds it first). */
export function assertFrontEndBuilt(): void {
  const index = path.join(root, 'addin', 'dist', 'index.html');
  if (!fs.existsSync(index)) throw new Error('addin/dist is missing: run `npm run build` before the end-to-end suites');
}

/**
 * A server with the demo data. Its clock is controllable and starts at the
 * real time: the browser judges cookie expiry by its own clock, so a server
 * clock far from it would hand out cookies the browser drops at once.
 */
export async function startE2EServer(): Promise<TestServer & { clock: { set(to: Date | string): void } }> {
  assertFrontEndBuilt();
  const t = await startTestServer('sqlite', { demo: true, now: new Date().toISOString() });
  return t as TestServer & { clock: { set(to: Date | string): void } };
}

export const DESKTOP = 1280;
export const TASK_PANE = 320;

/**
 * A page of the suite's browser. Waits give up after 10 s, well inside
 * mocha's 30 s, so a failure names the element it was waiting for.
 */
export async function openPage(b: BrowserSuite, width = DESKTOP): Promise<Page> {
  const page = await b.page({ width });
  page.setDefaultTimeout(10_000);
  return page;
}

/** How many errors a page had shown when it finished signing in. */
const signedInMark = new WeakMap<Page, number>();

/**
 * Opens the app and signs in through the sign-in form, as admin unless told
 * otherwise. The app first asks the server for a session, which answers 401
 * while nobody is signed in; the browser logs that answer as a console
 * error, so error checks start after sign-in.
 */
export async function signIn(b: BrowserSuite, page: Page, url: string, options: { login?: string; password?: string; hash?: string } = {}): Promise<void> {
  await page.goto(`${url}/${options.hash ?? ''}`);
  await fillSignIn(page, options.login ?? 'admin', options.password ?? ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await navReady(page);
  signedInMark.set(page, b.errors(page).length);
}

export async function fillSignIn(page: Page, login: string, password: string, scope: Page | Locator = page): Promise<void> {
  await scope.getByLabel('Login').fill(login);
  await scope.getByLabel('Password').fill(password);
}

/** Waits until the signed-in frame (top bar with the quick search) is shown. */
export async function navReady(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Quick search' }).waitFor();
}

/**
 * Picks a record in a record picker (a combobox): types to search, then
 * chooses the option as a user clicks it.
 */
export async function pick(page: Page, label: string, typed: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  if (typed) await box.pressSequentially(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Goes to a screen by its address, as a link or bookmark would. */
export async function go(page: Page, hash: string): Promise<void> {
  // The root tsconfig has no DOM types: the page's globals are reached through globalThis.
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

/** How many pixels the page sticks out sideways (0 when it fits its width). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return el.scrollWidth - el.clientWidth;
  });
}

/**
 * Waits until an input shows the value (React keeps a controlled input's
 * value attribute in step with what it shows).
 */
export async function waitForValue(input: Locator, value: string): Promise<void> {
  await input.and(input.page().locator(`[value="${value.replace(/["\\]/g, '\\$&')}"]`)).waitFor();
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.ownerDocument.activeElement === el);
}

/** Waits for the answer to an API request the page makes. */
export function apiAnswer(page: Page, method: string, pathPattern: RegExp) {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

/**
 * Screenshots of the current screen at a task pane's and a desktop's width:
 * the same page is resized, so what is on screen stays what the test built.
 */
export async function shoot(page: Page, name: string, settle?: (page: Page) => Promise<void>): Promise<void> {
  const original = page.viewportSize() ?? { width: DESKTOP, height: 800 };
  for (const width of [TASK_PANE, DESKTOP]) {
    await page.setViewportSize({ width, height: 800 });
    if (settle) await settle(page);
    await saveScreenshot(page, name);
  }
  await page.setViewportSize(original);
}

/** No uncaught exception and no console error on the page since sign-in, except the ones a test expects. */
export function assertNoErrors(b: BrowserSuite, page: Page, expected: RegExp[] = []): void {
  const unexpected = b.errors(page).slice(signedInMark.get(page) ?? 0).filter((e) => !expected.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], 'the page showed errors');
}

/** Browsers log failed requests (401, 409…) as console errors; a test that provokes one expects it. */
export const FAILED_REQUEST = (status: number) => new RegExp(`status of ${status}`);
