import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

/**
 * Pool options from KONTORA_SMTP_URL:
 * smtp://user:pass@host:587 (STARTTLS when the server offers it),
 * smtps://user:pass@host:465 (TLS from the first byte). Query options:
 * requireTLS=true (refuse to send unencrypted), rejectUnauthorized=false
 * (accept a self-signed certificate), servername=NAME (the name the
 * certificate is checked against), maxConnections=N.
 */
export function smtpOptions(url: string, maxConnections: number): SMTPPool.Options {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('KONTORA_SMTP_URL is not a URL (expected smtp://user:password@host:port or smtps://…)');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`KONTORA_SMTP_URL must start with smtp:// or smtps:// (got "${u.protocol}")`);
  const secure = u.protocol === 'smtps:';
  const q = u.searchParams;
  const flag = (name: string): boolean | undefined => (q.has(name) ? /^(1|true|yes)$/i.test(q.get(name)!) : undefined);
  const rejectUnauthorized = flag('rejectUnauthorized') ?? flag('tls.rejectUnauthorized');
  const servername = q.get('servername') ?? undefined;
  const connections = q.has('maxConnections') ? Number(q.get('maxConnections')) : maxConnections;
  return {
    pool: true,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(flag('requireTLS') ? { requireTLS: true } : {}),
    ...(flag('ignoreTLS') ? { ignoreTLS: true } : {}),
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    maxConnections: Number.isInteger(connections) && connections > 0 ? connections : maxConnections,
    // New connection now and then: some servers limit messages per connection.
    maxMessages: 500,
    tls: { ...(rejectUnauthorized === false ? { rejectUnauthorized: false } : {}), ...(servername ? { servername } : {}), minVersion: 'TLSv1.2' },
  };
}
