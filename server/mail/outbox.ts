import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The folder .eml files go to when no SMTP server is configured. */
export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

/** The part of a file name that identifies its Message-ID (so a restart can ask "was this one written?"). */
function idTag(messageId: string): string {
  return crypto.createHash('sha256').update(messageId.replace(/^<|>$/g, '')).digest('hex').slice(0, 20);
}

let counter = 0;

/**
 * Writes one message atomically: a temporary file renamed into place, so a
 * reader (or a restart) never sees half a message. Names sort by time and
 * are unique across processes sharing the folder (time, pid, counter); the
 * tail identifies the Message-ID.
 */
export function writeOutbox(dataDir: string, messageId: string, raw: Buffer): string {
  const dir = outboxDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++counter}-${idTag(messageId)}.eml`;
  const temp = path.join(dir, `.${name}.tmp`);
  fs.writeFileSync(temp, raw);
  fs.renameSync(temp, path.join(dir, name));
  return name;
}

/** Message-IDs (tags) present in the outbox, for reconciling after a crash. */
export function outboxTags(dataDir: string): Set<string> {
  let names: string[];
  try {
    names = fs.readdirSync(outboxDir(dataDir));
  } catch {
    return new Set();
  }
  return new Set(names.filter((n) => n.endsWith('.eml')).map((n) => n.slice(0, -4).split('-').pop() ?? ''));
}

/** Whether a message with this Message-ID was written completely (tags from outboxTags). */
export function outboxHas(tags: Set<string>, messageId: string): boolean {
  return tags.has(idTag(messageId));
}
