import type { Screen } from '../shell/screens.js';
import { MailingList } from './MailingList.js';
import { MailingScreen } from './MailingScreen.js';
import { MailingWizard } from './MailingWizard.js';

export const mailingScreens: Screen[] = [
  { pattern: 'mailings', component: MailingList },
  { pattern: 'mailings/new', component: MailingWizard },
  { pattern: 'mailings/:id', component: MailingScreen },
];
