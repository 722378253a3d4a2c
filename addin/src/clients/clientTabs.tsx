import type { User } from '../auth/session.js';
import { RecordDocuments } from '../documents/RecordDocuments.js';
import { ClientEvents } from '../events/ClientEvents.js';
import { t } from '../i18n/strings.js';
import { Panel, type CardTab } from '../records/Card.js';
import type { FieldMeta, RecordData } from '../records/meta.js';
import { AuditHistory } from './AuditHistory.js';
import { ClientAttachments } from './Attachments.js';
import { clientSections, hiddenForKind } from './clientSections.js';
import { ReadView } from './ReadView.js';
import { RelatedList } from './RelatedList.js';
import { can } from '../auth/can.js';

/** The tabs of a client's card; events and documents only where the server offers them. */
export function clientTabs(client: RecordData, fields: FieldMeta[], user: User, optional: { events: boolean; documents: boolean }): CardTab[] {
  const id = client.id;
  const parent = { clientId: id };
  const tabs: CardTab[] = [
    {
      key: 'requisites',
      label: t('clients.tab.requisites'),
      render: () => (
        <Panel>
          <ReadView fields={fields} record={client} sections={clientSections()} hidden={hiddenForKind} />
        </Panel>
      ),
    },
    {
      key: 'contacts',
      label: t('clients.tab.contacts'),
      render: () => (
        <RelatedList entity="contact" path="/contacts" listId="client-contacts" parent={parent} columns={['name', 'jobTitle', 'phones', 'emails', 'isPrimary']}
          cardPath="contacts" newPath={can(user, 'contacts', 'create') ? '/contacts/new' : undefined} newLabel={t('clients.contacts.new')} />
      ),
    },
  ];
  if (optional.events) {
    tabs.push({
      key: 'events',
      label: t('clients.tab.events'),
      // The events area's own list: results by type and the "log a call / plan a meeting" actions.
      render: () => <ClientEvents clientId={client.id} />,
    });
  }
  tabs.push(
    {
      key: 'contracts',
      label: t('clients.tab.contracts'),
      render: () => (
        <RelatedList entity="contract" path="/contracts" listId="client-contracts" parent={parent} columns={['number', 'subject', 'state', 'endDate', 'total', 'date']} defaultSort="-date"
          cardPath="contracts" newPath={can(user, 'contracts', 'create') ? '/contracts/new' : undefined} newLabel={t('clients.contracts.new')} />
      ),
    },
    {
      key: 'invoices',
      label: t('clients.tab.invoices'),
      render: () => (
        <RelatedList entity="invoice" path="/invoices" listId="client-invoices" parent={parent} columns={['number', 'state', 'total', 'remaining', 'dueDate', 'date']} defaultSort="-date"
          cardPath="invoices" newPath={can(user, 'invoices', 'create') ? '/invoices/new' : undefined} newLabel={t('clients.invoices.new')} />
      ),
    },
    {
      key: 'payments',
      label: t('clients.tab.payments'),
      render: () => (
        <RelatedList entity="payment" path="/payments" listId="client-payments" parent={parent} columns={['date', 'amount', 'unallocated', 'method', 'reference']} defaultSort="-date"
          cardPath="payments" newPath={can(user, 'payments', 'create') ? '/payments/new' : undefined} newLabel={t('clients.payments.new')} />
      ),
    },
  );
  if (optional.documents) {
    tabs.push({ key: 'documents', label: t('clients.tab.documents'), render: () => <RecordDocuments recordType="client" recordId={id} /> });
  }
  // Files kept with the client, e.g. a message's attachments logged from Outlook.
  tabs.push({ key: 'attachments', label: t('clients.tab.attachments'), render: () => <ClientAttachments clientId={id} /> });
  if (can(user, 'audit', 'read')) {
    tabs.push({ key: 'history', label: t('clients.tab.history'), render: () => <AuditHistory key={client.version} path={`/clients/${id}/audit`} entity="client" /> });
  }
  return tabs;
}
