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
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got "${value}")`);
  return n;
}
