import { common } from './common.js';
import { clients } from './clients.js';
import { contacts } from './contacts.js';

/** Every English string, by key. Areas keep their strings in files beside this one. */
export const en = {
  ...common,
  ...clients,
  ...contacts,
} as const;

export type StringKey = keyof typeof en;
