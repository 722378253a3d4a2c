import type { Screen } from '../shell/screens.js';
import { FieldsAdmin } from './FieldsAdmin.js';
import { UserCard } from './UserCard.js';
import { UserList, UserNew } from './Users.js';

export const adminScreens: Screen[] = [
  { pattern: 'admin', component: UserList },
  { pattern: 'admin/fields', component: FieldsAdmin },
  { pattern: 'admin/users/new', component: UserNew },
  { pattern: 'admin/users/:id', component: UserCard },
];
