import type { StringKey } from '../en/index.js';
import { common } from './common.js';
import { company } from './company.js';
import { catalog } from './catalog.js';
import { admin } from './admin.js';
import { clients } from './clients.js';
import { contacts } from './contacts.js';

export const ru: Partial<Record<StringKey, string>> = {
  ...common,
  ...company,
  ...catalog,
  ...admin,
  ...clients,
  ...contacts,
};
