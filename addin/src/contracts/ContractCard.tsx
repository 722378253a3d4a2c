import { Button, Link, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { ArrowRepeatAll20Regular, Delete20Regular, Edit20Regular, ReceiptAdd20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { InvoicesTable } from '../invoices/InvoicesTable.js';
import { t } from '../i18n/strings.js';
import type { VatMode } from '../lines/amounts.js';
import type { Line } from '../lines/draft.js';
import { LinesView } from '../lines/LinesView.js';
import { useRecordName } from '../lines/useRecordName.js';
import { useRounding } from '../lines/useRounding.js';
import { RecordDetails } from '../lines/RecordDetails.js';
import { can } from '../auth/can.js';
import { StateBadge } from '../lines/StateBadge.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatDate, formatMoney } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { PrintMenu } from '../documents/PrintMenu.js';
import { RecordDocuments } from '../documents/RecordDocuments.js';
import { RenewDialog } from './RenewDialog.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  h2: { margin: '0 0 8px', fontSize: '14px', fontWeight: 600 },
});

/** #/contracts/:id — the contract, its lines and totals, its renewal chain and its invoices. */
export function ContractCard({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const contract = useResource(`/contracts/${params.id}`);
  const [renewing, setRenewing] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const r = contract.data;
  const rounding = useRounding(r?.companyId);
  const clientName = useRecordName(r ? `/clients/${String(r.clientId)}` : null);
  const previous = useRecordName(r && typeof r.renewedFromId === 'number' ? `/contracts/${r.renewedFromId}` : null);
  const next = useRecordName(r && typeof r.renewalId === 'number' ? `/contracts/${r.renewalId}` : null);

  if (!r) return <CardState loading={contract.loading} error={contract.error} />;

  const number = String(r.number ?? `#${r.id}`);
  const currency = r.currency as string | null;
  const state = r.state as string;
  const canEdit = can(user, 'contracts', 'edit');
  const renewable = r.status === 'active' && typeof r.endDate === 'string' && typeof r.renewalId !== 'number' && can(user, 'contracts', 'create');
  const term = `${formatDate(r.startDate as string) || '…'} – ${r.endDate ? formatDate(r.endDate as string) : t('contracts.openEnded')}`;

  async function remove() {
    if (!window.confirm(t('contracts.deleteConfirm'))) return;
    try {
      await api.delete(`/contracts/${r!.id}`);
      notify(t('contracts.deleted'));
      navigate('/contracts', undefined, { replace: true });
    } catch (err) {
      setDeleteError((err as Error).message);
    }
  }

  const renewDue = state === 'expiring' || state === 'expired';
  return (
    <>
      <Card
        back="/contracts"
        title={<>{t('contracts.titleN', { number })} <StateBadge kind="contracts" state={state} /></>}
        subtitle={<>{r.subject as string}{clientName && <> · <Link href={`#/clients/${String(r.clientId)}`}>{clientName}</Link></>}</>}
        actions={
          <>
            {/* Renewal is the main action only once the end is near; before that, invoicing is. */}
            {renewable && (
              <Button appearance={renewDue ? 'primary' : 'secondary'} icon={<ArrowRepeatAll20Regular />} onClick={() => setRenewing(true)}>{t('contracts.renew')}</Button>
            )}
            {can(user, 'invoices', 'create') && r.status !== 'draft' && (
              <Button appearance={renewDue ? 'secondary' : 'primary'} icon={<ReceiptAdd20Regular />} onClick={() => navigate('/invoices/new', { contractId: r.id })}>{t('contracts.newInvoice')}</Button>
            )}
            <PrintMenu recordType="contract" recordId={r.id} />
            {canEdit && <Button icon={<Edit20Regular />} onClick={() => navigate(`/contracts/${r.id}/edit`)}>{t('form.edit')}</Button>}
            {r.status === 'draft' && can(user, 'contracts', 'delete') && (
              <Button icon={<Delete20Regular />} onClick={() => void remove()}>{t('form.delete')}</Button>
            )}
          </>
        }
        facts={
          <>
            <Fact label={t('contracts.total')} value={formatMoney(r.total as string, currency)} />
            <Fact label={t('contracts.term')} value={term} intent={state === 'expired' ? 'danger' : undefined} />
          </>
        }
        tabs={[
          {
            key: 'overview', label: t('contracts.tab.overview'),
            render: () => (
              <div className={styles.stack}>
                <Panel>
                  <h2 className={styles.h2}>{t('lines.title')}</h2>
                  <LinesView lines={(r.lines as Line[]) ?? []} currency={currency} vatMode={(r.vatMode as VatMode) ?? 'exclusive'} netTotal={r.netTotal as string} vatTotal={r.vatTotal as string} total={r.total as string} rounding={rounding} />
                </Panel>
                <Panel>
                  <h2 className={styles.h2}>{t('contracts.details')}</h2>
                  <RecordDetails entity="contract" record={r} exclude={['netTotal', 'vatTotal', 'total', 'renewedFromId']} />
                </Panel>
              </div>
            ),
          },
          {
            key: 'invoices', label: t('contracts.tab.invoices'),
            render: () => <InvoicesTable listId={`contract-${r.id}-invoices`} compact fixed={{ contractId: r.id }} newQuery={r.status !== 'draft' ? { contractId: r.id } : undefined} />,
          },
          { key: 'documents', label: t('documents.list.title'), render: () => <RecordDocuments recordType="contract" recordId={r.id} /> },
        ]}
      >
        {deleteError && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{deleteError}</MessageBarBody>
          </MessageBar>
        )}
        {typeof r.renewedFromId === 'number' && (
          <MessageBar intent="info">
            <MessageBarBody>
              {t('contracts.renewedFrom')}{' '}
              <Link href={`#/contracts/${r.renewedFromId}`}>{previous ?? t('contracts.openPrevious')}</Link>
            </MessageBarBody>
          </MessageBar>
        )}
        {typeof r.renewalId === 'number' && (
          <MessageBar intent="success">
            <MessageBarBody>
              {t('contracts.renewedBy')}{' '}
              <Link href={`#/contracts/${r.renewalId}`}>{next ?? t('contracts.openNext')}</Link>
            </MessageBarBody>
          </MessageBar>
        )}
      </Card>
      {renewing && (
        <RenewDialog
          contract={r}
          open
          onClose={() => setRenewing(false)}
          onRenewed={(renewal) => {
            setRenewing(false);
            notify(t('contracts.renewed', { number: String(renewal.number ?? `#${renewal.id}`) }));
            navigate(`/contracts/${renewal.id}`);
          }}
        />
      )}
    </>
  );
}
