import { t } from '../i18n/strings.js';
import type { RecordType } from '../documents/api.js';

/** What a template prints, as a user reads it. */
export function recordTypeLabel(type: RecordType): string {
  return type === 'contract' ? t('templates.type.contract') : type === 'invoice' ? t('templates.type.invoice') : t('templates.type.client');
}

export function localeLabel(locale: string): string {
  return locale === 'ru' ? t('templates.locale.ru') : t('templates.locale.en');
}

/** The rule the server applies to a template's name (lower-case letters, digits, dashes). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Largest upload the server accepts (server/templates/upload.ts). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** What is wrong with a chosen file before it is sent, or null. */
export function fileProblem(file: File | null): string | null {
  if (!file) return t('templates.upload.fileRequired');
  if (!/\.docx$/i.test(file.name)) return t('templates.upload.notDocx');
  if (file.size === 0) return t('templates.upload.emptyFile');
  if (file.size > MAX_TEMPLATE_BYTES) return t('templates.upload.tooLarge');
  return null;
}
