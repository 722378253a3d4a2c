import { MessageBar, MessageBarBody, Title3 } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { DocumentForm } from '../lines/DocumentForm.js';
import { draftFromLine, type Line } from '../lines/draft.js';
import { idFrom, todayIso } from '../lines/today.js';
import { CardState } from '../records/Card.js';
import type { FormSection } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';

function sections(): FormSection[] {
  return [
    { title: t('invoices.section.main'), keys: ['clientId', 'contractId', 'companyId', 'date', 'dueDate'] },
    { title: t('invoices.section.money'), keys: ['currency', 'vatMode'] },
  ];
}

/**
 * #/invoices/new?clientId=…&contractId=…: a draft invoice. Under a contract
 * it starts from the contract's client, company, currency, VAT mode and
 * lines; the user changes what this invoice bills.
 */
export function InvoiceNew() {
  const { query } = useLocation();
  const notify = useNotify();
  const clientId = idFrom(query.get('clientId'));
  const contractId = idFrom(query.get('contractId'));
  const contract = useResource(contractId ? `/contracts/${contractId}` : null);
  if (contractId && !contract.data) return <CardState loading={contract.loading} error={contract.error} />;
  const c = contract.data;
  const initial: Record<string, unknown> = { date: todayIso() };
  if (clientId) initial.clientId = clientId;
  if (c) Object.assign(initial, { contractId: c.id, clientId: c.clientId, companyId: c.companyId, currency: c.currency, vatMode: c.vatMode });
  return (
    <>
      <Title3 as="h1">{c ? t('invoices.newFromContract', { number: String(c.number ?? `#${c.id}`) }) : t('invoices.newTitle')}</Title3>
      <DocumentForm
        entity="invoice"
        path="/invoices"
        initial={initial}
        initialLines={c ? ((c.lines as Line[]) ?? []).map(draftFromLine).map((l) => ({ ...l, saved: undefined })) : undefined}
        sections={sections()}
        onSaved={(r: RecordData) => {
          notify(t('form.saved'));
          navigate(`/invoices/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => window.history.back()}
      />
    </>
  );
}

/** #/invoices/:id/edit — a draft entirely; an issued invoice only its due date, notes and custom fields. */
export function InvoiceEdit({ params }: { params: Record<string, string> }) {
  const notify = useNotify();
  const invoice = useResource(`/invoices/${params.id}`);
  if (!invoice.data) return <CardState loading={invoice.loading} error={invoice.error} />;
  const r = invoice.data;
  const draft = r.status === 'draft';
  const locked = ['clientId', 'contractId', 'companyId', 'date', 'currency', 'vatMode'];
  return (
    <>
      <Title3 as="h1">{t('invoices.editTitle', { number: String(r.number ?? t('invoices.draftTitle')) })}</Title3>
      <DocumentForm
        entity="invoice"
        path="/invoices"
        record={r}
        sections={sections()}
        exclude={draft ? [] : locked}
        linesEditable={draft}
        before={
          !draft && (
            <MessageBar intent="info">
              <MessageBarBody>{t('invoices.issuedEditHint')}</MessageBarBody>
            </MessageBar>
          )
        }
        onSaved={() => {
          notify(t('form.saved'));
          navigate(`/invoices/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => navigate(`/invoices/${r.id}`)}
      />
    </>
  );
}
