import type { AppContext } from '../context.js';
import { imageRoutes } from '../files/routes.js';
import { fileInfoJson } from '../files/store.js';
import type { Route } from '../http/route.js';
import { crudRoutes } from '../records/routes.js';
import { companyImagePurposes, companyService } from './service.js';

const imagesJson = {
  type: 'object',
  description: 'The images printed on documents; null where none was uploaded.',
  properties: Object.fromEntries(companyImagePurposes.map((p) => [p, { anyOf: [fileInfoJson, { type: 'null' }] }])),
  required: [...companyImagePurposes],
  additionalProperties: false,
};

export function companyRoutes(ctx: AppContext): Route[] {
  const companies = companyService(ctx);
  return [
    ...crudRoutes(companies, { extra: () => ({ images: imagesJson }) }),
    ...imageRoutes(companies, { purposes: companyImagePurposes }),
  ];
}
