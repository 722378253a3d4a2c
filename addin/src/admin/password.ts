/** The server's minimum (server/users/password.ts). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

// No 0/O, 1/l/I: generated passwords are often read out or copied by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password from the browser's cryptographic generator. */
export function generatePassword(length = 14): string {
  const out: string[] = [];
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    // Bytes at or above the largest multiple of the alphabet size are skipped, so every character is equally likely.
    const limit = 256 - (256 % ALPHABET.length);
    for (const b of bytes) if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length]!);
  }
  return out.join('');
}

export function passwordProblem(password: string): 'short' | 'long' | null {
  if ([...password].length < PASSWORD_MIN) return 'short';
  if ([...password].length > PASSWORD_MAX) return 'long';
  return null;
}
