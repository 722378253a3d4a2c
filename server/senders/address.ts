import { z } from 'zod';

/**
 * An e-mail address as Outlook gives it: something@domain, no spaces. Not
 * RFC 5322 in full — the point is to refuse what cannot be an address
 * (an empty value, a name, a typo without "@") with a clear error.
 */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && ADDRESS.test(value);
}

export const emailAddress = z.string().trim().max(320, { error: 'At most 320 characters.' })
  .refine(isEmailAddress, { error: 'Give an e-mail address such as ann@example.com.' });

/**
 * One `email` query value: a bare address or a mailbox with its display
 * name, `Ann Smith <ann@acme.example>`, so the pane can send the name
 * Outlook shows for a prefilled contact. Null when it holds no address.
 */
export function parseMailbox(raw: string): { email: string; name: string } | null {
  const text = raw.trim();
  const angled = /^(.*)<([^<>]*)>$/.exec(text);
  const email = (angled ? angled[2]! : text).trim();
  const name = angled ? angled[1]!.trim().replace(/^"(.*)"$/, '$1').trim() : '';
  return isEmailAddress(email) ? { email, name } : null;
}
