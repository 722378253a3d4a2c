import { Badge, Button, makeStyles } from '@fluentui/react-components';
import { Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Panel } from '../records/Card.js';
import { useFields, type RecordData } from '../records/meta.js';
import { useEditing } from '../records/useEditing.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { BalanceFacts } from './BalanceFacts.js';
import { ClientForm } from './ClientForm.js';
import { clientTabs } from './clientTabs.js';
import { DeleteButton } from './DeleteButton.js';
import { InsertRequisites } from './InsertRequisites.js';
import { PrintMenu } from '../documents/PrintMenu.js';
import { can } from '../auth/can.js';
import { useEndpoint } from './useEndpoint.js';
import { validId } from './ids.js';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: '4px' },
});

const STATUS_COLOR: Record<string, 'success' | 'informative' | 'subtle'> = { active: 'success', prospect: 'informative', former: 'subtle' };

/** #/clients/:id — a client's card: header with the balance, requisites and everything linked to the client. */
export function ClientCard({ params }: { params: Record<string, string> }) {
  const id = validId(params.id);
  const user = useUser();
  const notify = useNotify();
  const styles = useStyles();
  const client = useResource<RecordData>(id ? `/clients/${id}` : null);
  const fields = useFields('client');
  const [saves, setSaves] = useState(0);
  const edit = useEditing(client, () => setSaves((n) => n + 1));
  const events = useEndpoint(id ? '/events' : null, { clientId: id, limit: 1 });
  const documents = useEndpoint(id ? '/documents' : null, { recordType: 'client', recordId: id });

  if (id === null) return <CardState loading={false} error={new ApiError(404, 'not_found', t('card.notFound'))} />;
  if (!client.data || !fields) return <CardState loading={client.loading || !fields} error={client.error} onRetry={client.reload} />;
  const c = client.data;
  const name = String(c.name ?? `#${c.id}`);
  const kindField = fields.find((f) => f.key === 'kind');
  const statusField = fields.find((f) => f.key === 'status');
  const kind = kindField?.options.choices?.find((x) => x.key === c.kind)?.label ?? String(c.kind ?? '');
  const status = statusField?.options.choices?.find((x) => x.key === c.status)?.label;
  const subtitle = [kind, c.managerName ? t('clients.card.manager', { name: String(c.managerName) }) : t('clients.card.noManager'), c.categoryName ? String(c.categoryName) : null]
    .filter(Boolean)
    .join(' · ');
  const tags = Array.isArray(c.tags) ? (c.tags as string[]) : [];

  if (edit.editing) {
    return (
      <Card title={t('clients.card.editTitle', { name })} subtitle={kind}>
        <Panel>
          <ClientForm record={c} {...edit.formProps} />
        </Panel>
      </Card>
    );
  }

  return (
    <Card
      title={name}
      subtitle={subtitle}
      back="/clients"
      actions={
        <>
          <InsertRequisites client={c} />
          <PrintMenu recordType="client" recordId={c.id} />
          {can(user, 'clients', 'edit') && (
            <Button appearance="primary" icon={<Edit20Regular />} onClick={edit.start}>{t('form.edit')}</Button>
          )}
          {can(user, 'clients', 'delete') && (
            <DeleteButton
              path={`/clients/${c.id}`}
              what={name}
              onDeleted={() => {
                notify(t('clients.card.deleted', { name }));
                navigate('/clients', undefined, { replace: true });
              }}
            />
          )}
        </>
      }
      // Remounted after a save, so the figures are fetched again.
      facts={<BalanceFacts key={saves} clientId={c.id} />}
      tabs={clientTabs(c, fields, user, { events: events === 'present', documents: documents === 'present' })}
    >
      {(status || tags.length > 0) && (
        <div className={styles.badges} aria-label={t('clients.card.labels')} role="group">
          {status && <Badge appearance="tint" color={STATUS_COLOR[String(c.status)] ?? 'informative'}>{status}</Badge>}
          {tags.map((tag) => (
            <Badge key={tag} appearance="outline" color="brand">{tag}</Badge>
          ))}
        </div>
      )}
    </Card>
  );
}
