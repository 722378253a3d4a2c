import type { Screen } from '../shell/screens.js';
import { MailTemplateEditor } from './MailTemplateEditor.js';
import { MailTemplateList } from './MailTemplateList.js';

export const mailTemplateScreens: Screen[] = [
  { pattern: 'mail-templates', component: MailTemplateList },
  { pattern: 'mail-templates/:id', component: MailTemplateEditor },
];
