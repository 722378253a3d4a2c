import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useUser } from '../auth/session.js';
import { validId } from '../clients/ids.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { Card, Panel } from '../records/Card.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { ContactForm } from './ContactForm.js';

/** #/contacts/new[?clientId=7]: a new contact, of a client when one is given; saving opens its card. */
export function ContactNew() {
  const user = useUser();
  const notify = useNotify();
  const { query } = useLocation();
  const clientId = validId(query.get('clientId') ?? undefined);
  const initial = useMemo(() => (clientId ? { clientId } : {}), [clientId]);
  const back = clientId ? `/clients/${clientId}?tab=contacts` : '/contacts';
  return (
    <Card title={t('contacts.new.title')} back={back}>
      {can(user, 'contacts', 'create') ? (
        <Panel>
          <ContactForm
            initial={initial}
            saveLabel={t('contacts.new.save')}
            onSaved={(r) => {
              notify(t('contacts.new.created', { name: String(r.name ?? '') }));
              navigate(`/contacts/${r.id}`, undefined, { replace: true });
            }}
            onCancel={() => navigate(back)}
          />
        </Panel>
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>{t('error.forbidden')}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
