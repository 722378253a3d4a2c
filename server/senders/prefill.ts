/**
 * A draft contact (and client) for an address nobody in Kontora has yet,
 * from what an e-mail gives: the display name and the address. The domain
 * names the company, except for public mail services, where it says
 * nothing about who the person works for.
 */

/** Public mail services: their domain is nobody's company name. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk',
  'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de',
  'mail.com', 'zoho.com', 'yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'mail.ru', 'inbox.ru', 'list.ru',
  'bk.ru', 'internet.ru', 'rambler.ru', 'lenta.ru', 'autorambler.ru', 'myrambler.ru', 'ro.ru', 'qip.ru', 'ukr.net', 'tut.by', 'i.ua',
  'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'libero.it', 'orange.fr', 'free.fr', 'laposte.net', 't-online.de', 'qq.com', '163.com',
]);

/** Second-level labels under which companies register (acme.co.uk, acme.com.au, acme.msk.ru). */
const PUBLIC_SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'msk', 'spb']);

export interface SenderDraft {
  email: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  /** The company the domain suggests, or null for a public mail service or a bare domain. */
  company: string | null;
  freeMail: boolean;
}

const capitalise = (word: string) => (word ? word[0]!.toLocaleUpperCase() + word.slice(1) : word);

/** The company a mail domain suggests: its registrable label, capitalised ("mail.acme-corp.co.uk" → "Acme-corp"). */
export function companyFromDomain(domain: string): string | null {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length < 2) return null;
  labels.pop(); // the top-level domain
  if (labels.length > 1 && PUBLIC_SECOND_LEVEL.has(labels[labels.length - 1]!)) labels.pop();
  const label = labels[labels.length - 1]!;
  return label.length >= 2 ? capitalise(label) : null;
}

/** Splits a display name into first and last name: "Ann Smith", "Smith, Ann", or the address's "ann.smith" when there is no name. */
function nameParts(displayName: string, localPart: string): { name: string; firstName: string | null; lastName: string | null } {
  let name = displayName.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  // Outlook shows the address itself when the sender set no name.
  if (!name || name.includes('@')) {
    name = localPart.split(/[._-]+/).filter((w) => w && !/^\d+$/.test(w)).map(capitalise).join(' ');
  }
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma) {
    const [, last, first] = comma as unknown as [string, string, string];
    return { name: `${first} ${last}`, firstName: first, lastName: last };
  }
  const words = name.split(' ').filter(Boolean);
  if (words.length < 2) return { name, firstName: words[0] ?? null, lastName: null };
  return { name, firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

export function senderDraft(email: string, displayName: string): SenderDraft {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  const freeMail = FREE_MAIL_DOMAINS.has(domain);
  return { email, ...nameParts(displayName, local), company: freeMail ? null : companyFromDomain(domain), freeMail };
}
