import { t, type StringKey } from '../i18n/strings.js';
import type { MailingStatus, RecipientState } from './api.js';

export const statusLabel = (s: MailingStatus) => t(`mailings.status.${s}` as StringKey);
export const stateLabel = (s: RecipientState) => t(`mailings.state.${s}` as StringKey);
/** A skip reason in words; a failure reason (the server's own text) as it is. */
const skipReasons = new Set(['no_email', 'invalid_address', 'duplicate_address', 'unsubscribed', 'cancelled']);
export const reasonLabel = (r: string) => (skipReasons.has(r) ? t(`mailings.reason.${r}` as StringKey) : r);
export const statusColor = (s: MailingStatus): 'informative' | 'success' | 'warning' | 'danger' | 'subtle' | 'brand' =>
  s === 'running' ? 'brand' : s === 'done' ? 'success' : s === 'paused' ? 'warning' : s === 'cancelled' ? 'subtle' : 'informative';
