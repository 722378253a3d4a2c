import fs from 'node:fs';
import path from 'node:path';

/** Everything Kontora reads from the environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL, or undefined for the embedded SQLite file. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  adminPassword: string | undefined;
  /** Load demo data into an empty database on start. */
  demo: boolean;
  /** Largest JSON body accepted, in bytes. */
  jsonLimit: number;
  sessionTtlHours: number;
  /** Mark session cookies Secure (set when served over HTTPS only). */
  secureCookies: boolean;
  /** Largest import file accepted (upload or CLI), in bytes. */
  importLimit: number;
  /** Certificate and key files for the HTTPS listener (Office loads task panes only over HTTPS); none: HTTP only. */
  tls: TlsFiles | undefined;
  httpsPort: number;
  /** smtp(s):// URL for outgoing mail; without it mail goes to <dataDir>/outbox as .eml files. */
  smtpUrl: string | undefined;
  /** The From address of mail Kontora sends (reminders). */
  mailFrom: string;
  /** SMTP connections kept open at once (KONTORA_SMTP_CONNECTIONS). */
  smtpMaxConnections: number;
  /** Messages a minute through the server's SMTP/outbox channel; 0: as fast as the server takes them (KONTORA_SMTP_RATE). */
  smtpRatePerMinute: number;
  /** Messages a minute per Microsoft 365 mailbox (Exchange Online allows 30; KONTORA_GRAPH_MAIL_RATE). */
  graphMailPerMinute: number;
  /** Recipients a day per Microsoft 365 mailbox (Exchange Online allows 10,000; KONTORA_GRAPH_MAIL_DAILY). */
  graphMailPerDay: number;
  /** The address people reach this server at from outside, for unsubscribe links (KONTORA_PUBLIC_URL); unset: taken from the request. */
  publicUrl: string | undefined;
  /** Microsoft Graph base (with version) and the Microsoft identity platform host; tests point both at a local server. */
  graphUrl: string;
  msLoginUrl: string;
  /** Key for secrets kept in the database (Microsoft client secret, mailbox tokens); else <dataDir>/secret.key. */
  secretKey: string | undefined;
  /** Minutes between scheduled Outlook contact syncs of every connected mailbox; 0: only on demand (KONTORA_SYNC_MINUTES). */
  contactSyncMinutes: number;
}

export interface TlsFiles {
  cert: string;
  key: string;
  /** Where they came from, for the start-up message and error messages. */
  source: 'KONTORA_TLS_CERT/KONTORA_TLS_KEY' | 'office-addin-dev-certs';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.KONTORA_DATA_DIR ?? path.join(process.cwd(), 'data'));
  const url = env.DATABASE_URL?.trim();
  const isPostgres = url !== undefined && /^postgres(ql)?:\/\//i.test(url);
  const sqliteFromUrl = url && /^(sqlite|file):/i.test(url) ? url.replace(/^(sqlite|file):(\/\/)?/i, '') : undefined;
  if (url && !isPostgres && !sqliteFromUrl) {
    throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got "${url.split(':')[0]}:…")`);
  }
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: isPostgres ? url : undefined,
    sqliteFile: path.resolve(dataDir, sqliteFromUrl ?? 'kontora.sqlite'),
    adminPassword: env.KONTORA_ADMIN_PASSWORD || undefined,
    demo: env.KONTORA_DEMO !== '0' && env.KONTORA_DEMO !== 'false',
    jsonLimit: intFrom(env.KONTORA_JSON_LIMIT, 1024 * 1024, 'KONTORA_JSON_LIMIT'),
    sessionTtlHours: intFrom(env.KONTORA_SESSION_HOURS, 12, 'KONTORA_SESSION_HOURS'),
    secureCookies: env.KONTORA_SECURE_COOKIES === '1',
    importLimit: intFrom(env.KONTORA_IMPORT_LIMIT, 256 * 1024 * 1024, 'KONTORA_IMPORT_LIMIT'),
    tls: tlsFrom(env),
    httpsPort: intFrom(env.HTTPS_PORT, 3443, 'HTTPS_PORT'),
    smtpUrl: env.KONTORA_SMTP_URL?.trim() || undefined,
    mailFrom: env.KONTORA_MAIL_FROM?.trim() || 'Kontora <kontora@localhost>',
    graphUrl: (env.KONTORA_GRAPH_URL?.trim() || 'https://graph.microsoft.com/v1.0').replace(/\/+$/, ''),
    msLoginUrl: (env.KONTORA_MS_LOGIN_URL?.trim() || 'https://login.microsoftonline.com').replace(/\/+$/, ''),
    secretKey: env.KONTORA_SECRET_KEY?.trim() || undefined,
    smtpMaxConnections: Math.max(1, intFrom(env.KONTORA_SMTP_CONNECTIONS, 5, 'KONTORA_SMTP_CONNECTIONS')),
    smtpRatePerMinute: intFrom(env.KONTORA_SMTP_RATE, 0, 'KONTORA_SMTP_RATE'),
    graphMailPerMinute: intFrom(env.KONTORA_GRAPH_MAIL_RATE, 30, 'KONTORA_GRAPH_MAIL_RATE'),
    graphMailPerDay: intFrom(env.KONTORA_GRAPH_MAIL_DAILY, 10_000, 'KONTORA_GRAPH_MAIL_DAILY'),
    publicUrl: env.KONTORA_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
    contactSyncMinutes: intFrom(env.KONTORA_SYNC_MINUTES, 15, 'KONTORA_SYNC_MINUTES'),
  };
}

/**
 * The configured certificate, or else the localhost one that
 * `npx office-addin-dev-certs install` creates and trusts, so sideloading
 * works after that one command. Looked up in the HOME given (not the
 * process's), so a config read from a bare environment never turns HTTPS on.
 */
function tlsFrom(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  if (env.KONTORA_HTTPS === '0' || env.KONTORA_HTTPS === 'false') return undefined;
  const cert = env.KONTORA_TLS_CERT?.trim();
  const key = env.KONTORA_TLS_KEY?.trim();
  if (cert || key) {
    if (!cert || !key) throw new Error('KONTORA_TLS_CERT and KONTORA_TLS_KEY must be set together (the certificate and its private key, PEM files)');
    return { cert: path.resolve(cert), key: path.resolve(key), source: 'KONTORA_TLS_CERT/KONTORA_TLS_KEY' };
  }
  const home = env.HOME || env.USERPROFILE;
  if (!home) return undefined;
  const dir = path.join(home, '.office-addin-dev-certs');
  const devCert = path.join(dir, 'localhost.crt');
  const devKey = path.join(dir, 'localhost.key');
  return fs.existsSync(devCert) && fs.existsSync(devKey) ? { cert: devCert, key: devKey, source: 'office-addin-dev-certs' } : undefined;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got "${value}")`);
  return n;
}
