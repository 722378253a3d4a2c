import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { Card, Panel } from '../records/Card.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { ClientForm } from './ClientForm.js';
import { can } from '../auth/can.js';

/** #/clients/new[?kind=individual&name=…]: a new client; saving opens its card. */
export function ClientNew() {
  const user = useUser();
  const notify = useNotify();
  const { query } = useLocation();
  const initial = useMemo(() => {
    const kind = query.get('kind') === 'individual' ? 'individual' : 'legal';
    const name = query.get('name')?.trim();
    return { kind, ...(name ? { name } : {}) };
  }, []);
  return (
    <Card title={t('clients.new.title')} back="/clients">
      {can(user, 'clients', 'create') ? (
        <Panel>
          <ClientForm
            initial={initial}
            saveLabel={t('clients.new.save')}
            onSaved={(r) => {
              notify(t('clients.new.created', { name: String(r.name ?? '') }));
              // Replace, so Back from the card returns to the list rather than an empty form.
              navigate(`/clients/${r.id}`, undefined, { replace: true });
            }}
            onCancel={() => navigate('/clients')}
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
