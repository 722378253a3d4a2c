import type { MessageInfo, OutlookHost } from './host.js';

type Address = { displayName: string; emailAddress: string };

function address(a: Address | undefined | null): { name: string; email: string } | null {
  return a ? { name: a.displayName ?? '', email: (a.emailAddress ?? '').toLowerCase() } : null;
}

export function outlookHost(): OutlookHost {
  return {
    kind: 'outlook',
    async currentMessage(): Promise<MessageInfo | null> {
      const item = Office.context.mailbox?.item as Office.MessageRead | undefined;
      if (!item || item.itemType !== Office.MailboxEnums.ItemType.Message) return null;
      // A message being composed has recipient objects, not lists: there is no received message to show.
      if (!Array.isArray(item.to)) return null;
      return {
        subject: item.subject ?? '',
        from: address(item.from),
        to: (item.to ?? []).map((a) => address(a)!),
        cc: (item.cc ?? []).map((a) => address(a)!),
        itemId: item.itemId ?? null,
        received: item.dateTimeCreated ? new Date(item.dateTimeCreated).toISOString() : null,
      };
    },
  };
}
