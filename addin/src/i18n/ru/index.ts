import type { StringKey } from '../en/index.js';
import { common } from './common.js';
import { clients } from './clients.js';
import { contacts } from './contacts.js';

export const ru: Partial<Record<StringKey, string>> = {
  ...common,
  ...clients,
  ...contacts,
};
