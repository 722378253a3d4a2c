import { Checkbox, Field, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { idFrom, todayIso } from '../lines/today.js';
import { CardState } from '../records/Card.js';
import { RecordForm, type FormSection } from '../records/RecordForm.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';

const SECTIONS: FormSection[] = [{ keys: ['clientId', 'amount', 'currency', 'date', 'method', 'reference', 'companyId'] }];

/**
 * #/payments/new?clientId=…: money received from a client. It may go to the
 * client's oldest open invoices at once; otherwise it is allocated on its
 * card, and what is left stays as the client's credit.
 */
export function PaymentNew() {
  const { query } = useLocation();
  const notify = useNotify();
  const clientId = idFrom(query.get('clientId'));
  const [auto, setAuto] = useState(true);
  return (
    <>
      <Title3 as="h1">{t('payments.newTitle')}</Title3>
      <RecordForm
        entity="payment"
        path="/payments"
        initial={{ date: todayIso(), method: 'bank_transfer', ...(clientId ? { clientId } : {}) }}
        sections={SECTIONS}
        fixed={auto ? { autoAllocate: true } : undefined}
        extra={() => (
          <Field hint={t('payments.autoAllocateHint')}>
            <Checkbox checked={auto} label={t('payments.autoAllocate')} onChange={(_, d) => setAuto(d.checked === true)} />
          </Field>
        )}
        onSaved={(r: RecordData) => {
          notify(t('payments.created'));
          navigate(`/payments/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => window.history.back()}
      />
    </>
  );
}

/** #/payments/:id/edit */
export function PaymentEdit({ params }: { params: Record<string, string> }) {
  const notify = useNotify();
  const payment = useResource(`/payments/${params.id}`);
  if (!payment.data) return <CardState loading={payment.loading} error={payment.error} />;
  const r = payment.data;
  return (
    <>
      <Title3 as="h1">{t('payments.editTitle')}</Title3>
      <RecordForm
        entity="payment"
        path="/payments"
        record={r}
        sections={SECTIONS}
        onSaved={() => {
          notify(t('form.saved'));
          navigate(`/payments/${r.id}`, undefined, { replace: true });
        }}
        onCancel={() => navigate(`/payments/${r.id}`)}
      />
    </>
  );
}
