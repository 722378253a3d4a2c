import type { Screen } from '../shell/screens.js';
import { ContractCard } from './ContractCard.js';
import { ContractEdit, ContractNew } from './ContractEditor.js';
import { ContractList } from './ContractList.js';

// "new" comes before ":id" so it is not read as an id.
export const contractScreens: Screen[] = [
  { pattern: 'contracts', component: ContractList },
  { pattern: 'contracts/new', component: ContractNew },
  { pattern: 'contracts/:id/edit', component: ContractEdit },
  { pattern: 'contracts/:id', component: ContractCard },
];
