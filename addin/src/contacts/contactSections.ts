import { t } from '../i18n/strings.js';
import type { FormSection } from '../records/RecordForm.js';
import type { FieldMeta } from '../records/meta.js';

/**
 * A client's contact follows the client's manager, so the manager is asked
 * only for a standalone contact; "primary contact" means something only
 * within a client.
 */
export function hiddenForContact(field: Pick<FieldMeta, 'key'>, values: Record<string, unknown>): boolean {
  const ofClient = values.clientId !== null && values.clientId !== undefined && values.clientId !== '';
  if (field.key === 'managerId') return ofClient;
  if (field.key === 'isPrimary') return !ofClient;
  return false;
}

/** The sections of a contact's form and read view; custom fields land in "More". */
export function contactSections(): FormSection[] {
  return [
    { title: t('contacts.section.main'), keys: ['clientId', 'managerId', 'lastName', 'firstName', 'middleName', 'name', 'jobTitle', 'department', 'isPrimary'] },
    { title: t('contacts.section.channels'), keys: ['phones', 'emails', 'messengers'] },
    { title: t('contacts.section.personal'), keys: ['birthday', 'notes'] },
  ];
}
