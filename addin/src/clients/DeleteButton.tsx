import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, MessageBar, MessageBarBody, Spinner,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';

/**
 * Delete with a confirmation. When the record is still referenced (a
 * client with contracts or invoices) the server answers `in_use`; its
 * message, which says what holds the record, is shown in the dialog.
 */
export function DeleteButton({ path, what, onDeleted }: { path: string; what: string; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.delete(path);
      setOpen(false);
      onDeleted();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'in_use') setError(t('clients.delete.inUse', { message: err.message }));
      else if (err instanceof ApiError && err.code === 'forbidden') setError(t('error.forbidden'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => { setOpen(d.open); if (!d.open) setError(null); }}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<Delete20Regular />}>{t('form.delete')}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('clients.delete.title', { name: what })}</DialogTitle>
          <DialogContent>
            {error ? (
              <MessageBar intent="error" layout="multiline" role="alert">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : (
              t('form.deleteConfirm')
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={busy}>{error ? t('clients.delete.close') : t('form.cancel')}</Button>
            </DialogTrigger>
            {!error && (
              <Button appearance="primary" onClick={() => void remove()} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {t('form.delete')}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
