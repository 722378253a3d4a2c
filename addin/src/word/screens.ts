import type { Screen } from '../shell/screens.js';
import { WordPane } from './WordPane.js';

export const wordScreens: Screen[] = [{ pattern: 'word', component: WordPane }];
