import type { MessageAttachment, MessageInfo, OutlookHost } from './host.js';

type Address = { displayName: string; emailAddress: string };

function address(a: Address | undefined | null): { name: string; email: string } | null {
  return a ? { name: a.displayName ?? '', email: (a.emailAddress ?? '').toLowerCase() } : null;
}

/** The read item, or undefined when none is open (or it is not a message). */
function readItem(): Office.MessageRead | undefined {
  const item = Office.context.mailbox?.item as Office.MessageRead | undefined;
  if (!item || item.itemType !== Office.MailboxEnums.ItemType.Message) return undefined;
  // A message being composed has recipient objects, not lists: there is no received message to show.
  return Array.isArray(item.to) ? item : undefined;
}

/** Mailbox 1.8 brought getAttachmentContentAsync; without it attachments can be listed but not read. */
function supports(version: string): boolean {
  try {
    return Boolean(Office.context.requirements?.isSetSupported('Mailbox', version));
  } catch {
    return false;
  }
}

function restIdOf(itemId: string | null): string | null {
  if (!itemId) return null;
  const mailbox = Office.context.mailbox as Office.Mailbox | undefined;
  if (typeof mailbox?.convertToRestId !== 'function') return null;
  try {
    return mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0) || null;
  } catch {
    // Outlook without REST support (some on-premises Exchange): the event just has no link back.
    return null;
  }
}

function attachmentsOf(item: Office.MessageRead): MessageAttachment[] {
  const list = (item.attachments ?? []) as Office.AttachmentDetails[];
  return list
    // Pictures inside the body and attached messages/calendar items are not files a client keeps.
    .filter((a) => !a.isInline && String(a.attachmentType) === String(Office.MailboxEnums.AttachmentType?.File ?? 'file'))
    .map((a) => ({ id: a.id, name: a.name, size: Number(a.size) || 0, contentType: a.contentType ?? 'application/octet-stream' }));
}

/** Calls an office.js *Async method and settles with its value or its error. */
function promised<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(result.error?.message || 'Outlook could not do this.'));
    });
  });
}

export function outlookHost(): OutlookHost {
  return {
    kind: 'outlook',
    async currentMessage(): Promise<MessageInfo | null> {
      const item = readItem();
      if (!item) return null;
      const itemId = item.itemId ?? null;
      return {
        subject: item.subject ?? '',
        from: address(item.from),
        to: (item.to ?? []).map((a) => address(a)!),
        cc: (item.cc ?? []).map((a) => address(a)!),
        itemId,
        received: item.dateTimeCreated ? new Date(item.dateTimeCreated).toISOString() : null,
        internetMessageId: item.internetMessageId || null,
        restId: restIdOf(itemId),
        attachments: attachmentsOf(item),
      };
    },

    async bodyText(maxChars: number): Promise<string> {
      const item = readItem();
      if (!item?.body) return '';
      const text = await promised<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb));
      return (text ?? '').slice(0, maxChars);
    },

    canReadAttachments: () => supports('1.8'),

    async attachmentContent(id: string): Promise<string> {
      const item = readItem();
      if (!item) throw new Error('No message is open.');
      if (!supports('1.8') || typeof item.getAttachmentContentAsync !== 'function') throw new Error('This Outlook cannot read attachments (Mailbox 1.8 is needed).');
      const content = await promised<Office.AttachmentContent>((cb) => item.getAttachmentContentAsync(id, cb));
      if (String(content.format) !== String(Office.MailboxEnums.AttachmentContentFormat?.Base64 ?? 'base64')) {
        throw new Error('The attachment is not a file (a link or an attached message).');
      }
      return content.content;
    },

    mailboxAddress(): string | null {
      const address = Office.context.mailbox?.userProfile?.emailAddress;
      return address ? address.toLowerCase() : null;
    },

    openMessage(restId: string): boolean {
      const mailbox = Office.context.mailbox as Office.Mailbox | undefined;
      if (typeof mailbox?.displayMessageForm !== 'function' || typeof mailbox.convertToEwsId !== 'function') return false;
      try {
        mailbox.displayMessageForm(mailbox.convertToEwsId(restId, Office.MailboxEnums.RestVersion.v2_0));
        return true;
      } catch {
        return false;
      }
    },

    onMessageChanged(listener: () => void): () => void {
      const mailbox = Office.context.mailbox as Office.Mailbox | undefined;
      // ItemChanged (Mailbox 1.5) fires only for a pinned pane; without it the pane reloads with each message anyway.
      if (typeof mailbox?.addHandlerAsync !== 'function') return () => undefined;
      const type = Office.EventType.ItemChanged;
      mailbox.addHandlerAsync(type, listener);
      return () => {
        if (typeof mailbox.removeHandlerAsync === 'function') mailbox.removeHandlerAsync(type);
      };
    },
  };
}
