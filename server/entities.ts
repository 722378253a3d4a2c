import type { EntityDef } from './records/entity.js';
import { userEntity } from './users/entity.js';
import { clientEntity } from './clients/entity.js';
import { contactEntity } from './contacts/entity.js';
import { contractEntity } from './contracts/entity.js';
import { invoiceEntity } from './invoices/entity.js';
import { paymentEntity } from './payments/entity.js';
import { companyEntity } from './companies/entity.js';
import { priceTypeEntity } from './price-types/entity.js';
import { clientCategoryEntity } from './client-categories/entity.js';
import { productCategoryEntity } from './product-categories/entity.js';
import { productEntity } from './products/entity.js';
import { eventEntity } from './events/entity.js';
import { taskEntity } from './tasks/entity.js';

/** Every entity with field metadata. */
export const entities: EntityDef[] = [userEntity, clientEntity, contactEntity, contractEntity, invoiceEntity, paymentEntity,
  companyEntity, priceTypeEntity, clientCategoryEntity, productCategoryEntity, productEntity, eventEntity, taskEntity,
];
