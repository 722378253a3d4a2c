import type { AppContext } from '../context.js';
import { mailTransport } from '../mail/transport.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Reminders go out the same way as every other Kontora mail (server/mail):
 * SMTP when KONTORA_SMTP_URL is set, else an .eml file in <dataDir>/outbox
 * any mail program opens, so reminders by e-mail work out of the box.
 */
export function createMailer(ctx: AppContext): Mailer {
  const transport = mailTransport(ctx, 'server');
  return {
    async send(message) {
      await transport.send(message);
    },
    close: () => void transport.close(),
  };
}
