import type { Screen } from '../shell/screens.js';
import { CompanyById, CompanyNew, CompanyScreen } from './CompanyScreen.js';

export const companyScreens: Screen[] = [
  { pattern: 'company', component: CompanyScreen },
  { pattern: 'company/new', component: CompanyNew },
  { pattern: 'company/:id', component: CompanyById },
];
