import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { Eye20Regular, Send20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { TemplateProblems } from '../documents/TemplateProblems.js';
import { templateProblems, type TemplateProblem } from '../documents/api.js';
import { t } from '../i18n/strings.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useNotify } from '../shell/toast.js';
import { mailApi, type MailPreview, type MailTemplate, type Recipient } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  grow: { flex: '1 1 220px', minWidth: 0 },
  head: { margin: 0, overflowWrap: 'anywhere' },
  frame: { width: '100%', minHeight: '320px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: '#fff' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, padding: '8px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusMedium, fontSize: tokens.fontSizeBase200 },
});

/** The message one client or contact would get, and a test send of it to any address. */
export function PreviewPanel({ template, maySend }: { template: MailTemplate; maySend: boolean }) {
  const styles = useStyles();
  const notify = useNotify();
  const [kind, setKind] = useState<'client' | 'contact'>('contact');
  const [recordId, setRecordId] = useState<number | null>(null);
  const [to, setTo] = useState('');
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [problems, setProblems] = useState<{ message: string; list: TemplateProblem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const who = (): Recipient => (kind === 'client' ? { clientId: recordId! } : { contactId: recordId! });

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setProblems(null);
    try {
      await action();
    } catch (err) {
      const list = templateProblems(err);
      if (list.length) setProblems({ message: (err as Error).message, list });
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="mail-preview">
      <h2 id="mail-preview" className={styles.h2}>{t('mailTemplates.preview.title')}</h2>
      <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => { setKind(d.value as 'client' | 'contact'); setRecordId(null); }} aria-label={t('mailTemplates.preview.whose')}>
        <Radio value="contact" label={t('mailTemplates.preview.contact')} />
        <Radio value="client" label={t('mailTemplates.preview.client')} />
      </RadioGroup>
      <div className={styles.row}>
        <div className={styles.grow}>
          <RecordPicker key={kind} entity={kind} value={recordId} onChange={(id) => setRecordId(id)} aria-label={t(kind === 'client' ? 'mailTemplates.preview.client' : 'mailTemplates.preview.contact')} />
        </div>
        <Button icon={<Eye20Regular />} disabled={busy || recordId === null} onClick={() => run(async () => setPreview(await mailApi.preview(template.id, who())))}>
          {t('mailTemplates.preview.show')}
        </Button>
      </div>
      {maySend && (
        <div className={styles.row}>
          <Field className={styles.grow} label={t('mailTemplates.preview.to')} hint={t('mailTemplates.preview.toHint')}>
            <Input type="email" value={to} onChange={(_, d) => setTo(d.value)} maxLength={320} />
          </Field>
          <Button appearance="primary" icon={<Send20Regular />} disabled={busy || recordId === null || !to.trim()}
            onClick={() => run(async () => {
              const sent = await mailApi.testSend(template.id, to.trim(), who());
              notify(t(sent.via === 'outbox' ? 'mailTemplates.preview.sentOutbox' : 'mailTemplates.preview.sent', { to: sent.to }));
            })}>
            {t('mailTemplates.preview.send')}
          </Button>
        </div>
      )}
      {problems && <TemplateProblems message={problems.message} problems={problems.list} />}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {preview && (
        <>
          <p className={styles.head}><strong>{t('mailTemplates.preview.toLabel')}</strong> {preview.to || '—'}</p>
          <p className={styles.head}><strong>{t('mailTemplates.preview.subjectLabel')}</strong> {preview.subject}</p>
          {preview.attachments.length > 0 && (
            <p className={styles.head}><strong>{t('mailTemplates.preview.attachments')}</strong> {preview.attachments.map((a) => a.filename).join(', ')}</p>
          )}
          {/* sandbox="": merged client data is shown, never run. */}
          <iframe className={styles.frame} sandbox="" title={t('mailTemplates.preview.title')} srcDoc={preview.html} />
          <details>
            <summary>{t('mailTemplates.preview.textPart')}</summary>
            <pre className={styles.text}>{preview.text}</pre>
          </details>
        </>
      )}
    </section>
  );
}
