import type { Screen } from '../shell/screens.js';
import { TaskCard } from './TaskCard.js';
import { TaskNew } from './TaskEditor.js';
import { TaskList } from './TaskList.js';

// "new" comes before ":id" so it is not read as an id.
export const taskScreens: Screen[] = [
  { pattern: 'tasks', component: TaskList },
  { pattern: 'tasks/new', component: TaskNew },
  { pattern: 'tasks/:id', component: TaskCard },
];
