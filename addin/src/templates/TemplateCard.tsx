import { Badge, Button } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUpload20Regular, Delete20Regular, Edit20Regular, Star20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { useUser } from '../auth/session.js';
import { saveFile, templateContent, type TemplateDetail } from '../documents/api.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Fact } from '../records/Card.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { EditDialog } from './EditDialog.js';
import { localeLabel, recordTypeLabel } from './recordTypes.js';
import { UploadDialog } from './UploadDialog.js';
import { VersionList } from './VersionList.js';

/** #/templates/:id — one print form: download, new version, default, rename, delete, and its version history. */
export function TemplateCard({ params }: { params: Record<string, string> }) {
  const user = useUser();
  const notify = useNotify();
  const valid = /^\d{1,9}$/.test(params.id ?? '');
  const template = useResource<TemplateDetail>(valid ? `/templates/${params.id}` : null);
  const [dialog, setDialog] = useState<'upload' | 'edit' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);

  if (!valid) return <CardState loading={false} error={new ApiError(404, 'not_found', t('card.notFound'))} />;
  const tpl = template.data;
  if (!tpl) return <CardState loading={template.loading} error={template.error} />;

  async function download() {
    setBusy(true);
    try {
      saveFile(await templateContent(tpl!.id));
    } catch (err) {
      notify(t('templates.downloadFailed', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function makeDefault() {
    setBusy(true);
    try {
      template.set(await api.patch<TemplateDetail>(`/templates/${tpl!.id}`, { version: tpl!.version, isDefault: true }));
      notify(t('templates.madeDefault', { title: tpl!.title }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        notify(t('templates.conflict'), 'warning');
        template.reload();
      } else notify((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Card
        back="/templates"
        title={<>{tpl.title} {tpl.isDefault && <Badge appearance="tint" color="brand">{t('templates.default')}</Badge>}</>}
        subtitle={`${recordTypeLabel(tpl.recordType)} · ${tpl.name}`}
        actions={
          <>
            <Button icon={<ArrowDownload20Regular />} disabled={busy} onClick={() => void download()}>{t('templates.download')}</Button>
            {can(user, 'templates', 'edit') && (
              <>
                <Button appearance="primary" icon={<ArrowUpload20Regular />} onClick={() => setDialog('upload')}>{t('templates.newVersion')}</Button>
                {!tpl.isDefault && <Button icon={<Star20Regular />} disabled={busy} onClick={() => void makeDefault()}>{t('templates.makeDefault')}</Button>}
                <Button icon={<Edit20Regular />} onClick={() => setDialog('edit')}>{t('form.edit')}</Button>
              </>
            )}
            {can(user, 'templates', 'delete') && <Button icon={<Delete20Regular />} onClick={() => setDialog('delete')}>{t('form.delete')}</Button>}
          </>
        }
        facts={
          <>
            <Fact label={t('templates.currentVersion')} value={t('templates.versionN', { number: tpl.currentVersion })} />
            <Fact label={t('templates.upload.locale')} value={localeLabel(tpl.locale)} />
          </>
        }
        tabs={[{ key: 'versions', label: t('templates.tab.versions'), render: () => <VersionList template={tpl} /> }]}
      />
      <UploadDialog
        open={dialog === 'upload'}
        of={tpl}
        onClose={() => setDialog(null)}
        onSaved={(saved) => {
          setDialog(null);
          template.set(saved);
          notify(t('templates.versionSaved', { number: saved.currentVersion }));
        }}
      />
      <EditDialog
        open={dialog === 'edit'}
        template={tpl}
        onClose={() => setDialog(null)}
        onReload={() => { setDialog(null); template.reload(); }}
        onSaved={(saved) => {
          setDialog(null);
          template.set(saved);
          notify(t('form.saved'));
        }}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('templates.deleteTitle', { title: tpl.title })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          await api.delete(`/templates/${tpl.id}`);
          notify(t('templates.deleted', { title: tpl.title }));
          navigate('/templates', undefined, { replace: true });
        }}
      >
        {tpl.shipped ? t('templates.deleteShipped') : t('templates.deleteText')}
      </ConfirmDialog>
    </>
  );
}
