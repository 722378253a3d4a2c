import { Title3 } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { PaymentsTable } from './PaymentsTable.js';

/** #/payments: every payment the user may see, with unallocated amounts (client credit). */
export function PaymentList() {
  return (
    <>
      <Title3 as="h1">{t('payments.title')}</Title3>
      <PaymentsTable listId="payments" />
    </>
  );
}
