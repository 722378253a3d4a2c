import type { Screen } from '../shell/screens.js';
import { OutlookPane } from './OutlookPane.js';

export const outlookScreens: Screen[] = [{ pattern: 'outlook', component: OutlookPane }];
