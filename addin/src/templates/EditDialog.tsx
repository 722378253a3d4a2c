import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { TemplateDetail } from '../documents/api.js';
import { t } from '../i18n/strings.js';
import { LocaleField } from './LocaleField.js';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '10px' } });

/** Rename a template or change its language; a change by someone else meanwhile is shown with a way to reload. */
export function EditDialog({ open, template, onClose, onSaved, onReload }: {
  open: boolean; template: TemplateDetail; onClose: () => void; onSaved: (t: TemplateDetail) => void; onReload: () => void;
}) {
  const styles = useStyles();
  const [title, setTitle] = useState(template.title);
  const [locale, setLocale] = useState(template.locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (!open) return;
    setTitle(template.title);
    setLocale(template.locale);
    setError(null);
  }, [open, template.id, template.version]);

  const titleError = title.trim() === '' ? t('form.required') : title.length > 200 ? t('form.tooLong', { max: 200 }) : null;
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  const conflict = error instanceof ApiError && error.code === 'version_conflict';

  async function save() {
    if (titleError) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch<TemplateDetail>(`/templates/${template.id}`, { version: template.version, title: title.trim(), locale }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <DialogBody>
            <DialogTitle>{t('templates.edit.title')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label={t('templates.upload.titleField')} required validationMessage={titleError ?? server.title}>
                <Input value={title} onChange={(_, d) => setTitle(d.value)} />
              </Field>
              <LocaleField value={locale} onChange={setLocale} />
              {error && (
                <MessageBar intent={conflict ? 'warning' : 'error'} role="alert">
                  <MessageBarBody>
                    {conflict ? t('templates.conflict') : error.message}{' '}
                    {conflict && <Button size="small" onClick={onReload}>{t('form.conflictReload')}</Button>}
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy || !!titleError} icon={busy ? <Spinner size="tiny" /> : undefined}>{busy ? t('form.saving') : t('form.save')}</Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
