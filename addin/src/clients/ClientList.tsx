import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';
import { countText } from './count.js';
import { can } from './rights.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  count: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase300 },
  empty: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px' },
});

/** #/clients — every client the user may see: chosen columns, filters, sorting, saved views. */
export function ClientList() {
  const styles = useStyles();
  const user = useUser();
  const [count, setCount] = useState<string | null>(null);
  const mayCreate = can(user, 'clients', 'create');
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('nav.clients')}</h1>
        {count !== null && <span className={styles.count} aria-label={t('clients.list.count', { count })}>{count}</span>}
      </div>
      <RecordList
        entity="client"
        path="/clients"
        listId="clients"
        defaultColumns={['name', 'city', 'managerId', 'categoryId', 'status', 'phones']}
        defaultFilters={['managerId', 'categoryId', 'kind', 'city', 'tags']}
        rowHref={(r: RecordData) => `#/clients/${r.id}`}
        onNew={mayCreate ? () => navigate('/clients/new') : undefined}
        newLabel={t('clients.list.new')}
        onLoaded={(p) => setCount(countText(p))}
        emptyText={
          <span className={styles.empty}>
            <span>{t('clients.list.empty')}</span>
            {mayCreate && <Button appearance="primary" onClick={() => navigate('/clients/new')}>{t('clients.list.addFirst')}</Button>}
          </span>
        }
      />
    </div>
  );
}
