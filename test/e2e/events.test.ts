import assert from 'node:assert/strict';
import { describeBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { assertNoErrors, DESKTOP, go, horizontalOverflow, openPage, shoot, signIn, startE2EServer, TASK_PANE } from './support.js';

/** A local "YYYY-MM-DD" (the browser and the test server share this machine's time zone). */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// A manager's day on screen: a call planned for today shows on the Today
// view, its reminder pops up as a toast when the (test) clock reaches it,
// and "Done" writes how the call went.
describeBrowser('E2E: events, tasks and reminders', function (b) {
  let t: TestServer & { clock: { set(to: Date | string): void } };
  let client: { id: number; name: string };
  before(async function () {
    this.timeout(120_000);
    t = await startE2EServer();
    // The test moves time itself: no round fires on its own in between.
    t.server.scheduler.pause();
    client = await t.admin.expect(201, 'POST', '/clients', { kind: 'legal', name: 'Northwind Callers Ltd', city: 'Tallinn' });
  });
  after(async () => t?.close());

  it('plans a call for today, shows it on the Today view, fires its reminder as a toast and writes the result', async function () {
    this.timeout(60_000);
    // Twenty minutes from now, kept inside today so it is on today's list.
    const now = new Date();
    let start = new Date(now.getTime() + 20 * 60_000);
    if (localDay(start) !== localDay(now)) start = new Date(now.getTime() + 60_000);
    const startLocal = `${localDay(start)}T${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}`;

    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: `#/events/new?clientId=${client.id}&type=call` });
    await page.getByRole('heading', { level: 1, name: 'Plan a call or meeting' }).waitFor();
    await page.getByRole('combobox', { name: 'Client', exact: true }).and(page.locator(`[value="${client.name}"]`)).waitFor();
    await page.getByLabel('Subject').fill('Call about the renewal');
    await page.getByLabel('Starts').fill(startLocal);
    await page.getByLabel('Remind, minutes before').fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/events\/\d+(\?|$)/);
    const eventId = Number(/#\/events\/(\d+)/.exec(page.url())![1]);
    const saved = await t.admin.expect(200, 'GET', `/events/${eventId}`);
    assert.equal(saved.type, 'call');
    assert.equal(saved.status, 'planned');
    assert.equal(saved.clientId, client.id);
    assert.equal(saved.remindBeforeMinutes, 10);

    // The Today view lists it under today's calls, with the client.
    await go(page, '#/');
    const todays = page.getByRole('region', { name: /Calls and meetings today/ });
    await todays.getByRole('link', { name: 'Call about the renewal' }).waitFor();
    await todays.getByRole('link', { name: client.name }).first().waitFor();

    // Ten minutes before the call the reminder fires: the bell counts it and a toast says so.
    const before = await t.admin.expect(200, 'GET', '/reminders');
    t.clock.set(new Date(start.getTime() - 10 * 60_000 + 1_000));
    const fired = await t.server.scheduler.tick();
    assert.ok(fired, 'the scheduler ran a round');
    await page.getByText('Reminder: Call about the renewal').last().waitFor();
    await page.getByRole('button', { name: `Reminders: ${before.unread + 1} unread` }).waitFor();
    await shoot(page, 'today-with-reminder');

    // "Done" on the Today view: pick the result, write notes, save.
    await todays.getByRole('button', { name: 'Done — write the result: Call about the renewal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Reached' }).check();
    await dialog.getByLabel('Result notes').fill('They renew for two years; send the new contract.');
    await dialog.getByRole('button', { name: 'Save result' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Done calls leave today's planned list.
    await todays.getByRole('link', { name: 'Call about the renewal' }).waitFor({ state: 'detached' });
    const done = await t.admin.expect(200, 'GET', `/events/${eventId}`);
    assert.equal(done.status, 'done');
    assert.equal(done.result, 'reached');
    assert.equal(done.resultNotes, 'They renew for two years; send the new contract.');
    assertNoErrors(b, page);
  });

  it('completes a repeating task from the list and shows its next occurrence', async function () {
    this.timeout(60_000);
    const due = new Date(Date.now() + 2 * 3600_000).toISOString();
    const task = await t.admin.expect(201, 'POST', '/tasks', { title: 'Weekly stock check', dueAt: due, repeat: 'weekly', priority: 'high', clientId: client.id });
    const page = await openPage(b, TASK_PANE);
    await signIn(b, page, t.url, { hash: '#/tasks' });
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    await page.getByRole('checkbox', { name: 'Complete “Weekly stock check”' }).check();
    await page.getByText(/Done\. It comes back/).last().waitFor();
    const next = await t.admin.expect(200, 'GET', `/tasks?repeatedFromId=${task.id}`);
    assert.equal(next.items.length, 1);
    assert.equal(new Date(next.items[0].dueAt).getTime() - new Date(due).getTime(), 7 * 24 * 3600_000);
    // The list shows the open one again: the next week's.
    await page.getByRole('checkbox', { name: 'Complete “Weekly stock check”' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the task list fits a 320-px task pane');
    await shoot(page, 'tasks');
    assertNoErrors(b, page);
  });

  it('shows the week and the day in the calendar and plans a meeting at a time slot', async function () {
    this.timeout(60_000);
    const page = await openPage(b, DESKTOP);
    await signIn(b, page, t.url, { hash: '#/calendar' });
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('link', { name: 'Call about the renewal' }).waitFor();
    await shoot(page, 'calendar-week');
    await page.getByRole('tab', { name: 'Day' }).click();
    await page.getByRole('button', { name: 'Plan a call or meeting at 14:00' }).click();
    await page.getByRole('menuitem', { name: 'Plan a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan a call or meeting' }).waitFor();
    await page.getByLabel('Subject').fill('Site visit');
    await page.getByRole('combobox', { name: 'Client', exact: true }).click();
    await page.getByRole('combobox', { name: 'Client', exact: true }).pressSequentially('Northwind');
    await page.getByRole('option', { name: client.name }).first().click();
    await page.getByRole('button', { name: 'Save' }).click();
    // Saving comes back to the day, where the meeting now sits at 14:00.
    await page.getByRole('link', { name: 'Site visit' }).waitFor();
    const list = await t.admin.expect(200, 'GET', `/events?clientId=${client.id}&type=meeting`);
    assert.equal(list.items.length, 1);
    assert.equal(new Date(list.items[0].startsAt).getHours(), 14);
    await shoot(page, 'calendar-day');
    assertNoErrors(b, page);
  });
});
