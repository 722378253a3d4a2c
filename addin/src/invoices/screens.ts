import type { Screen } from '../shell/screens.js';
import { InvoiceCard } from './InvoiceCard.js';
import { InvoiceEdit, InvoiceNew } from './InvoiceEditor.js';
import { InvoiceList } from './InvoiceList.js';

// "new" comes before ":id" so it is not read as an id.
export const invoiceScreens: Screen[] = [
  { pattern: 'invoices', component: InvoiceList },
  { pattern: 'invoices/new', component: InvoiceNew },
  { pattern: 'invoices/:id/edit', component: InvoiceEdit },
  { pattern: 'invoices/:id', component: InvoiceCard },
];
