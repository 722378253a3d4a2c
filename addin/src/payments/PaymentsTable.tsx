import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { can } from '../auth/can.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

/** Payments with what is still unallocated (the client's credit); all of them, or (fixed) one client's. */
export function PaymentsTable(props: { listId: string; fixed?: Record<string, string | number>; compact?: boolean; newQuery?: Record<string, string | number> }) {
  const user = useUser();
  return (
    <RecordList
      entity="payment"
      path="/payments"
      listId={props.listId}
      fixed={props.fixed}
      compact={props.compact}
      defaultColumns={props.compact ? ['date', 'amount', 'unallocated', 'method', 'reference'] : ['date', 'clientId', 'amount', 'unallocated', 'method', 'reference']}
      defaultFilters={['clientId', 'date', 'method']}
      defaultSort="-date"
      rowHref={(r) => `#/payments/${r.id}`}
      onNew={can(user, 'payments', 'create') ? () => navigate('/payments/new', props.newQuery) : undefined}
      newLabel={t('payments.new')}
    />
  );
}
