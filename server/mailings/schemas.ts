import { z } from 'zod';
import { MAX_INT } from '../fields/validation.js';

const id = z.number().int().min(1).max(MAX_INT);
const filter = z.record(z.string().max(100), z.string().max(500)).refine((f) => Object.keys(f).length <= 30, 'At most 30 filter parameters.');

/** A mailing as the user writes it: a template, a channel and an audience chosen by a saved filter or by hand. */
export const createMailingBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  templateId: id,
  channel: z.enum(['server', 'graph']).default('server'),
  audience: z.enum(['clients', 'contacts']),
  filter: filter.nullable().optional(),
  picked: z.array(id).min(1).max(10_000).nullable().optional(),
  ratePerMinute: z.number().int().min(1).max(100_000).nullable().optional(),
});

export const updateMailingBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  templateId: id.optional(),
  channel: z.enum(['server', 'graph']).optional(),
  audience: z.enum(['clients', 'contacts']).optional(),
  filter: filter.nullable().optional(),
  picked: z.array(id).min(1).max(10_000).nullable().optional(),
  ratePerMinute: z.number().int().min(1).max(100_000).nullable().optional(),
});

export const scheduleBody = z.strictObject({ at: z.iso.datetime({ offset: true }) });
export const versionBody = z.strictObject({ version: z.number().int().min(1).optional() });
export const testSendBody = z.strictObject({
  to: z.email().max(254),
  /** Which recipient's data to merge (position in the preview list); the first one that would get it when absent. */
  index: z.number().int().min(0).max(100_000).optional(),
});
export const suppressionBody = z.strictObject({ address: z.email().max(320) });
