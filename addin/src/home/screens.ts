import type { Screen } from '../shell/screens.js';
import { Home } from './Home.js';

export const homeScreens: Screen[] = [{ pattern: '', component: Home }];
