import type { Screen } from '../shell/screens.js';
import { ContactCard } from './ContactCard.js';
import { ContactList } from './ContactList.js';
import { ContactNew } from './ContactNew.js';

// "contacts/new" comes before "contacts/:id" so "new" is not read as an id.
export const contactScreens: Screen[] = [
  { pattern: 'contacts', component: ContactList },
  { pattern: 'contacts/new', component: ContactNew },
  { pattern: 'contacts/:id', component: ContactCard },
];
