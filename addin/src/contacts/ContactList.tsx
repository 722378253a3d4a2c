import { useUser } from '../auth/session.js';
import { ListScreen } from '../clients/ListScreen.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';

/** #/contacts — contact persons of all the clients the user may see, and standalone contacts. */
export function ContactList() {
  const user = useUser();
  return (
    <ListScreen
      title={t('nav.contacts')}
      countLabel={(count) => t('contacts.list.count', { count })}
      empty={t('contacts.list.empty')}
      addFirst={t('contacts.list.addFirst')}
      newPath={can(user, 'contacts', 'create') ? '/contacts/new' : undefined}
      newLabel={t('contacts.list.new')}
      entity="contact"
      path="/contacts"
      listId="contacts"
      defaultColumns={['name', 'clientId', 'jobTitle', 'phones', 'emails']}
      defaultFilters={['clientId', 'managerId', 'jobTitle']}
      rowHref={(r: RecordData) => `#/contacts/${r.id}`}
    />
  );
}
