import type { NavItem, Screen } from './screens.js';
import { homeScreens } from '../home/screens.js';
import { clientScreens } from '../clients/screens.js';
import { companyScreens } from '../company/screens.js';
import { catalogScreens } from '../catalog/screens.js';
import { adminScreens } from '../admin/screens.js';
import { contactScreens } from '../contacts/screens.js';
import { contractScreens } from '../contracts/screens.js';
import { invoiceScreens } from '../invoices/screens.js';
import { paymentScreens } from '../payments/screens.js';
import { taskScreens } from '../tasks/screens.js';
import { eventScreens } from '../events/screens.js';
import { calendarScreens } from '../calendar/screens.js';
import { wordScreens } from '../word/screens.js';
import { templateScreens } from '../templates/screens.js';
import { mailTemplateScreens } from '../mail-templates/screens.js';
import { mailingScreens } from '../mailings/screens.js';
import { importScreens } from '../imports/screens.js';
import { excelScreens } from '../excel/screens.js';
import { outlookScreens } from '../outlook/screens.js';
import { microsoftScreens } from '../microsoft/screens.js';
import { contactSyncScreens } from '../contact-sync/screens.js';

/**
 * Every area's screens and navigation entries. An area keeps its screens in
 * its own folder and exports them as `<area>Screens` / `<area>Nav`.
 */
export const screens: Screen[] = [
  ...homeScreens,
  ...clientScreens,
  ...companyScreens,
  ...catalogScreens,
  ...adminScreens,
  ...contactScreens,
  ...contractScreens,
  ...invoiceScreens,
  ...paymentScreens,
  ...taskScreens,
  ...eventScreens,
  ...calendarScreens,
  ...wordScreens,
  ...templateScreens,
  ...mailTemplateScreens,
  ...mailingScreens,
  ...importScreens,
  ...excelScreens,
  ...outlookScreens,
  ...microsoftScreens,
  ...contactSyncScreens,
];

export const nav: NavItem[] = [
  { path: '/', label: 'nav.home', icon: 'home' },
  { path: '/tasks', label: 'nav.tasks', icon: 'tasks' },
  { path: '/calendar', label: 'nav.calendar', icon: 'calendar' },
  { path: '/clients', label: 'nav.clients', icon: 'clients' },
  { path: '/contacts', label: 'nav.contacts', icon: 'contacts' },
  { path: '/contracts', label: 'nav.contracts', icon: 'contracts' },
  { path: '/invoices', label: 'nav.invoices', icon: 'invoices' },
  { path: '/payments', label: 'nav.payments', icon: 'payments' },
  { path: '/catalog', label: 'nav.catalog', icon: 'catalog' },
  { path: '/word', label: 'nav.word', icon: 'word', hosts: ['word'] },
  { path: '/excel', label: 'nav.excel', icon: 'excel', hosts: ['excel'] },
  { path: '/outlook', label: 'nav.outlook', icon: 'outlook', hosts: ['outlook'] },
  { path: '/import', label: 'nav.import', icon: 'import', roles: ['admin', 'manager', 'accountant'] },
  { path: '/company', label: 'nav.company', icon: 'company', roles: ['admin', 'accountant'] },
  { path: '/templates', label: 'nav.templates', icon: 'templates', roles: ['admin', 'accountant'] },
  { path: '/mail-templates', label: 'nav.mailTemplates', icon: 'templates' },
  { path: '/mailings', label: 'nav.mailings', icon: 'outlook' },
  { path: '/microsoft', label: 'nav.microsoft', icon: 'outlook' },
  { path: '/contact-sync', label: 'nav.contactSync', icon: 'contacts' },
  { path: '/admin', label: 'nav.admin', icon: 'admin', roles: ['admin'] },
];
