import { z } from 'zod';
import { emailString, phoneString } from '../fields/validation.js';

/** Phones, e-mails and messengers of clients and contacts. */

export const phoneTypes = ['work', 'mobile', 'home', 'fax', 'other'] as const;
export const emailTypes = ['work', 'personal', 'other'] as const;
export const messengerTypes = [
  'telegram', 'whatsapp', 'viber', 'signal', 'skype', 'teams', 'wechat',
  'linkedin', 'facebook', 'instagram', 'x', 'vk', 'other',
] as const;

const MAX_ITEMS = 20;

export const phoneItem = z.strictObject({
  type: z.enum(phoneTypes, { error: `Use one of: ${phoneTypes.join(', ')}.` }).default('work'),
  number: phoneString,
});
export const emailItem = z.strictObject({
  type: z.enum(emailTypes, { error: `Use one of: ${emailTypes.join(', ')}.` }).default('work'),
  address: emailString,
});
export const messengerItem = z.strictObject({
  type: z.enum(messengerTypes, { error: `Use one of: ${messengerTypes.join(', ')}.` }),
  handle: z.string().trim().min(1, { error: 'Give the account name or number.' }).max(200),
});

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `Give a list of ${what}.` }).max(MAX_ITEMS, { error: `At most ${MAX_ITEMS} ${what}.` });

export const phonesSchema = list(phoneItem, 'phones');
export const emailsSchema = list(emailItem, 'e-mails');
export const messengersSchema = list(messengerItem, 'messengers');

export const tagsSchema = z
  .array(z.string().trim().min(1, { error: 'A tag cannot be empty.' }).max(60, { error: 'A tag has at most 60 characters.' }), { error: 'Give a list of tags.' })
  .max(50, { error: 'At most 50 tags.' });

/** Structured-field schemas for the record layer (null clears a list). */
export const channelSchemas = {
  phones: { create: phonesSchema.nullable().optional(), update: phonesSchema.nullable().optional() },
  emails: { create: emailsSchema.nullable().optional(), update: emailsSchema.nullable().optional() },
  messengers: { create: messengersSchema.nullable().optional(), update: messengersSchema.nullable().optional() },
};

export type Phone = z.output<typeof phoneItem>;
export type Email = z.output<typeof emailItem>;
export type Messenger = z.output<typeof messengerItem>;
