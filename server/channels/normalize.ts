/**
 * Normalised copies of phones and e-mails, used to find duplicates and
 * search: "+7 (495) 123-45-67", "8 495 1234567" and "4951234567" must meet.
 */

/** The digits of a phone number, without an extension. */
export function phoneDigits(number: string): string {
  return number.replace(/(ext\.?|x|доб\.?)\s*\d+\s*$/i, '').replace(/\D/g, '');
}

/**
 * The part of a phone number that is the same however it is written: the
 * last 10 digits (national number without a trunk or country prefix), or
 * all digits of a shorter number.
 */
export function phoneKey(number: string): string {
  const digits = phoneDigits(number);
  return digits.length > 10 ? digits.slice(-10) : digits;
}

export function emailKey(address: string): string {
  return address.trim().toLowerCase();
}

export function messengerKey(handle: string): string {
  return handle.trim().toLowerCase().replace(/^@/, '');
}
