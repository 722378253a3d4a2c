import type { Screen } from '../shell/screens.js';
import { EventCard } from './EventCard.js';
import { EventNew } from './EventEditor.js';
import { EventList } from './EventList.js';
import { EventTypes } from './EventTypes.js';
import { Reassign } from './Reassign.js';

// "new" comes before ":id" so it is not read as an id.
export const eventScreens: Screen[] = [
  { pattern: 'events', component: EventList },
  { pattern: 'events/new', component: EventNew },
  { pattern: 'events/:id', component: EventCard },
  { pattern: 'admin/event-types', component: EventTypes },
  { pattern: 'admin/reassign', component: Reassign },
];
