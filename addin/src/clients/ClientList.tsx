import { Title3 } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

export function ClientList() {
  return (
    <>
      <Title3 as="h1">{t('nav.clients')}</Title3>
      <RecordList
        entity="client"
        path="/clients"
        listId="clients"
        defaultColumns={['name', 'city', 'managerId', 'categoryId', 'status', 'phones']}
        defaultFilters={['managerId', 'categoryId', 'kind', 'city', 'tags']}
        rowHref={(r) => `#/clients/${r.id}`}
        onNew={() => navigate('/clients/new')}
      />
    </>
  );
}
