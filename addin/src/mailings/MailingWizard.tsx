import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { mailingApi, parseFilter, type Audience, type Mailing, type Preview } from './api.js';
import { reasonLabel } from './labels.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  steps: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  picked: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: '4px' },
  chip: { display: 'inline-flex', alignItems: 'center', gap: '2px', padding: '2px 6px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3, overflowWrap: 'anywhere' },
  hits: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  frame: { width: '100%', minHeight: '260px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: '#fff' },
  muted: { margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  subject: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

const STEPS: StringKey[] = ['mailings.step.message', 'mailings.step.recipients', 'mailings.step.preview', 'mailings.step.send'];

/** #/mailings/new — template, recipients (saved filter or by hand), preview per recipient, test send, start or schedule. */
export function MailingWizard() {
  const styles = useStyles();
  const notify = useNotify();
  const templates = useResource<{ items: { id: number; name: string }[] }>('/mail-templates');
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [channel, setChannel] = useState<'server' | 'graph'>('server');
  const [audience, setAudience] = useState<'clients' | 'contacts'>('clients');
  const [mode, setMode] = useState<'filter' | 'hand'>('filter');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<{ id: number; name: string }[]>([]);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ id: number; name: string }[]>([]);
  const [mailing, setMailing] = useState<Mailing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<Audience | null>(null);
  const [index, setIndex] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [testTo, setTestTo] = useState('');
  const [at, setAt] = useState('');

  useEffect(() => {
    if (mode !== 'hand' || query.trim().length < 2) return setHits([]);
    const timer = setTimeout(() => {
      api.get<{ items: { id: number; name: string }[] }>(`/${audience}`, { q: query.trim(), limit: 10 }).then((r) => setHits(r.items), () => setHits([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [query, mode, audience]);

  useEffect(() => {
    if (step !== 2 || !mailing) return;
    mailingApi.preview(mailing.id, index).then(setPreview, (err: Error) => setError(err.message));
  }, [step, index, mailing]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** Saves the draft (created on first save) and moves on to the preview. */
  const saveDraft = () => run(async () => {
    const chosen = mode === 'filter' ? { filter: parseFilter(filter), picked: null } : { filter: null, picked: picked.map((p) => p.id) };
    if (mode === 'filter' && chosen.filter === null) throw new Error(t('mailings.filterInvalid'));
    const draft = { name: name.trim(), templateId: templateId!, channel, audience, ...chosen };
    const saved = mailing ? await mailingApi.update(mailing.id, mailing.version, draft) : await mailingApi.create(draft);
    setMailing(saved);
    setSummary(await mailingApi.audience(saved.id));
    setIndex(0);
    setStep(2);
  });

  const canNext = step === 0 ? name.trim().length > 0 && templateId !== null : mode === 'filter' || picked.length > 0;

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>{t('mailings.new')}</h1>
      <ol className={styles.steps}>{STEPS.map((s, i) => <li key={s} className={i === step ? styles.current : undefined}>{t(s)}</li>)}</ol>
      {error && <MessageBar intent="error"><MessageBarBody>{t('mailings.saveFailed', { message: error })}</MessageBarBody></MessageBar>}

      {step === 0 && (
        <>
          <Field label={t('mailings.name')} required><Input value={name} maxLength={200} onChange={(_, d) => setName(d.value)} /></Field>
          <Field label={t('mailings.template')} required>
            {templates.data ? (
              <Select value={templateId === null ? '' : String(templateId)} onChange={(_, d) => setTemplateId(d.value ? Number(d.value) : null)}>
                <option value="">{t('mailings.chooseTemplate')}</option>
                {templates.data.items.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </Select>
            ) : <Spinner size="tiny" />}
          </Field>
          <Field label={t('mailings.channel')}>
            <RadioGroup value={channel} onChange={(_, d) => setChannel(d.value as 'server' | 'graph')}>
              <Radio value="server" label={t('mailings.channel.server')} />
              <Radio value="graph" label={t('mailings.channel.graph')} />
            </RadioGroup>
          </Field>
        </>
      )}

      {step === 1 && (
        <>
          <Field label={t('mailings.audience')}>
            <RadioGroup layout="horizontal" value={audience} onChange={(_, d) => { setAudience(d.value as 'clients' | 'contacts'); setPicked([]); }}>
              <Radio value="clients" label={t('mailings.audience.clients')} />
              <Radio value="contacts" label={t('mailings.audience.contacts')} />
            </RadioGroup>
          </Field>
          <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => setMode(d.value as 'filter' | 'hand')}>
            <Radio value="filter" label={t('mailings.by.filter')} />
            <Radio value="hand" label={t('mailings.by.hand')} />
          </RadioGroup>
          {mode === 'filter' ? (
            <Field label={t('mailings.filter')} validationMessage={parseFilter(filter) === null ? t('mailings.filterInvalid') : undefined}>
              <Input value={filter} onChange={(_, d) => setFilter(d.value)} placeholder="tag=spring" />
            </Field>
          ) : (
            <>
              <Field label={t('mailings.search')}><Input value={query} onChange={(_, d) => setQuery(d.value)} /></Field>
              <ul className={styles.hits}>
                {hits.filter((h) => !picked.some((p) => p.id === h.id)).map((h) => (
                  <li key={h.id}><Button size="small" appearance="subtle" onClick={() => setPicked([...picked, h])}>{t('mailings.add')}: {h.name}</Button></li>
                ))}
              </ul>
              {picked.length === 0 ? <p className={styles.muted}>{t('mailings.pickedNone')}</p> : (
                <ul className={styles.picked}>
                  {picked.map((p) => (
                    <li key={p.id} className={styles.chip}>
                      {p.name}
                      <Button size="small" appearance="transparent" icon={<Dismiss16Regular />} aria-label={t('mailings.remove', { name: p.name })} onClick={() => setPicked(picked.filter((x) => x.id !== p.id))} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}

      {step === 2 && mailing && summary && (
        <>
          <p className={styles.subject}>{t('mailings.toSend', { toSend: summary.toSend, total: summary.total })}</p>
          {Object.entries(summary.skipped).map(([reason, count]) => <p key={reason} className={styles.muted}>{t('mailings.skippedCount', { count, reason: reasonLabel(reason) })}</p>)}
          {summary.total > 0 && (
            <div className={styles.row}>
              <Button size="small" disabled={index === 0} onClick={() => setIndex(index - 1)}>{t('mailings.prevRecipient')}</Button>
              <span>{t('mailings.recipientOf', { n: index + 1, total: summary.total })}</span>
              <Button size="small" disabled={index + 1 >= summary.total} onClick={() => setIndex(index + 1)}>{t('mailings.nextRecipient')}</Button>
            </div>
          )}
          {preview && (
            <>
              <p className={styles.muted}>{preview.recipient.name} · {preview.recipient.email ?? '—'}{preview.recipient.skip ? ` · ${reasonLabel(preview.recipient.skip)}` : ''}</p>
              <p className={styles.subject}>{t('mailings.subject')}: {preview.subject}</p>
              {preview.attachments.length > 0 && <p className={styles.muted}>{t('mailings.attachments', { names: preview.attachments.map((a) => a.filename).join(', ') })}</p>}
              {/* sandbox="": merged client data is shown, never run. */}
              <iframe className={styles.frame} sandbox="" title={preview.subject} srcDoc={preview.html} />
            </>
          )}
          <div className={styles.row}>
            <Field label={t('mailings.testTo')}><Input type="email" value={testTo} onChange={(_, d) => setTestTo(d.value)} /></Field>
            <Button disabled={busy || !testTo.includes('@')} onClick={() => run(async () => {
              const r = await mailingApi.testSend(mailing.id, testTo.trim(), index);
              notify(t('mailings.testSent', { to: r.to }), 'success');
            })}>{t('mailings.testSend')}</Button>
          </div>
        </>
      )}

      {step === 3 && mailing && (
        <>
          <Button appearance="primary" disabled={busy} onClick={() => run(async () => {
            await mailingApi.start(mailing.id);
            notify(t('mailings.started'), 'success');
            navigate(`/mailings/${mailing.id}`);
          })}>{t('mailings.startNow')}</Button>
          <div className={styles.row}>
            <Field label={t('mailings.scheduleAt')}><Input type="datetime-local" value={at} onChange={(_, d) => setAt(d.value)} /></Field>
            <Button disabled={busy || !at} onClick={() => run(async () => {
              await mailingApi.schedule(mailing.id, new Date(at).toISOString());
              notify(t('mailings.scheduled'), 'success');
              navigate(`/mailings/${mailing.id}`);
            })}>{t('mailings.schedule')}</Button>
          </div>
        </>
      )}

      <div className={styles.row}>
        {step > 0 && <Button disabled={busy} onClick={() => setStep(step - 1)}>{t('mailings.previous')}</Button>}
        {step < 3 && (
          <Button appearance="primary" disabled={busy || !canNext} onClick={() => (step === 1 ? void saveDraft() : setStep(step + 1))}>{t('mailings.next')}</Button>
        )}
      </div>
    </div>
  );
}
