import { Button, Divider, Field, Input, MessageBar, MessageBarBody, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Regular, DocumentArrowDown20Regular, Eye20Regular, Save20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WordHost } from '../hosts/host.js';
import { useUser } from '../auth/session.js';
import {
  RECORD_TYPES, addTemplateVersion, checkTemplate, issueDocument, sortTemplates, templateContent, templateProblems, uploadTemplate, type RecordType, type TemplateInfo,
} from '../documents/api.js';
import { blobToBase64 } from '../documents/bytes.js';
import { documentIssued } from '../documents/events.js';
import { can } from '../auth/can.js';
import { TemplateProblems } from '../documents/TemplateProblems.js';
import { t } from '../i18n/strings.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useResource } from '../records/useRecord.js';
import { NAME_PATTERN, recordTypeLabel } from '../templates/recordTypes.js';
import { FieldDetails } from './FieldDetails.js';
import { FieldTree } from './FieldTree.js';
import { toEntries, type FieldEntry, type FieldNode, type Formatter } from './tags.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  h2: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'flex-end' },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

type Busy = 'open' | 'insert' | 'check' | 'save' | 'preview' | null;

interface Outcome {
  intent: 'success' | 'error';
  text: string;
  error?: unknown;
}

/**
 * "Edit a form" (Word only): open a template into the document, insert
 * merge fields from the tree at the cursor, check the document on the
 * server, save it back as a new version and preview it with a real record.
 * The server cannot fill an unsaved template, so Preview saves a version
 * first and says so.
 */
export function EditForm({ host }: { host: WordHost }) {
  const styles = useStyles();
  const user = useUser();
  const all = useResource<{ items: TemplateInfo[] }>('/templates');
  const [openedId, setOpenedId] = useState<number | null>(null);
  const [choice, setChoice] = useState('');
  const [recordType, setRecordType] = useState<RecordType>('contract');
  const fields = useResource<{ fields: FieldNode[]; formatters: Formatter[] }>('/templates/fields', { type: recordType });
  const entries = useMemo(() => toEntries(fields.data?.fields ?? []), [fields.data]);
  const [selected, setSelected] = useState<FieldEntry | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [comment, setComment] = useState('');
  const [newName, setNewName] = useState('');
  const [newTitle, setNewTitle] = useState('');
  const [previewId, setPreviewId] = useState<number | null>(null);

  const templates = all.data ? sortTemplates(all.data.items) : [];
  const opened = templates.find((x) => x.id === openedId) ?? null;
  const mayEdit = can(user, 'templates', 'edit');
  const mayCreate = can(user, 'templates', 'create');
  const nameError = newName && !NAME_PATTERN.test(newName) ? t('templates.upload.nameRule') : null;

  useEffect(() => setSelected(null), [recordType]);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [outcome]);

  async function step(kind: Busy, work: () => Promise<Outcome | null>) {
    setBusy(kind);
    setOutcome(null);
    try {
      setOutcome(await work());
    } catch (err) {
      setOutcome({ intent: 'error', text: err instanceof Error ? err.message : String(err), error: err });
    } finally {
      setBusy(null);
    }
  }

  const openTemplate = () => step('open', async () => {
    const tpl = templates.find((x) => String(x.id) === choice);
    if (!tpl) return null;
    const file = await templateContent(tpl.id);
    await host.insertFileFromBase64(await blobToBase64(file.blob));
    setOpenedId(tpl.id);
    setRecordType(tpl.recordType);
    return { intent: 'success', text: t('word.edit.opened', { title: tpl.title, version: tpl.currentVersion }) };
  });

  const insert = (text: string) => void step('insert', async () => {
    await host.insertTextAtCursor(text);
    return null;
  });

  const check = () => step('check', async () => {
    const { tags } = await checkTemplate(recordType, await host.getDocumentBytes());
    return { intent: 'success', text: t('word.edit.checked', { count: tags }) };
  });

  /** Saves the open document: a new version of the opened template, or a new template. Answers its id. */
  async function save(): Promise<{ id: number; version: number; title: string }> {
    const bytes = await host.getDocumentBytes();
    if (opened) {
      const saved = await addTemplateVersion(opened.id, bytes, comment.trim() || undefined);
      all.reload();
      return { id: saved.id, version: saved.currentVersion, title: saved.title };
    }
    const saved = await uploadTemplate({ name: newName, recordType, title: newTitle.trim() || undefined, comment: comment.trim() || undefined }, bytes);
    all.reload();
    setOpenedId(saved.id);
    setChoice(String(saved.id));
    return { id: saved.id, version: saved.currentVersion, title: saved.title };
  }

  const saveBack = () => step('save', async () => {
    const saved = await save();
    setComment('');
    return { intent: 'success', text: t('word.edit.saved', { title: saved.title, version: saved.version }) };
  });

  const preview = () => step('preview', async () => {
    if (previewId === null) return null;
    const saved = await save();
    const file = await issueDocument({ recordType, recordId: previewId, template: saved.id, format: 'docx' });
    await host.createDocument(await blobToBase64(file.blob));
    documentIssued(recordType, previewId);
    return { intent: 'success', text: t('word.edit.previewed', { version: saved.version }) };
  });

  const canSave = opened ? mayEdit : mayCreate && newName !== '' && !nameError;
  const problems = templateProblems(outcome?.error);

  return (
    <div className={styles.root}>
      <h2 className={styles.h2}>{t('word.edit.openTitle')}</h2>
      <div className={styles.row}>
        <Field label={t('word.edit.template')} style={{ flex: '1 1 180px', minWidth: 0 }}>
          <Select value={choice} onChange={(_, d) => setChoice(d.value)} disabled={!all.data}>
            <option value="">{all.data ? t('word.edit.chooseTemplate') : t('app.loading')}</option>
            {RECORD_TYPES.map((type) => (
              <optgroup key={type} label={recordTypeLabel(type)}>
                {templates.filter((x) => x.recordType === type).map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Button icon={busy === 'open' ? <Spinner size="tiny" /> : <DocumentArrowDown20Regular />} disabled={!choice || busy !== null} onClick={() => void openTemplate()}>{t('word.edit.open')}</Button>
      </div>
      <p className={styles.hint}>{opened ? t('word.edit.editing', { title: opened.title, version: opened.currentVersion }) : t('word.edit.openHint')}</p>
      {all.error && <MessageBar intent="error"><MessageBarBody>{all.error.message} <Button size="small" onClick={all.reload}>{t('app.retry')}</Button></MessageBarBody></MessageBar>}

      <Divider />
      <h2 className={styles.h2}>{t('word.edit.fieldsTitle')}</h2>
      <Field label={t('word.edit.recordType')} hint={opened ? t('word.edit.recordTypeFixed') : undefined}>
        <Select value={recordType} disabled={opened !== null} onChange={(_, d) => setRecordType(d.value as RecordType)}>
          {RECORD_TYPES.map((type) => <option key={type} value={type}>{recordTypeLabel(type)}</option>)}
        </Select>
      </Field>
      {fields.error ? (
        <MessageBar intent="error"><MessageBarBody>{fields.error.message} <Button size="small" onClick={fields.reload}>{t('app.retry')}</Button></MessageBarBody></MessageBar>
      ) : !fields.data ? (
        <Spinner size="small" label={t('app.loading')} />
      ) : (
        <>
          <FieldTree entries={entries} selected={selected?.id ?? null} onSelect={setSelected} />
          {selected ? (
            <FieldDetails entry={selected} formatters={fields.data.formatters} insert={insert} busy={busy !== null} />
          ) : (
            <p className={styles.hint}>{t('word.fields.chooseHint')}</p>
          )}
        </>
      )}

      <Divider />
      <h2 className={styles.h2}>{t('word.edit.checkTitle')}</h2>
      <div className={styles.row}>
        <Button icon={busy === 'check' ? <Spinner size="tiny" /> : <CheckmarkCircle20Regular />} disabled={busy !== null} onClick={() => void check()}>{t('word.edit.check')}</Button>
      </div>
      {/* Right under Check, so the result of every step is where a narrow pane is scrolled to. */}
      <div ref={outcomeRef}>
        {outcome && (problems.length > 0 ? (
          <TemplateProblems message={outcome.text} problems={problems} />
        ) : (
          <MessageBar intent={outcome.intent} role={outcome.intent === 'error' ? 'alert' : 'status'}>
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
      {(opened ? mayEdit : mayCreate) && (
        <>
          {!opened && (
            <>
              <p className={styles.hint}>{t('word.edit.newHint')}</p>
              <Field label={t('templates.upload.name')} required validationMessage={nameError} hint={nameError ? undefined : t('templates.upload.nameHint')}>
                <Input value={newName} onChange={(_, d) => setNewName(d.value)} />
              </Field>
              <Field label={t('templates.upload.titleField')}>
                <Input value={newTitle} onChange={(_, d) => setNewTitle(d.value)} />
              </Field>
            </>
          )}
          <Field label={t('templates.upload.comment')} hint={t('templates.upload.commentHint')} validationMessage={comment.length > 500 ? t('form.tooLong', { max: 500 }) : undefined}>
            <Input value={comment} onChange={(_, d) => setComment(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" icon={busy === 'save' ? <Spinner size="tiny" /> : <Save20Regular />} disabled={!canSave || busy !== null || comment.length > 500} onClick={() => void saveBack()}>
              {opened ? t('word.edit.saveVersion') : t('word.edit.saveNew')}
            </Button>
          </div>
          <Field label={t('word.edit.previewRecord', { type: recordTypeLabel(recordType) })}>
            <RecordPicker entity={recordType} value={previewId} onChange={(id) => setPreviewId(id)} aria-label={t('word.edit.previewRecord', { type: recordTypeLabel(recordType) })} />
          </Field>
          <div className={styles.row}>
            <Button icon={busy === 'preview' ? <Spinner size="tiny" /> : <Eye20Regular />} disabled={!canSave || previewId === null || busy !== null} onClick={() => void preview()}>{t('word.edit.preview')}</Button>
          </div>
          <p className={styles.hint}>{t('word.edit.previewHint')}</p>
        </>
      )}
    </div>
  );
}
