import { t } from '../i18n/strings.js';
import type { FieldMeta } from './meta.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function empty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The same rules the server applies, checked while the user types so most
 * mistakes are shown before saving; the server stays the judge.
 */
export function validateField(field: FieldMeta, value: unknown): string | null {
  if (empty(value)) return field.required ? t('form.required') : null;
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'text':
    case 'long_text':
      if (field.options.maxLength && [...text].length > field.options.maxLength) return t('form.tooLong', { max: field.options.maxLength });
      return null;
    case 'number': {
      const decimals = field.options.decimals ?? 0;
      const re = decimals > 0 ? new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`) : /^-?\d+$/;
      return re.test(text.trim()) ? null : t('form.invalidNumber');
    }
    case 'money':
      return /^-?\d+(\.\d{1,4})?$/.test(text.trim()) ? null : t('form.invalidMoney');
    case 'email':
      return EMAIL.test(text.trim()) ? null : t('form.invalidEmail');
    case 'url':
      return /^https?:\/\/\S+$/i.test(text.trim()) ? null : t('form.invalidUrl');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? null : t('form.invalidDate');
    case 'emails':
      for (const e of value as { address?: string }[]) if (e.address && !EMAIL.test(e.address.trim())) return t('form.invalidEmail');
      return null;
    default:
      return null;
  }
}
