import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { passwordProblem } from './password.js';
import { PasswordField } from './PasswordField.js';

/** Sets a new password for a user who forgot theirs. */
export function ResetPasswordDialog({ user, open, onClose, onDone }: {
  user: RecordData & { name?: string };
  open: boolean;
  onClose: () => void;
  onDone: (saved: RecordData) => void;
}) {
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setPassword('');
      setTouched(false);
      setError(null);
      setFieldError(undefined);
    }
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (passwordProblem(password)) return;
    setBusy(true);
    setError(null);
    try {
      let saved: RecordData;
      try {
        saved = await api.patch<RecordData>(`/users/${user.id}`, { password, version: user.version });
      } catch (err) {
        // A password replaces whatever was there and depends on no other
        // field, so a newer version (e.g. a renamed user) is safe to retry on.
        const current = err instanceof ApiError && err.code === 'version_conflict' ? (err.body as { error?: { current?: RecordData } })?.error?.current : undefined;
        if (!current) throw err;
        saved = await api.patch<RecordData>(`/users/${user.id}`, { password, version: current.version });
      }
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors().password) setFieldError(err.fieldErrors().password);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{t('admin.user.resetTitle', { name: user.name ?? '' })}</DialogTitle>
            <DialogContent>
              {error && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
              <p>{t('admin.user.resetText')}</p>
              <PasswordField value={password} onChange={(v) => { setPassword(v); setTouched(true); setFieldError(undefined); }} showErrors={touched} serverError={fieldError} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>{t('admin.user.setPassword')}</Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
