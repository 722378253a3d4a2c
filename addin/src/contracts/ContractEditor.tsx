import { Title3 } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { DocumentForm } from '../lines/DocumentForm.js';
import { idFrom, todayIso } from '../lines/today.js';
import { CardState } from '../records/Card.js';
import type { FormSection } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';

function sections(): FormSection[] {
  return [
    { title: t('contracts.section.main'), keys: ['number', 'date', 'status', 'subject'] },
    { title: t('contracts.section.parties'), keys: ['clientId', 'companyId', 'signatoryId', 'signatoryName'] },
    { title: t('contracts.section.term'), keys: ['startDate', 'endDate', 'noticeDays', 'autoRenew'] },
    { title: t('contracts.section.money'), keys: ['currency', 'vatMode'] },
  ];
}

/** #/contracts/new?clientId=…: a new contract with its lines, opened for a client from their card. */
export function ContractNew() {
  const { query } = useLocation();
  const notify = useNotify();
  const clientId = idFrom(query.get('clientId'));
  const today = todayIso();
  return (
    <>
      <Title3 as="h1">{t('contracts.newTitle')}</Title3>
      <DocumentForm
        entity="contract"
        path="/contracts"
        initial={{ date: today, startDate: today, ...(clientId ? { clientId } : {}) }}
        sections={sections()}
        onSaved={(r: RecordData) => {
          notify(t('contracts.created'));
          navigate(`/contracts/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => window.history.back()}
      />
    </>
  );
}

/** #/contracts/:id/edit */
export function ContractEdit({ params }: { params: Record<string, string> }) {
  const notify = useNotify();
  const contract = useResource(`/contracts/${params.id}`);
  if (!contract.data) return <CardState loading={contract.loading} error={contract.error} />;
  const r = contract.data;
  return (
    <>
      <Title3 as="h1">{t('contracts.editTitle', { number: String(r.number ?? `#${r.id}`) })}</Title3>
      <DocumentForm
        entity="contract"
        path="/contracts"
        record={r}
        sections={sections()}
        onSaved={() => {
          notify(t('form.saved'));
          navigate(`/contracts/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => navigate(`/contracts/${r.id}`)}
      />
    </>
  );
}
