import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { countText } from '../clients/count.js';
import { can } from '../clients/rights.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { RecordList } from '../records/RecordList.js';
import { navigate } from '../shell/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  count: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase300 },
  empty: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px' },
});

/** #/contacts — contact persons of all the clients the user may see, and standalone contacts. */
export function ContactList() {
  const styles = useStyles();
  const user = useUser();
  const [count, setCount] = useState<string | null>(null);
  const mayCreate = can(user, 'contacts', 'create');
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('nav.contacts')}</h1>
        {count !== null && <span className={styles.count} aria-label={t('contacts.list.count', { count })}>{count}</span>}
      </div>
      <RecordList
        entity="contact"
        path="/contacts"
        listId="contacts"
        defaultColumns={['name', 'clientId', 'jobTitle', 'phones', 'emails']}
        defaultFilters={['clientId', 'managerId', 'jobTitle']}
        rowHref={(r: RecordData) => `#/contacts/${r.id}`}
        onNew={mayCreate ? () => navigate('/contacts/new') : undefined}
        newLabel={t('contacts.list.new')}
        onLoaded={(p) => setCount(countText(p))}
        emptyText={
          <span className={styles.empty}>
            <span>{t('contacts.list.empty')}</span>
            {mayCreate && <Button appearance="primary" onClick={() => navigate('/contacts/new')}>{t('contacts.list.addFirst')}</Button>}
          </span>
        }
      />
    </div>
  );
}
