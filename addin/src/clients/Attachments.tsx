import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload16Regular, Delete16Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { can } from '../auth/can.js';
import { useSession } from '../auth/session.js';
import { downloadFile } from '../exports/download.js';
import { t } from '../i18n/strings.js';
import { Panel } from '../records/Card.js';
import { formatDateTime } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';

interface Attachment { id: number; name: string; mime: string; size: number; createdAt: string }

const MAX_BYTES = 10 * 1024 * 1024;

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: '4px' },
  row: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0 },
  name: { flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere' },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  bar: { display: 'flex', gap: '8px', alignItems: 'center', marginBottom: '8px' },
});

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The files kept with a client (attachments logged from Outlook, scans, price lists): download, add, remove. */
export function ClientAttachments({ clientId }: { clientId: number }) {
  const styles = useStyles();
  const notify = useNotify();
  const { user } = useSession();
  const { data, loading, reload } = useResource<{ items: Attachment[] }>(`/clients/${clientId}/attachments`);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const mayEdit = user ? can(user, 'clients', 'edit') : false;

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    for (const file of Array.from(files)) {
      if (file.size > MAX_BYTES) {
        notify(t('attachments.tooBig', { name: file.name }), 'error');
        continue;
      }
      try {
        await api.request('POST', `/clients/${clientId}/attachments`, {
          query: { name: file.name, type: file.type || undefined },
          body: new Blob([file], { type: 'application/octet-stream' }),
        });
      } catch (err) {
        notify(t('attachments.failed', { name: file.name, message: err instanceof ApiError ? err.message : (err as Error).message }), 'error');
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    reload();
  };

  // Asked in place: Office task panes do not show the browser's confirm().
  const [confirming, setConfirming] = useState<number | null>(null);
  const remove = async (file: Attachment) => {
    setConfirming(null);
    try {
      await api.delete(`/clients/${clientId}/attachments/${file.id}`);
      reload();
    } catch (err) {
      notify((err as Error).message, 'error');
    }
  };

  return (
    <Panel>
      {mayEdit && (
        <div className={styles.bar}>
          <input ref={input} type="file" multiple hidden aria-label={t('attachments.add')} onChange={(e) => void upload(e.currentTarget.files)} />
          <Button size="small" disabled={busy} onClick={() => input.current?.click()}>{t('attachments.add')}</Button>
          {busy && <Spinner size="extra-tiny" />}
          <span className={styles.quiet}>{t('attachments.limit')}</span>
        </div>
      )}
      {!data && loading && <Spinner size="tiny" />}
      {data && data.items.length === 0 && <p className={styles.quiet}>{t('attachments.none')}</p>}
      {data && data.items.length > 0 && (
        <ul className={styles.list} aria-label={t('clients.tab.attachments')}>
          {data.items.map((f) => (
            <li key={f.id} className={styles.row}>
              <span className={styles.name}>
                {f.name} <span className={styles.quiet}>· {size(f.size)} · {formatDateTime(f.createdAt)}</span>
              </span>
              <Button size="small" appearance="subtle" icon={<ArrowDownload16Regular />} aria-label={t('attachments.download', { name: f.name })}
                onClick={() => void downloadFile(`/clients/${clientId}/attachments/${f.id}`, {}, f.name).catch((err: Error) => notify(err.message, 'error'))} />
              {mayEdit && confirming !== f.id && (
                <Button size="small" appearance="subtle" icon={<Delete16Regular />} aria-label={t('attachments.delete', { name: f.name })} onClick={() => setConfirming(f.id)} />
              )}
              {confirming === f.id && (
                <>
                  <Button size="small" appearance="primary" onClick={() => void remove(f)}>{t('attachments.confirmDelete', { name: f.name })}</Button>
                  <Button size="small" onClick={() => setConfirming(null)}>{t('attachments.keep')}</Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
