import type { Screen } from '../shell/screens.js';
import { ExcelPane } from './ExcelPane.js';

export const excelScreens: Screen[] = [{ pattern: 'excel', component: ExcelPane }];
