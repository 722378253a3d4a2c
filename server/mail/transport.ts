import crypto from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { graphClientFor, type GraphClient } from '../graph/client.js';
import { graphSendMailBody, GRAPH_REQUEST_LIMIT } from './graph-message.js';
import { writeOutbox } from './outbox.js';
import { limiterFor, type RateLimiter } from './rate.js';
import { smtpOptions } from './smtp-url.js';

export interface OutgoingMail {
  from?: string;
  to: string;
  subject: string;
  html?: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  headers?: Record<string, string>;
  messageId?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox' | 'graph';
  /** Waits for the channel's rate limit. send() waits by itself unless told the wait was taken (paced). */
  pace(): Promise<void>;
  send(mail: OutgoingMail, options?: { paced?: boolean }): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/**
 * Why a message was not accepted. `permanent`: trying again will not help
 * (the server refused the address with a 5xx, Graph refused the message);
 * otherwise a later attempt may succeed (connection lost, 4xx, throttled).
 * `channel`: the channel itself is unusable (no connected mailbox), so every
 * message behind this one would fail the same way.
 */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly channel = false,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/**
 * SMTP (pooled nodemailer, TLS as the URL says) when KONTORA_SMTP_URL is set,
 * else .eml files in <dataDir>/outbox; 'graph' sends through the user's
 * connected Microsoft 365 mailbox (Graph sendMail). Sends of one channel
 * share one rate limit per server (KONTORA_SMTP_RATE, KONTORA_GRAPH_MAIL_RATE
 * messages a minute), whichever transport object they go through.
 */
export function mailTransport(ctx: AppContext, via: 'server' | { graphUserId: number }): MailTransport {
  if (via !== 'server') {
    return graphTransport(ctx, via.graphUserId, limiterFor(ctx, `graph:${via.graphUserId}`, ctx.config.graphMailPerMinute));
  }
  const limiter = limiterFor(ctx, 'server', ctx.config.smtpRatePerMinute);
  return ctx.config.smtpUrl ? smtpTransport(ctx, ctx.config.smtpUrl, limiter) : outboxTransport(ctx, limiter);
}

/** A Message-ID in the sender's domain (receivers score a foreign or missing one as spam). */
export function newMessageId(from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'kontora.localhost';
  return `<${crypto.randomUUID()}@${domain}>`;
}

function nodemailerMessage(ctx: AppContext, mail: OutgoingMail, messageId: string): SendMailOptions {
  return {
    from: mail.from ?? ctx.config.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
    messageId,
  };
}

function smtpTransport(ctx: AppContext, url: string, limiter: RateLimiter): MailTransport {
  const transport = nodemailer.createTransport(smtpOptions(url, ctx.config.smtpMaxConnections));
  return {
    kind: 'smtp',
    pace: () => limiter.take(),
    async send(mail, options) {
      const messageId = mail.messageId ?? newMessageId(mail.from ?? ctx.config.mailFrom);
      if (!options?.paced) await limiter.take();
      try {
        await transport.sendMail(nodemailerMessage(ctx, mail, messageId));
      } catch (err) {
        throw smtpFailure(err);
      }
      return { messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/** 5xx from the server: the address or message is refused for good; anything else (4xx, network) may pass later. */
function smtpFailure(err: unknown): SendFailure {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300);
  return new SendFailure(code ? `${code} ${text.replace(/^\d{3}\s*/, '')}` : `${e.code ?? 'error'}: ${text}`, code !== undefined && code >= 500 && code < 600);
}

function outboxTransport(ctx: AppContext, limiter: RateLimiter): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    pace: () => limiter.take(),
    async send(mail, options) {
      const messageId = mail.messageId ?? newMessageId(mail.from ?? ctx.config.mailFrom);
      if (!options?.paced) await limiter.take();
      const info = await builder.sendMail(nodemailerMessage(ctx, mail, messageId));
      try {
        writeOutbox(ctx.config.dataDir, messageId, info.message as Buffer);
      } catch (err) {
        throw new SendFailure(`could not write to the outbox: ${(err as Error).message}`, false, true);
      }
      return { messageId };
    },
    async close() {
      builder.close();
    },
  };
}


function graphTransport(ctx: AppContext, userId: number, limiter: RateLimiter): MailTransport {
  let client: Promise<GraphClient> | undefined;
  return {
    kind: 'graph',
    pace: () => limiter.take(),
    async send(mail, options) {
      const messageId = mail.messageId ?? `<${crypto.randomUUID()}@kontora.graph>`;
      const body = graphSendMailBody(mail, messageId);
      if (Buffer.byteLength(JSON.stringify(body)) > GRAPH_REQUEST_LIMIT) {
        throw new SendFailure('the message with its attachments is larger than the 4 MB Microsoft Graph accepts in one request', true);
      }
      if (!options?.paced) await limiter.take();
      try {
        client ??= graphClientFor(ctx, userId);
        await (await client).request('POST', '/me/sendMail', body);
      } catch (err) {
        client = client && err instanceof AppError && /^mailbox_/.test(err.code) ? undefined : client;
        throw graphFailure(err);
      }
      return { messageId };
    },
    async close() {
      client = undefined;
    },
  };
}

function graphFailure(err: unknown): SendFailure {
  if (err instanceof AppError) {
    const code: string = err.code;
    if (code === 'mailbox_not_connected' || code === 'mailbox_reauth_required') return new SendFailure(`${code}: ${err.message}`, false, true);
    if (code === 'graph_throttled' || code === 'graph_unavailable') return new SendFailure(`${code}: ${err.message}`, false);
    return new SendFailure(`${code}: ${err.message}`, true);
  }
  return new SendFailure((err as Error)?.message ?? String(err), false);
}
