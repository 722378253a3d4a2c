import { makeStyles, tokens } from '@fluentui/react-components';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { can } from '../auth/can.js';
import { StateBadge } from '../lines/StateBadge.js';
import { formatMoney } from '../records/format.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

const useStyles = makeStyles({
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * Invoices with their payment state; overdue ones stand out in red. The
 * whole list, or (compact, fixed) those of one contract or client.
 */
export function InvoicesTable(props: { listId: string; fixed?: Record<string, string | number>; compact?: boolean; newQuery?: Record<string, string | number> }) {
  const styles = useStyles();
  const user = useUser();
  return (
    <RecordList
      entity="invoice"
      path="/invoices"
      listId={props.listId}
      fixed={props.fixed}
      compact={props.compact}
      defaultColumns={props.compact ? ['number', 'date', 'dueDate', 'total', 'paid'] : ['number', 'clientId', 'date', 'dueDate', 'total', 'paid']}
      defaultFilters={['state', 'clientId', 'dueDate', 'contractId']}
      defaultSort="-date"
      extraColumns={[
        {
          key: 'remaining', label: t('invoices.remaining'), numeric: true, sortKey: 'remaining',
          // A draft or cancelled invoice is not owed: a dash, not a misleading 0.00.
          render: (r) => (r.status === 'issued' ? <span className={r.state === 'overdue' ? styles.overdue : undefined}>{formatMoney(r.remaining as string, r.currency as string)}</span> : t('form.none')),
        },
        { key: 'state', label: t('invoices.state'), render: (r) => <StateBadge kind="invoices" state={r.state as string} size="small" /> },
      ]}
      rowHref={(r) => `#/invoices/${r.id}`}
      onNew={can(user, 'invoices', 'create') ? () => navigate('/invoices/new', props.newQuery) : undefined}
      newLabel={t('invoices.new')}
    />
  );
}
