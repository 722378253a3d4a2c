import type { Screen } from '../shell/screens.js';
import { CalendarScreen } from './CalendarScreen.js';

export const calendarScreens: Screen[] = [{ pattern: 'calendar', component: CalendarScreen }];
