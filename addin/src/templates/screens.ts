import type { Screen } from '../shell/screens.js';
import { TemplateCard } from './TemplateCard.js';
import { TemplateList } from './TemplateList.js';

export const templateScreens: Screen[] = [
  { pattern: 'templates', component: TemplateList },
  { pattern: 'templates/:id', component: TemplateCard },
];
