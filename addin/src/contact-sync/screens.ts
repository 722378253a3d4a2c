import type { Screen } from '../shell/screens.js';
import { ContactSyncScreen } from './ContactSyncScreen.js';

export const contactSyncScreens: Screen[] = [{ pattern: 'contact-sync', component: ContactSyncScreen }];
