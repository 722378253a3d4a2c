import { t } from '../i18n/strings.js';

/** A stored file as the API describes it. */
export interface FileInfo {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** What the server accepts (server/files/sniff.ts, upload.ts). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Refuses a file the server would refuse, before sending up to 5 MB for nothing. */
export function imageProblem(file: { type: string; size: number }): string | null {
  if (!IMAGE_TYPES.includes(file.type)) return t('company.image.wrongType');
  if (file.size > MAX_IMAGE_BYTES) return t('company.image.tooLarge');
  if (file.size === 0) return t('company.image.empty');
  return null;
}

export function kilobytes(size: number): string {
  return size < 1024 * 1024 ? `${Math.max(1, Math.round(size / 1024))} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`;
}
