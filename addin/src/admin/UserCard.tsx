import { Badge, Button } from '@fluentui/react-components';
import { Delete20Regular, Key20Regular, PersonAvailable20Regular, PersonProhibited20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatValue } from '../records/format.js';
import { useFields, type RecordData } from '../records/meta.js';
import { RecordForm } from '../records/RecordForm.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { AdminPage } from './AdminPage.js';
import { useCan } from '../auth/can.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';

type UserRecord = RecordData & { login: string; name: string; role: string; scope: string; active: boolean };

/** #/admin/users/:id — edit a user's name, role and scope; reset their password; deactivate or delete them. */
export function UserCard({ params }: { params: Record<string, string> }) {
  const can = useCan();
  const me = useUser();
  const notify = useNotify();
  const fields = useFields('user');
  const res = useResource<UserRecord>(`/users/${encodeURIComponent(params.id ?? '')}`);
  const [resetting, setResetting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [toggling, setToggling] = useState(false);
  if (!can('users', 'edit')) return <AdminPage current="/admin">{null}</AdminPage>;
  const user = res.data;
  if (!user) return <CardState loading={res.loading} error={res.error} />;
  const self = user.id === me.id;
  const field = (key: string) => fields?.find((f) => f.key === key);
  const shown = (key: string) => {
    const f = field(key);
    return f ? formatValue(f, user) : String(user[key] ?? '');
  };

  async function setActive(active: boolean) {
    setToggling(true);
    try {
      const saved = await api.patch<UserRecord>(`/users/${user!.id}`, { active, version: user!.version });
      res.set(saved);
      notify(active ? t('admin.user.activated') : t('admin.user.deactivated'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        notify(t('admin.user.changedMeanwhile'), 'warning');
        res.reload();
      } else {
        notify(err instanceof Error ? err.message : String(err), 'error');
      }
    } finally {
      setToggling(false);
    }
  }

  return (
    <Card
      title={user.name}
      subtitle={user.login}
      back="/admin"
      actions={
        <>
          <Button icon={<Key20Regular />} onClick={() => setResetting(true)}>{t('admin.user.reset')}</Button>
          {!self && (
            <Button icon={user.active ? <PersonProhibited20Regular /> : <PersonAvailable20Regular />} disabled={toggling} onClick={() => void setActive(!user.active)}>
              {user.active ? t('admin.user.deactivate') : t('admin.user.activate')}
            </Button>
          )}
          {!self && can('users', 'delete') && <Button icon={<Delete20Regular />} onClick={() => setDeleting(true)}>{t('form.delete')}</Button>}
        </>
      }
      facts={
        <>
          <Fact label={field('role')?.label ?? 'Role'} value={shown('role')} />
          <Fact label={field('scope')?.label ?? 'Sees'} value={user.role === 'admin' ? t('admin.user.seesAll') : shown('scope')} />
          {!user.active && <Badge appearance="tint" color="danger">{t('admin.user.inactive')}</Badge>}
          {self && <Badge appearance="tint" color="brand">{t('admin.user.you')}</Badge>}
        </>
      }
    >
      <Panel>
        <RecordForm
          entity="user"
          path="/users"
          record={user}
          onSaved={(saved) => {
            res.set(saved as UserRecord);
            notify(t('form.saved'));
          }}
        />
      </Panel>
      <ResetPasswordDialog
        user={user}
        open={resetting}
        onClose={() => setResetting(false)}
        onDone={(saved) => {
          setResetting(false);
          res.set(saved as UserRecord);
          notify(t('admin.user.passwordSet', { name: user.name }));
        }}
      />
      <ConfirmDialog
        open={deleting}
        title={t('admin.user.deleteTitle', { name: user.name })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(`/users/${user.id}`);
          notify(t('admin.user.deleted'));
          navigate('/admin');
        }}
      >
        {t('admin.user.deleteConfirm')}
      </ConfirmDialog>
    </Card>
  );
}
