/** What GET /agenda/today and GET /calendar answer, as the server's OpenAPI describes it. */
export interface EventItem {
  id: number;
  type: string;
  subject: string;
  status: 'planned' | 'done';
  startsAt: string;
  endsAt: string | null;
  clientId: number;
  clientName: string | null;
  contactId: number | null;
  contactName: string | null;
}

export interface TaskItem {
  id: number;
  title: string;
  priority: string;
  status: string;
  dueAt: string | null;
  clientId: number | null;
  clientName: string | null;
}

export interface InvoiceItem {
  id: number;
  number: string;
  clientId: number;
  clientName: string;
  dueDate: string;
  currency: string;
  remaining: string;
}

export interface ContractItem {
  id: number;
  number: string;
  clientId: number;
  clientName: string;
  endDate: string;
  autoRenew: boolean;
}

export type ReminderKind = 'task' | 'event' | 'contract_ending' | 'contract_renewal' | 'invoice_due' | 'invoice_overdue' | 'birthday';

export interface Reminder {
  id: number;
  kind: ReminderKind;
  title: string;
  body: string | null;
  dueAt: string;
  firedAt: string | null;
  dismissedAt: string | null;
  taskId: number | null;
  eventId: number | null;
  clientId: number | null;
  contactId: number | null;
  contractId: number | null;
  invoiceId: number | null;
}

export interface Today {
  date: string;
  userId: number;
  events: EventItem[];
  tasks: TaskItem[];
  overdue: { events: EventItem[]; tasks: TaskItem[]; invoices: InvoiceItem[] };
  contractsEnding: ContractItem[];
  reminders: Reminder[];
}

export interface CalendarRange {
  from: string;
  to: string;
  userId: number;
  events: EventItem[];
  tasks: TaskItem[];
}
