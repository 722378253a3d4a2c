import type { Screen } from '../shell/screens.js';
import { ImportJobScreen } from './ImportJobScreen.js';
import { ImportStart } from './ImportStart.js';
import { JobList } from './JobList.js';

// "import/jobs" comes before "import/:id" so "jobs" is not read as an id.
export const importScreens: Screen[] = [
  { pattern: 'import', component: ImportStart },
  { pattern: 'import/jobs', component: JobList },
  { pattern: 'import/:id', component: ImportJobScreen },
];
