import type { Reminder } from '../agenda/types.js';
import { addDays, atLocal, localDate } from '../agenda/time.js';

/** The screen a reminder is about: the task or event itself, else the invoice, contract, contact or client. */
export function reminderPath(r: Reminder): string | null {
  if (r.taskId) return `/tasks/${r.taskId}`;
  if (r.eventId) return `/events/${r.eventId}`;
  if (r.invoiceId) return `/invoices/${r.invoiceId}`;
  if (r.contractId) return `/contracts/${r.contractId}`;
  if (r.contactId) return `/contacts/${r.contactId}`;
  if (r.clientId) return `/clients/${r.clientId}`;
  return null;
}

/** Tomorrow at 9:00 where the user is. */
export function tomorrowMorning(now = new Date()): string {
  return atLocal(addDays(localDate(now), 1), 9 * 60);
}
