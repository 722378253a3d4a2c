import { Body1, Title3, makeStyles } from '@fluentui/react-components';
import type { ListPage } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Panel } from '../records/Card.js';
import type { RecordData } from '../records/meta.js';
import { RecordForm } from '../records/RecordForm.js';
import { RecordList } from '../records/RecordList.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { CompanyCard } from './CompanyCard.js';
import { companySections } from './sections.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px' } });

/**
 * #/company: most businesses have one company, whose card opens at once;
 * with several, a list of them; with none, the form to describe it.
 */
export function CompanyScreen() {
  const styles = useStyles();
  const can = useCan();
  const list = useResource<ListPage<RecordData>>('/companies', { limit: 2 });
  if (!list.data) return <CardState loading={list.loading} error={list.error} />;
  const items = list.data.items;
  if (items.length === 1) return <CompanyCard id={items[0]!.id} several={false} />;
  if (items.length === 0) {
    return (
      <div className={styles.root}>
        <Title3 as="h1">{t('nav.company')}</Title3>
        <Body1>{t('company.none')}</Body1>
        {can('companies', 'create') && (
          <Panel>
            <RecordForm entity="company" path="/companies" sections={companySections()} initial={{ isDefault: true }} saveLabel={t('company.create')} onSaved={() => list.reload()} />
          </Panel>
        )}
      </div>
    );
  }
  return (
    <div className={styles.root}>
      <Title3 as="h1">{t('company.title')}</Title3>
      <RecordList
        entity="company"
        path="/companies"
        listId="companies"
        defaultColumns={['name', 'legalName', 'taxId', 'defaultCurrency', 'isDefault']}
        rowHref={(r) => `#/company/${r.id}`}
        onNew={can('companies', 'create') ? () => navigate('/company/new') : undefined}
        newLabel={t('company.new')}
      />
    </div>
  );
}

/** #/company/:id — one company when there are several. */
export function CompanyById({ params }: { params: Record<string, string> }) {
  const list = useResource<ListPage<RecordData>>('/companies', { limit: 2 });
  return <CompanyCard id={Number(params.id)} several={(list.data?.items.length ?? 0) > 1} />;
}

/** #/company/new */
export function CompanyNew() {
  return (
    <Card title={t('company.new')} back="/company">
      <Panel>
        <RecordForm entity="company" path="/companies" sections={companySections()} saveLabel={t('company.create')} onSaved={(r) => navigate(`/company/${r.id}`)} onCancel={() => navigate('/company')} />
      </Panel>
    </Card>
  );
}
