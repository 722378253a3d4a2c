import type { Screen } from '../shell/screens.js';
import { ClientCard } from './ClientCard.js';
import { ClientList } from './ClientList.js';
import { ClientNew } from './ClientNew.js';

// "clients/new" comes before "clients/:id" so "new" is not read as an id.
export const clientScreens: Screen[] = [
  { pattern: 'clients', component: ClientList },
  { pattern: 'clients/new', component: ClientNew },
  { pattern: 'clients/:id', component: ClientCard },
];
