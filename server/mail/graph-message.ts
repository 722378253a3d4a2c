import type { OutgoingMail } from './transport.js';

/**
 * The JSON body of Graph's POST /me/sendMail for one message.
 * Graph accepts only custom headers whose names start with "x-"/"X-" in
 * internetMessageHeaders (anything else is refused with
 * InvalidInternetMessageHeader), so List-Unsubscribe and
 * List-Unsubscribe-Post cannot be set this way: they are left out here and
 * the unsubscribe link stays in the body. Attachments travel as base64
 * fileAttachment; Graph refuses a request over 4 MB, which is why the
 * caller checks the size first (graphTooLarge).
 */
export function graphSendMailBody(mail: OutgoingMail, messageId: string): unknown {
  const headers = Object.entries(mail.headers ?? {})
    .filter(([name]) => /^x-/i.test(name))
    .map(([name, value]) => ({ name, value }));
  headers.push({ name: 'X-Kontora-Message-Id', value: messageId });
  const to = parseAddress(mail.to);
  return {
    message: {
      subject: mail.subject,
      body: mail.html ? { contentType: 'HTML', content: mail.html } : { contentType: 'Text', content: mail.text },
      toRecipients: [{ emailAddress: to.name ? { address: to.address, name: to.name } : { address: to.address } }],
      ...(mail.attachments?.length
        ? {
            attachments: mail.attachments.map((a) => ({
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: a.filename,
              contentType: a.contentType,
              contentBytes: a.content.toString('base64'),
            })),
          }
        : {}),
      internetMessageHeaders: headers,
    },
    saveToSentItems: true,
  };
}

/** Graph's limit for a sendMail request body (larger needs an upload session, which mailings don't use). */
export const GRAPH_REQUEST_LIMIT = 4 * 1024 * 1024;

/** "Name <a@b>" or "a@b" → parts. */
export function parseAddress(value: string): { address: string; name?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m) return m[1] ? { address: m[2]!.trim(), name: m[1].trim() } : { address: m[2]!.trim() };
  return { address: value.trim() };
}
