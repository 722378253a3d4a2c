import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * Encrypts secrets kept in the database (the Microsoft client secret or
 * certificate key, each mailbox's msal token cache) with AES-256-GCM.
 * The key comes from KONTORA_SECRET_KEY (any text; hashed to 32 bytes) or
 * else from <dataDir>/secret.key, created on first use with mode 0600, so a
 * copied database alone does not give away anyone's mailbox.
 * Each value is bound to its purpose (GCM associated data), so ciphertext
 * moved to another row or column fails to decrypt instead of being misused.
 */
export interface SecretBox {
  seal(plain: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
}

const PREFIX = 'v1:';
const boxes = new Map<string, SecretBox>();

export function secretBox(config: Pick<Config, 'secretKey' | 'dataDir'>): SecretBox {
  const cacheKey = config.secretKey !== undefined ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  let box = boxes.get(cacheKey);
  if (!box) {
    box = boxWithKey(config.secretKey !== undefined ? crypto.createHash('sha256').update(config.secretKey).digest() : keyFile(config.dataDir));
    boxes.set(cacheKey, box);
  }
  return box;
}

function keyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; restore it from a backup (without it the stored Microsoft secrets and mailbox tokens cannot be read)`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    // wx: two processes starting at once must not each write their own key.
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return keyFile(dataDir);
    throw err;
  }
}

function boxWithKey(key: Buffer): SecretBox {
  return {
    seal(plain, purpose) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed, purpose) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
