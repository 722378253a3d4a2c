import { outputJson } from '../records/routes.js';
import { emailItem, messengerItem, phoneItem, tagsSchema } from './schema.js';
import { z } from 'zod';

/** Response schemas of the channel lists and tags. */
export const channelJson = () => ({
  phones: outputJson(z.array(phoneItem)),
  emails: outputJson(z.array(emailItem)),
  messengers: outputJson(z.array(messengerItem)),
});

export const tagsJson = () => outputJson(tagsSchema);
