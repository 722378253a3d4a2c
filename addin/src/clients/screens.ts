import type { Screen } from '../shell/screens.js';
import { ClientList } from './ClientList.js';

export const clientScreens: Screen[] = [{ pattern: 'clients', component: ClientList }];
