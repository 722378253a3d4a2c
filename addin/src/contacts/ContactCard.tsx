import { Badge, Button, Link } from '@fluentui/react-components';
import { Edit20Regular } from '@fluentui/react-icons';
import { ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { AuditHistory } from '../clients/AuditHistory.js';
import { DeleteButton } from '../clients/DeleteButton.js';
import { validId } from '../clients/ids.js';
import { ReadView } from '../clients/ReadView.js';
import { RelatedList } from '../clients/RelatedList.js';
import { can } from '../auth/can.js';
import { useEndpoint } from '../clients/useEndpoint.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Panel, type CardTab } from '../records/Card.js';
import { useFields, type RecordData } from '../records/meta.js';
import { useEditing } from '../records/useEditing.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { ContactForm } from './ContactForm.js';
import { contactSections, hiddenForContact } from './contactSections.js';

/** #/contacts/:id — a contact person: their client, channels, birthday, notes, events and history. */
export function ContactCard({ params }: { params: Record<string, string> }) {
  const id = validId(params.id);
  const user = useUser();
  const notify = useNotify();
  const contact = useResource<RecordData>(id ? `/contacts/${id}` : null);
  const fields = useFields('contact');
  const edit = useEditing(contact);
  const events = useEndpoint(id ? '/events' : null, { contactId: id, limit: 1 });

  if (id === null) return <CardState loading={false} error={new ApiError(404, 'not_found', t('card.notFound'))} />;
  if (!contact.data || !fields) return <CardState loading={contact.loading || !fields} error={contact.error} onRetry={contact.reload} />;
  const c = contact.data;
  const name = String(c.name ?? `#${c.id}`);
  const clientId = typeof c.clientId === 'number' ? c.clientId : null;
  const back = clientId ? `/clients/${clientId}?tab=contacts` : '/contacts';

  if (edit.editing) {
    return (
      <Card title={t('contacts.card.editTitle', { name })}>
        <Panel>
          <ContactForm record={c} {...edit.formProps} />
        </Panel>
      </Card>
    );
  }

  const subtitle = (
    <>
      {c.jobTitle ? String(c.jobTitle) : null}
      {c.jobTitle && clientId ? ' · ' : null}
      {clientId ? <Link href={`#/clients/${clientId}`}>{String(c.clientName ?? `#${clientId}`)}</Link> : t('contacts.card.standalone')}
      {c.isPrimary === true && (
        <>
          {' '}
          <Badge appearance="tint" color="brand" size="small">{t('contacts.card.primary')}</Badge>
        </>
      )}
    </>
  );

  const tabs: CardTab[] = [
    { key: 'details', label: t('contacts.tab.details'), render: () => <Panel><ReadView fields={fields} record={c} sections={contactSections()} hidden={hiddenForContact} /></Panel> },
  ];
  if (events === 'present') {
    tabs.push({
      key: 'events',
      label: t('contacts.tab.events'),
      render: () => (
        <RelatedList entity="event" path="/events" listId="contact-events" parent={clientId ? { contactId: c.id, clientId } : { contactId: c.id }}
          columns={['startsAt', 'subject', 'type', 'status', 'result', 'ownerId']} defaultSort="-startsAt" cardPath="events"
          newPath={can(user, 'events', 'create') && clientId ? '/events/new' : undefined} newLabel={t('clients.events.new')} />
      ),
    });
  }
  if (can(user, 'audit', 'read')) {
    tabs.push({ key: 'history', label: t('contacts.tab.history'), render: () => <AuditHistory key={c.version} path={`/contacts/${c.id}/audit`} entity="contact" /> });
  }

  return (
    <Card
      title={name}
      subtitle={subtitle}
      back={back}
      actions={
        <>
          {can(user, 'contacts', 'edit') && <Button appearance="primary" icon={<Edit20Regular />} onClick={edit.start}>{t('form.edit')}</Button>}
          {can(user, 'contacts', 'delete') && (
            <DeleteButton
              path={`/contacts/${c.id}`}
              what={name}
              onDeleted={() => {
                notify(t('contacts.card.deleted', { name }));
                navigate(back, undefined, { replace: true });
              }}
            />
          )}
        </>
      }
      tabs={tabs}
    />
  );
}
