import type { AppContext } from './context.js';
import type { Route } from './http/route.js';
import { authRoutes } from './auth/routes.js';
import { userRoutes } from './users/routes.js';
import { userService } from './users/service.js';
import { clientRoutes } from './clients/routes.js';
import { clientService } from './clients/service.js';
import { contactRoutes } from './contacts/routes.js';
import { contactService } from './contacts/service.js';
import { contractRoutes } from './contracts/routes.js';
import { contractService } from './contracts/service.js';
import { invoiceRoutes } from './invoices/routes.js';
import { InvoiceService } from './invoices/service.js';
import { paymentRoutes } from './payments/routes.js';
import { PaymentService } from './payments/service.js';
import { companyRoutes } from './companies/routes.js';
import { companyService } from './companies/service.js';
import { priceTypeRoutes } from './price-types/routes.js';
import { priceTypeService } from './price-types/service.js';
import { clientCategoryRoutes } from './client-categories/routes.js';
import { clientCategoryService } from './client-categories/service.js';
import { productCategoryRoutes } from './product-categories/routes.js';
import { productCategoryService } from './product-categories/service.js';
import { productRoutes } from './products/routes.js';
import { productService } from './products/service.js';
import { imageRoutes } from './files/routes.js';
import { duplicateRoutes } from './duplicates/routes.js';
import { auditRoutes } from './audit/routes.js';
import { searchRoutes } from './search/routes.js';
import { fieldRoutes } from './fields/routes.js';
import { eventRoutes } from './events/routes.js';
import { eventService } from './events/service.js';
import { taskRoutes } from './tasks/routes.js';
import { TaskService } from './tasks/service.js';
import { reminderRoutes } from './reminders/routes.js';
import { agendaRoutes } from './agenda/routes.js';
import { calendarFeedRoutes } from './calendar/routes.js';
import { reassignRoutes } from './reassign/routes.js';
import { templateRoutes } from './templates/routes.js';
import { documentRoutes } from './documents/routes.js';
import { importRoutes } from './imports/routes.js';
import { exportRoutes } from './exports/routes.js';
import { mailingRoutes } from './mailings/routes.js';
import { microsoftRoutes } from './microsoft/routes.js';
import { contactSyncRoutes } from './contact-sync/routes.js';
import { mailTemplateRoutes } from './mail-templates/routes.js';
import { senderRoutes } from './senders/routes.js';
import { clientAttachmentRoutes } from './attachments/routes.js';

/** Every API route, area by area. */
export function apiRoutes(ctx: AppContext): Route[] {
  return [
    ...authRoutes(),
    ...userRoutes(ctx),
    ...searchRoutes(),
    ...duplicateRoutes(),
    ...clientRoutes(ctx),
    ...imageRoutes(clientService(ctx), { purposes: ['photo'] }),
    ...companyRoutes(ctx),
    ...priceTypeRoutes(ctx),
    ...clientCategoryRoutes(ctx),
    ...productCategoryRoutes(ctx),
    ...productRoutes(ctx),
    ...contactRoutes(ctx),
    ...contractRoutes(ctx),
    ...invoiceRoutes(ctx),
    ...paymentRoutes(ctx),
    ...eventRoutes(ctx),
    ...taskRoutes(ctx),
    ...reminderRoutes(ctx),
    ...agendaRoutes(ctx),
    ...calendarFeedRoutes(ctx),
    ...reassignRoutes(ctx),
    // Given the other routes (lazily) to keep new keys clear of their names.
    ...templateRoutes(ctx),
    ...documentRoutes(ctx),
    ...importRoutes(ctx),
    ...exportRoutes(ctx),
    ...mailingRoutes(ctx),
    ...microsoftRoutes(ctx),
    ...contactSyncRoutes(ctx),
    ...mailTemplateRoutes(ctx),
    ...senderRoutes(ctx),
    ...clientAttachmentRoutes(ctx),
    ...fieldRoutes(ctx, () => apiRoutes(ctx)),
    ...auditRoutes([userService(ctx), clientService(ctx), contactService(ctx), contractService(ctx), new InvoiceService(ctx), new PaymentService(ctx),
      companyService(ctx), priceTypeService(ctx), clientCategoryService(ctx), productCategoryService(ctx), productService(ctx),
      eventService(ctx), new TaskService(ctx)]),
  ];
}
