import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

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
 * Sends through SMTP when KONTORA_SMTP_URL is set. Without it each message
 * is written to <dataDir>/outbox as an .eml file any mail program opens,
 * so reminders by e-mail work out of the box and can be looked at.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let counter = 0;
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.mailFrom, ...message });
      fs.mkdirSync(outbox, { recursive: true });
      // Unique across instances sharing the folder: time, process and a counter.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++counter}.eml`;
      const temp = path.join(outbox, `.${name}.tmp`);
      fs.writeFileSync(temp, info.message as Buffer);
      fs.renameSync(temp, path.join(outbox, name)); // a reader never sees half a message
    },
    close: () => undefined,
  };
}
