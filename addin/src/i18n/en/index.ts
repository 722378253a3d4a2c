import { common } from './common.js';
import { company } from './company.js';
import { catalog } from './catalog.js';
import { admin } from './admin.js';
import { clients } from './clients.js';
import { contacts } from './contacts.js';
import { lines } from './lines.js';
import { contracts } from './contracts.js';
import { invoices } from './invoices.js';
import { payments } from './payments.js';
import { documents } from './documents.js';
import { word } from './word.js';
import { agenda } from './agenda.js';
import { events } from './events.js';
import { tasks } from './tasks.js';
import { calendar } from './calendar.js';
import { notifications } from './notifications.js';
import { imports } from './imports.js';
import { exportMenu } from './exports.js';
import { excel } from './excel.js';
import { mailTemplates } from './mailTemplates.js';
import { mailings } from './mailings.js';
import { microsoft } from './microsoft.js';
import { contactSync } from './contactSync.js';
import { outlook } from './outlook.js';

/** Every English string, by key. Areas keep their strings in files beside this one. */
export const en = {
  ...common,
  ...company,
  ...catalog,
  ...admin,
  ...clients,
  ...contacts,
  ...lines,
  ...contracts,
  ...invoices,
  ...payments,
  ...agenda,
  ...events,
  ...tasks,
  ...calendar,
  ...notifications,
  ...documents,
  ...word,
  ...imports,
  ...exportMenu,
  ...excel,
  ...mailTemplates,
  ...mailings,
  ...microsoft,
  ...contactSync,
  ...outlook,
} as const;

export type StringKey = keyof typeof en;
