import type { Screen } from '../shell/screens.js';
import { PaymentCard } from './PaymentCard.js';
import { PaymentEdit, PaymentNew } from './PaymentEditor.js';
import { PaymentList } from './PaymentList.js';

// "new" comes before ":id" so it is not read as an id.
export const paymentScreens: Screen[] = [
  { pattern: 'payments', component: PaymentList },
  { pattern: 'payments/new', component: PaymentNew },
  { pattern: 'payments/:id/edit', component: PaymentEdit },
  { pattern: 'payments/:id', component: PaymentCard },
];
