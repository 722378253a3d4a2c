import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { Card, Panel } from '../records/Card.js';
import { RecordForm } from '../records/RecordForm.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { AdminPage } from './AdminPage.js';
import { useCan } from '../auth/can.js';
import { PasswordField } from './PasswordField.js';

/** #/admin — the users who may sign in, with their roles. */
export function UserList() {
  return (
    <AdminPage current="/admin">
      <RecordList
        entity="user"
        path="/users"
        listId="users"
        defaultColumns={['name', 'login', 'role', 'scope', 'active', 'email']}
        defaultFilters={['role', 'active']}
        rowHref={(r) => `#/admin/users/${r.id}`}
        onNew={() => navigate('/admin/users/new')}
        newLabel={t('admin.user.new')}
      />
    </AdminPage>
  );
}

/** #/admin/users/new — a new user with a login, role, scope and first password. */
export function UserNew() {
  const can = useCan();
  const notify = useNotify();
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  if (!can('users', 'create')) return <AdminPage current="/admin">{null}</AdminPage>;
  return (
    <Card title={t('admin.user.new')} back="/admin">
      <Panel>
        {/* Submitting the form also shows what is wrong with the password. */}
        <div onSubmitCapture={() => setTouched(true)}>
          <RecordForm
            entity="user"
            path="/users"
            initial={{ role: 'manager', scope: 'own', active: true }}
            fixed={password ? { password } : {}}
            extra={() => <PasswordField id="field-password" value={password} onChange={(v) => { setPassword(v); setTouched(true); }} showErrors={touched} />}
            saveLabel={t('admin.user.create')}
            onSaved={(r) => {
              notify(t('admin.user.created'));
              navigate(`/admin/users/${r.id}`);
            }}
            onCancel={() => navigate('/admin')}
          />
        </div>
      </Panel>
    </Card>
  );
}
