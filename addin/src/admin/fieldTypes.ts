import { en } from '../i18n/en/index.js';
import { t, type StringKey } from '../i18n/strings.js';

/** The types a custom field can have (server/fields/types.ts), with what they are for. */
export const CUSTOM_TYPES = ['text', 'long_text', 'number', 'money', 'date', 'boolean', 'one_of', 'many_of', 'email', 'phone', 'url', 'link'] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];

/** A type's name for people; built-in structured types (phones, lines…) included. */
export function typeName(type: string): string {
  const key = `admin.type.${type}`;
  return key in en ? t(key as StringKey) : type;
}

export function typeHint(type: CustomType): StringKey {
  return `admin.typeHint.${type}` as StringKey;
}

/** What a link field may point to (server/fields/options.ts linkTargets). */
export const LINK_TARGETS = ['client', 'contact', 'contract', 'invoice', 'product', 'user'] as const;

/** Entities that take custom fields; "event" shows when the server has it. */
export const CUSTOMIZABLE = ['client', 'contact', 'contract', 'invoice', 'product', 'event'] as const;

export function entityName(entity: string): string {
  const key = `admin.entity.${entity}`;
  return key in en ? t(key as StringKey) : entity;
}

export const MAX_CHOICES = 200;
export const TEXT_MAX_LENGTH = 2000;
