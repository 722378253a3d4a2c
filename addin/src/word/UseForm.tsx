import { Button, Field, Link, MessageBar, MessageBarBody, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentAdd20Regular, DocumentPdf20Regular, DocumentText20Regular, DocumentArrowLeft20Regular } from '@fluentui/react-icons';
import { useEffect, useState, type ReactElement } from 'react';
import { ApiError } from '../api/client.js';
import { RECORD_TYPES, issueDocument, saveFile, sortTemplates, type RecordType, type TemplateInfo } from '../documents/api.js';
import { blobToBase64 } from '../documents/bytes.js';
import { documentIssued, markPdfUnavailable, pdfKnownUnavailable } from '../documents/events.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useResource } from '../records/useRecord.js';
import { recordTypeLabel } from '../templates/recordTypes.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

type Output = 'new' | 'replace' | 'docx' | 'pdf';

const CARD: Record<RecordType, string> = { contract: 'contracts', invoice: 'invoices', client: 'clients' };

/**
 * "Use a form": a record and one of its templates make a filled document —
 * opened in Word as a new document or put in place of the open one (in a
 * browser: downloaded). Each one is archived with the record.
 */
export function UseForm({ initial }: { initial?: { recordType?: RecordType; recordId?: number } }) {
  const styles = useStyles();
  const host = useHost();
  const [recordType, setRecordType] = useState<RecordType>(initial?.recordType ?? 'invoice');
  const [recordId, setRecordId] = useState<number | null>(initial?.recordId ?? null);
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [busy, setBusy] = useState<Output | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pdf, setPdf] = useState(!pdfKnownUnavailable());
  const templates = useResource<{ items: TemplateInfo[] }>('/templates', { recordType });
  const items = templates.data ? sortTemplates(templates.data.items) : [];

  // The default template of the type, once its list is in.
  useEffect(() => {
    if (templates.data) setTemplateId((id) => (id !== null && items.some((x) => x.id === id) ? id : items[0]?.id ?? null));
  }, [templates.data]);

  async function make(output: Output) {
    if (recordId === null || templateId === null) return;
    setBusy(output);
    setError(null);
    setDone(null);
    try {
      const file = await issueDocument({ recordType, recordId, template: templateId, format: output === 'pdf' ? 'pdf' : 'docx' });
      if (host.kind === 'word' && (output === 'new' || output === 'replace')) {
        const base64 = await blobToBase64(file.blob);
        if (output === 'new') await host.createDocument(base64);
        else await host.insertFileFromBase64(base64);
      } else {
        saveFile(file);
      }
      documentIssued(recordType, recordId);
      setDone(file.fileName);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'pdf_unavailable') {
        markPdfUnavailable();
        setPdf(false);
        setError(new Error(t('documents.print.pdfUnavailable')));
      } else setError(err as Error);
    } finally {
      setBusy(null);
    }
  }

  const ready = recordId !== null && templateId !== null && busy === null;
  const icon = (o: Output, i: ReactElement) => (busy === o ? <Spinner size="tiny" /> : i);

  return (
    <div className={styles.root}>
      <Field label={t('word.use.recordType')}>
        <Select value={recordType} onChange={(_, d) => { setRecordType(d.value as RecordType); setRecordId(null); setTemplateId(null); setDone(null); }}>
          {RECORD_TYPES.map((type) => <option key={type} value={type}>{recordTypeLabel(type)}</option>)}
        </Select>
      </Field>
      <Field label={t('word.use.record')} hint={t('word.use.recordHint')}>
        <RecordPicker entity={recordType} value={recordId} onChange={(id) => { setRecordId(id); setDone(null); }} aria-label={t('word.use.record')} placeholder={t('word.use.recordPlaceholder')} />
      </Field>
      <Field label={t('word.use.template')} validationMessage={templates.error ? t('documents.print.loadFailed', { message: templates.error.message }) : undefined}>
        {templates.data && items.length === 0 ? (
          <MessageBar intent="warning"><MessageBarBody>{t('documents.print.none')}</MessageBarBody></MessageBar>
        ) : (
          <Select value={templateId === null ? '' : String(templateId)} disabled={!templates.data} onChange={(_, d) => setTemplateId(Number(d.value))}>
            {!templates.data && <option value="">{t('app.loading')}</option>}
            {items.map((x) => <option key={x.id} value={x.id}>{x.isDefault ? t('documents.print.defaultTitle', { title: x.title }) : x.title}</option>)}
          </Select>
        )}
      </Field>
      <div className={styles.buttons}>
        {host.kind === 'word' ? (
          <>
            <Button appearance="primary" icon={icon('new', <DocumentAdd20Regular />)} disabled={!ready} onClick={() => void make('new')}>{t('word.use.openNew')}</Button>
            <Button icon={icon('replace', <DocumentArrowLeft20Regular />)} disabled={!ready} onClick={() => void make('replace')}>{t('word.use.replace')}</Button>
          </>
        ) : (
          <Button appearance="primary" icon={icon('docx', <DocumentText20Regular />)} disabled={!ready} onClick={() => void make('docx')}>{t('word.use.download')}</Button>
        )}
        {pdf && <Button icon={icon('pdf', <DocumentPdf20Regular />)} disabled={!ready} onClick={() => void make('pdf')}>{t('word.use.pdf')}</Button>}
      </div>
      {host.kind === 'word' && <p className={styles.hint}>{t('word.use.replaceHint')}</p>}
      {recordId === null && <p className={styles.hint}>{t('word.use.pickFirst')}</p>}
      {error && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{error.message}</MessageBarBody></MessageBar>
      )}
      {done && recordId !== null && (
        <MessageBar intent="success">
          <MessageBarBody>
            {t('word.use.done', { name: done })} <Link href={`#/${CARD[recordType]}/${recordId}?tab=documents`}>{t('word.use.openRecord')}</Link>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
