import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { ReadOnlyRecord } from '../catalog/ReadOnlyRecord.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import type { RecordData } from '../records/meta.js';
import { RecordForm } from '../records/RecordForm.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { CompanyImagesPanel, type CompanyImages } from './CompanyImages.js';
import { NumberingPreview } from './NumberingPreview.js';
import { companySections } from './sections.js';

type Company = RecordData & { name: string; legalName: string | null; isDefault: boolean; defaultCurrency: string; images: CompanyImages };

const useStyles = makeStyles({
  heading: { margin: '0 0 8px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** One of our companies: requisites, defaults, numbering formats and the images printed on documents. */
export function CompanyCard({ id, several }: { id: number; several: boolean }) {
  const styles = useStyles();
  const can = useCan();
  const notify = useNotify();
  const res = useResource<Company>(`/companies/${id}`);
  const [deleting, setDeleting] = useState(false);
  const company = res.data;
  if (!company) return <CardState loading={res.loading} error={res.error} />;
  const canEdit = can('companies', 'edit');

  return (
    <Card
      title={company.name}
      subtitle={company.legalName ?? undefined}
      back={several ? '/company' : undefined}
      actions={
        <>
          {can('companies', 'create') && <Button icon={<Add20Regular />} onClick={() => navigate('/company/new')}>{t('company.new')}</Button>}
          {can('companies', 'delete') && <Button icon={<Delete20Regular />} onClick={() => setDeleting(true)}>{t('form.delete')}</Button>}
        </>
      }
      facts={
        <>
          <Fact label={t('company.fact.currency')} value={company.defaultCurrency} />
          {company.isDefault && <Badge appearance="tint" color="brand">{t('company.default')}</Badge>}
        </>
      }
    >
      <Panel>
        <h2 className={styles.heading}>{t('company.details')}</h2>
        {canEdit ? (
          <RecordForm
            entity="company"
            path="/companies"
            record={company}
            sections={companySections()}
            extra={(values) => <NumberingPreview values={values} />}
            onSaved={(saved) => {
              res.set(saved as Company);
              notify(t('form.saved'));
            }}
          />
        ) : (
          <ReadOnlyRecord entity="company" record={company} sections={companySections()} />
        )}
      </Panel>
      <Panel>
        <h2 className={styles.heading}>{t('company.images')}</h2>
        <CompanyImagesPanel companyId={company.id} images={company.images} canEdit={canEdit} onChange={(images) => res.set({ ...company, images })} />
      </Panel>
      <ConfirmDialog
        open={deleting}
        title={t('company.deleteTitle', { name: company.name })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(`/companies/${company.id}`);
          notify(t('company.deleted'));
          navigate('/company');
        }}
      >
        {t('company.deleteConfirm')}
      </ConfirmDialog>
    </Card>
  );
}
