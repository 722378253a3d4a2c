import {
  Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { ArrowLeft20Regular, Delete20Regular, Save20Regular, CheckmarkCircle20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { can } from '../auth/can.js';
import { useUser } from '../auth/session.js';
import { TemplateProblems } from '../documents/TemplateProblems.js';
import { templateProblems, type TemplateProblem } from '../documents/api.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { FieldDetails } from '../word/FieldDetails.js';
import { FieldTree } from '../word/FieldTree.js';
import { toEntries, type FieldEntry, type FieldNode, type Formatter } from '../word/tags.js';
import { mailApi, type MailDraft, type MailTemplate } from './api.js';
import { AttachmentList } from './AttachmentList.js';
import { PreviewPanel } from './PreviewPanel.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0, maxWidth: '1100px' },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', flex: '1 1 auto' },
  columns: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'flex-start' },
  form: { display: 'flex', flexDirection: 'column', gap: '10px', flex: '1 1 420px', minWidth: 0 },
  side: { display: 'flex', flexDirection: 'column', gap: '8px', flex: '1 1 260px', minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  frame: { width: '100%', minHeight: '260px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: '#fff' },
  h2: { margin: '4px 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

const EMPTY: MailDraft = { name: '', subject: '', html: '<p>{#contact}Dear {firstName},{/contact}{^contact}Hello,{/contact}</p>\n<p></p>\n<p>{company.name}</p>\n<p>{unsubscribeLink}</p>', text: null, locale: 'en' };

const draftOf = (m: MailTemplate): MailDraft => ({ name: m.name, subject: m.subject, html: m.html, text: m.text, locale: m.locale });

type Target = 'subject' | 'html' | 'text';

/**
 * #/mail-templates/:id (or /new) — name, subject, HTML body and an
 * optional plain-text part, with the merge-field picker of the Word pane
 * inserting at the cursor, a live look at the HTML in a sandboxed frame
 * (no scripts, no forms, nothing reaches the page), every problem listed
 * when the server refuses a save, then attachments, a preview for a
 * client or contact, and a test send.
 */
export function MailTemplateEditor({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const isNew = params.id === 'new';
  const id = isNew ? null : Number(params.id);
  const valid = isNew || (Number.isInteger(id) && id! > 0);
  const stored = useResource<MailTemplate>(valid && !isNew ? `/mail-templates/${id}` : null);
  const fields = useResource<{ fields: FieldNode[]; formatters: Formatter[] }>('/mail-templates/fields');
  const [draft, setDraft] = useState<MailDraft>(EMPTY);
  const [template, setTemplate] = useState<MailTemplate | null>(null);
  const [problems, setProblems] = useState<{ message: string; list: TemplateProblem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<FieldEntry | null>(null);
  const [target, setTarget] = useState<Target>('html');
  const refs = { subject: useRef<HTMLInputElement>(null), html: useRef<HTMLTextAreaElement>(null), text: useRef<HTMLTextAreaElement>(null) };
  const mayEdit = can(user, 'mail', isNew ? 'create' : 'edit');
  const entries = useMemo(() => toEntries(fields.data?.fields ?? []), [fields.data]);

  useEffect(() => {
    if (stored.data) {
      setTemplate(stored.data);
      setDraft(draftOf(stored.data));
    }
  }, [stored.data]);

  const set = <K extends keyof MailDraft>(key: K, value: MailDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  /** Puts the field's tag where the cursor is in the part last focused. */
  const insert = (tag: string) => {
    const part = target === 'text' && draft.text === null ? 'html' : target;
    const el = refs[part].current;
    const current = part === 'text' ? draft.text ?? '' : draft[part];
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    set(part, current.slice(0, start) + tag + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };

  const fail = (err: unknown) => {
    const list = templateProblems(err);
    if (list.length) setProblems({ message: (err as Error).message, list });
    else setError(err instanceof ApiError ? err.message : String(err));
  };

  const check = async () => {
    setProblems(null);
    setError(null);
    try {
      await mailApi.check({ subject: draft.subject, html: draft.html, text: draft.text });
      notify(t('mailTemplates.checkOk'));
    } catch (err) {
      fail(err);
    }
  };

  const save = async () => {
    setBusy(true);
    setProblems(null);
    setError(null);
    try {
      if (template) {
        const saved = await mailApi.update(template.id, template.version, draft);
        setTemplate(saved);
        setDraft(draftOf(saved));
        notify(t('mailTemplates.saved'));
      } else {
        const saved = await mailApi.create(draft);
        notify(t('mailTemplates.created', { name: saved.name }));
        navigate(`/mail-templates/${saved.id}`, undefined, { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') setError(t('mailTemplates.conflict'));
      else fail(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!template || !window.confirm(t('mailTemplates.deleteConfirm', { name: template.name }))) return;
    try {
      await mailApi.remove(template.id);
      notify(t('mailTemplates.deleted', { name: template.name }));
      navigate('/mail-templates');
    } catch (err) {
      fail(err);
    }
  };

  if (!valid || stored.error) {
    return <MessageBar intent="error"><MessageBarBody>{stored.error?.message ?? t('mailTemplates.notFound')}</MessageBarBody></MessageBar>;
  }
  if (!isNew && !template) return <Spinner label={t('app.loading')} />;

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={() => navigate('/mail-templates')} aria-label={t('mailTemplates.back')} />
        <h1 className={styles.title}>{isNew ? t('mailTemplates.new') : template!.name}</h1>
      </div>
      {problems && <TemplateProblems message={problems.message} problems={problems.list} />}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      <div className={styles.columns}>
        <div className={styles.form}>
          <Field label={t('mailTemplates.name')} required>
            <Input value={draft.name} disabled={!mayEdit} onChange={(_, d) => set('name', d.value)} maxLength={200} />
          </Field>
          <Field label={t('mailTemplates.subject')} required>
            <Input ref={refs.subject} className={styles.code} value={draft.subject} disabled={!mayEdit} onFocus={() => setTarget('subject')} onChange={(_, d) => set('subject', d.value)} maxLength={1000} />
          </Field>
          <Field label={t('mailTemplates.locale')} hint={t('mailTemplates.localeHint')}>
            <Select value={draft.locale} disabled={!mayEdit} onChange={(_, d) => set('locale', d.value as 'en' | 'ru')}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </Select>
          </Field>
          <Field label={t('mailTemplates.html')} hint={t('mailTemplates.htmlHint')} required>
            <Textarea ref={refs.html} className={styles.code} value={draft.html} disabled={!mayEdit} rows={14} resize="vertical" onFocus={() => setTarget('html')} onChange={(_, d) => set('html', d.value)} />
          </Field>
          <Checkbox
            checked={draft.text !== null}
            disabled={!mayEdit}
            label={t('mailTemplates.ownText')}
            onChange={(_, d) => set('text', d.checked ? draft.text ?? '' : null)}
          />
          {draft.text !== null ? (
            <Field label={t('mailTemplates.text')}>
              <Textarea ref={refs.text} className={styles.code} value={draft.text} disabled={!mayEdit} rows={8} resize="vertical" onFocus={() => setTarget('text')} onChange={(_, d) => set('text', d.value)} />
            </Field>
          ) : (
            <p className={styles.hint}>{t('mailTemplates.textGenerated')}</p>
          )}
          {mayEdit && (
            <div className={styles.buttons}>
              <Button appearance="primary" icon={<Save20Regular />} disabled={busy || !draft.name.trim() || !draft.subject || !draft.html} onClick={save}>{t('mailTemplates.save')}</Button>
              <Button icon={<CheckmarkCircle20Regular />} disabled={busy} onClick={check}>{t('mailTemplates.check')}</Button>
              {template && can(user, 'mail', 'delete') && <Button icon={<Delete20Regular />} disabled={busy} onClick={remove}>{t('mailTemplates.delete')}</Button>}
            </div>
          )}
          <h2 className={styles.h2}>{t('mailTemplates.look')}</h2>
          <p className={styles.hint}>{t('mailTemplates.lookHint')}</p>
          {/* sandbox="": the template's HTML runs no script and cannot reach this page. */}
          <iframe className={styles.frame} sandbox="" title={t('mailTemplates.look')} srcDoc={draft.html} />
        </div>
        {mayEdit && (
          <div className={styles.side}>
            <h2 className={styles.h2}>{t('mailTemplates.fields')}</h2>
            <p className={styles.hint}>{t('mailTemplates.fieldsHint', { part: t(`mailTemplates.part.${target}`) })}</p>
            {fields.data ? (
              <>
                <FieldTree entries={entries} selected={selected?.id ?? null} onSelect={setSelected} />
                {selected && <FieldDetails entry={selected} formatters={fields.data.formatters} insert={insert} busy={false} />}
              </>
            ) : fields.error ? (
              <MessageBar intent="error"><MessageBarBody>{fields.error.message}</MessageBarBody></MessageBar>
            ) : (
              <Spinner size="small" />
            )}
          </div>
        )}
      </div>
      {template && (
        <>
          <AttachmentList template={template} mayEdit={can(user, 'mail', 'edit')} onChanged={setTemplate} />
          <PreviewPanel template={template} maySend={can(user, 'mail', 'create')} />
        </>
      )}
    </div>
  );
}
