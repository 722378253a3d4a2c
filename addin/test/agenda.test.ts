import assert from 'node:assert/strict';
import { addDays, atLocal, isDate, localDate, mondayOf } from '../src/agenda/time.js';
import type { EventItem, Reminder, TaskItem } from '../src/agenda/types.js';
import { byDay } from '../src/calendar/items.js';
import { reminderPath, tomorrowMorning } from '../src/notifications/links.js';
import { SseParser } from '../src/notifications/sse.js';

const reminder = (links: Partial<Reminder>): Reminder => ({
  id: 1, kind: 'task', title: 'x', body: null, dueAt: '2026-11-27T10:00:00Z', firedAt: null, dismissedAt: null,
  taskId: null, eventId: null, clientId: null, contactId: null, contractId: null, invoiceId: null, ...links,
});

describe('Reminder stream parsing', () => {
  it('gives each message once it is complete, across chunk boundaries', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('retry: 5000\n\nevent: remin'), []);
    assert.deepEqual(p.push('der\ndata: {"id":7,'), []);
    assert.deepEqual(p.push('"title":"Call"}\n\n'), [{ event: 'reminder', data: { id: 7, title: 'Call' } }]);
  });

  it('skips keep-alive comments and non-JSON data, reads CRLF streams and several messages in one chunk', () => {
    const p = new SseParser();
    const out = p.push(': keep-alive\r\n\r\nevent: dismissed\r\ndata: {"id":3}\r\n\r\ndata: not json\n\nevent: ready\ndata: {"unread":2}\n\n');
    assert.deepEqual(out, [{ event: 'dismissed', data: { id: 3 } }, { event: 'ready', data: { unread: 2 } }]);
  });
});

describe('Agenda dates', () => {
  it('steps local days across month and year ends and finds the Monday of a week', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(mondayOf('2026-11-29'), '2026-11-23'); // a Sunday
    assert.equal(mondayOf('2026-11-23'), '2026-11-23');
  });

  it('accepts only real dates from the address', () => {
    assert.equal(isDate('2026-02-29'), false);
    assert.equal(isDate('2028-02-29'), true);
    assert.equal(isDate('2026-1-5'), false);
    assert.equal(isDate(null), false);
  });

  it('puts events and tasks on their local day in time order; tasks without a due time stay off the calendar', () => {
    const ev = (id: number, startsAt: string): EventItem => ({ id, type: 'call', subject: `e${id}`, status: 'planned', startsAt, endsAt: null, clientId: 1, clientName: null, contactId: null, contactName: null });
    const task = (id: number, dueAt: string | null): TaskItem => ({ id, title: `t${id}`, priority: 'normal', status: 'open', dueAt, clientId: null, clientName: null });
    const late = atLocal('2026-11-27', 15 * 60);
    const early = atLocal('2026-11-27', 9 * 60);
    const next = atLocal('2026-11-28', 10 * 60);
    const days = byDay([ev(1, late), ev(2, next)], [task(3, early), task(4, null)]);
    assert.deepEqual(days.get('2026-11-27')!.map((e) => `${e.kind}${e.item.id}`), ['task3', 'event1']);
    assert.deepEqual(days.get('2026-11-28')!.map((e) => `${e.kind}${e.item.id}`), ['event2']);
    assert.equal([...days.values()].flat().length, 3);
  });
});

describe('Reminder links', () => {
  it('open the task or event itself before the record it is about', () => {
    assert.equal(reminderPath(reminder({ taskId: 4, clientId: 9 })), '/tasks/4');
    assert.equal(reminderPath(reminder({ eventId: 5, clientId: 9 })), '/events/5');
    assert.equal(reminderPath(reminder({ invoiceId: 6, clientId: 9 })), '/invoices/6');
    assert.equal(reminderPath(reminder({ contractId: 7, clientId: 9 })), '/contracts/7');
    assert.equal(reminderPath(reminder({ clientId: 9 })), '/clients/9');
    assert.equal(reminderPath(reminder({})), null);
  });

  it('snooze "until tomorrow" means 9:00 the next local day', () => {
    const at = new Date(tomorrowMorning(new Date(2026, 11, 31, 22, 0)));
    assert.equal(localDate(at), '2027-01-01');
    assert.equal(at.getHours(), 9);
  });
});
