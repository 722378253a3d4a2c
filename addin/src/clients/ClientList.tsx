import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { ListScreen } from './ListScreen.js';
import { can } from '../auth/can.js';

/** #/clients — every client the user may see: chosen columns, filters, sorting, saved views. */
export function ClientList() {
  const user = useUser();
  return (
    <ListScreen
      title={t('nav.clients')}
      countLabel={(count) => t('clients.list.count', { count })}
      empty={t('clients.list.empty')}
      addFirst={t('clients.list.addFirst')}
      newPath={can(user, 'clients', 'create') ? '/clients/new' : undefined}
      newLabel={t('clients.list.new')}
      entity="client"
      path="/clients"
      listId="clients"
      defaultColumns={['name', 'city', 'managerId', 'categoryId', 'status', 'phones']}
      defaultFilters={['managerId', 'categoryId', 'kind', 'city', 'tags']}
      rowHref={(r: RecordData) => `#/clients/${r.id}`}
    />
  );
}
