import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Select, Spinner, makeStyles,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { addTemplateVersion, RECORD_TYPES, templateProblems, uploadTemplate, type RecordType, type TemplateDetail, type TemplateInfo } from '../documents/api.js';
import { TemplateProblems } from '../documents/TemplateProblems.js';
import { t } from '../i18n/strings.js';
import { fileProblem, NAME_PATTERN, recordTypeLabel } from './recordTypes.js';
import { LocaleField } from './LocaleField.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  file: { maxWidth: '100%' },
});

/** A template name from a file name: "Contract short.docx" → "contract-short" (empty when nothing Latin is left). */
export function nameFromFile(fileName: string): string {
  return fileName.replace(/\.docx$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
}

/**
 * Uploads a .docx: a new template (of: undefined) or a new version of one.
 * The server checks it first; a refused template lists every broken tag
 * here, and what the user typed stays for the next try.
 */
export function UploadDialog({ open, of, onClose, onSaved }: { open: boolean; of?: TemplateInfo; onClose: () => void; onSaved: (t: TemplateDetail) => void }) {
  const styles = useStyles();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [nameTyped, setNameTyped] = useState(false);
  const [title, setTitle] = useState('');
  const [recordType, setRecordType] = useState<RecordType>('contract');
  const [locale, setLocale] = useState<'en' | 'ru'>('en');
  const [isDefault, setIsDefault] = useState(false);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setTouched(false);
  }, [open]);

  const fileError = touched || file ? fileProblem(file) : null;
  const nameError = of ? null : name === '' ? (touched ? t('form.required') : null) : NAME_PATTERN.test(name) ? null : t('templates.upload.nameRule');
  const titleError = title.length > 200 ? t('form.tooLong', { max: 200 }) : null;
  const commentError = comment.length > 500 ? t('form.tooLong', { max: 500 }) : null;
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  const problems = templateProblems(error);

  async function submit() {
    setTouched(true);
    if (fileProblem(file) || (!of && (!name || !NAME_PATTERN.test(name))) || titleError || commentError) return;
    setBusy(true);
    setError(null);
    try {
      const saved = of
        ? await addTemplateVersion(of.id, file!, comment.trim() || undefined)
        : await uploadTemplate({ name, recordType, title: title.trim() || undefined, locale, isDefault, comment: comment.trim() || undefined }, file!);
      setFile(null);
      setName('');
      setNameTyped(false);
      setTitle('');
      setComment('');
      setIsDefault(false);
      setTouched(false);
      onSaved(saved);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <DialogBody>
            <DialogTitle>{of ? t('templates.upload.versionTitle', { title: of.title }) : t('templates.upload.newTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label={t('templates.upload.file')} required validationMessage={fileError ?? server.file} hint={fileError ? undefined : t('templates.upload.fileHint')}>
                {/* A function child: Field then gives the native input its id, label and error description. */}
                {(fieldProps) => (
                <input
                  {...fieldProps}
                  className={styles.file}
                  type="file"
                  accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  onChange={(e) => {
                    const chosen = e.target.files?.[0] ?? null;
                    setFile(chosen);
                    setError(null);
                    if (chosen && !of && !nameTyped) setName(nameFromFile(chosen.name));
                  }}
                />
                )}
              </Field>
              {!of && (
                <>
                  <Field label={t('templates.upload.name')} required validationMessage={nameError ?? server.name} hint={nameError || server.name ? undefined : t('templates.upload.nameHint')}>
                    <Input value={name} onChange={(_, d) => { setName(d.value); setNameTyped(true); }} />
                  </Field>
                  <Field label={t('templates.upload.titleField')} validationMessage={titleError ?? server.title} hint={t('templates.upload.titleHint')}>
                    <Input value={title} onChange={(_, d) => setTitle(d.value)} />
                  </Field>
                  <Field label={t('templates.upload.recordType')} validationMessage={server.recordType}>
                    <Select value={recordType} onChange={(_, d) => setRecordType(d.value as RecordType)}>
                      {RECORD_TYPES.map((type) => <option key={type} value={type}>{recordTypeLabel(type)}</option>)}
                    </Select>
                  </Field>
                  <LocaleField value={locale} onChange={setLocale} />
                  <Checkbox checked={isDefault} onChange={(_, d) => setIsDefault(d.checked === true)} label={t('templates.upload.isDefault')} />
                </>
              )}
              <Field label={t('templates.upload.comment')} validationMessage={commentError ?? server.comment} hint={t('templates.upload.commentHint')}>
                <Input value={comment} onChange={(_, d) => setComment(d.value)} />
              </Field>
              {error && (problems.length > 0 || (error instanceof ApiError && error.code === 'template_invalid') ? (
                <TemplateProblems message={error.message} problems={problems} />
              ) : !Object.keys(server).length || error instanceof ApiError === false ? (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{error.message}</MessageBarBody>
                </MessageBar>
              ) : null)}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? t('templates.upload.busy') : t('templates.upload.submit')}
              </Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
