import { Title3 } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { InvoicesTable } from './InvoicesTable.js';

/** #/invoices: every invoice the user may see, filterable by state (overdue, partially paid…). */
export function InvoiceList() {
  return (
    <>
      <Title3 as="h1">{t('invoices.title')}</Title3>
      <InvoicesTable listId="invoices" />
    </>
  );
}
