import { Title3 } from '@fluentui/react-components';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { can } from '../auth/can.js';
import { StateBadge } from '../lines/StateBadge.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

/** All contracts the user may see: state, client, term and total; expiring ones found by the state filter. */
export function ContractList() {
  const user = useUser();
  return (
    <>
      <Title3 as="h1">{t('contracts.title')}</Title3>
      <RecordList
        entity="contract"
        path="/contracts"
        listId="contracts"
        defaultColumns={['number', 'clientId', 'subject', 'startDate', 'endDate', 'total']}
        defaultFilters={['state', 'clientId', 'endDate', 'companyId']}
        defaultSort="-date"
        extraColumns={[{ key: 'state', label: t('contracts.state'), render: (r) => <StateBadge kind="contracts" state={r.state as string} size="small" /> }]}
        rowHref={(r) => `#/contracts/${r.id}`}
        onNew={can(user, 'contracts', 'create') ? () => navigate('/contracts/new') : undefined}
        newLabel={t('contracts.new')}
      />
    </>
  );
}
