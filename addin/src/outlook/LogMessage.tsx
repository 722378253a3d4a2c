import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { toLocalInput } from '../agenda/time.js';
import type { OutlookHost } from '../hosts/host.js';
import { t, type StringKey } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { logMessage, uploadAttachment } from './api.js';
import { attachability, defaultFollowUp, logRequest, readAttachment, type OpenMessage } from './message.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  files: { display: 'flex', flexDirection: 'column', paddingLeft: '24px', minWidth: 0, overflowWrap: 'anywhere' },
});

const REMIND = ['none', '0', '15', '60', '1440'] as const;

/** "Log this message": a done e-mail event on the client, the attachments kept if asked, and a follow-up task. */
export function LogMessage({ host, open, who, onLogged }: { host: OutlookHost; open: OpenMessage; who: { clientId: number; contactId: number | null }; onLogged: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const files = open.message.attachments;
  const [keep, setKeep] = useState<Set<string>>(() => new Set(files.filter((f) => attachability(host, f) === 'ok').map((f) => f.id)));
  const [withAttachments, setWithAttachments] = useState(false);
  const [followUp, setFollowUp] = useState(false);
  const [title, setTitle] = useState(t('outlook.log.followUpDefault', { subject: open.message.subject || '—' }).slice(0, 500));
  const [due, setDue] = useState(() => toLocalInput(defaultFollowUp().toISOString()));
  const [remind, setRemind] = useState<(typeof REMIND)[number]>('0');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const canAttach = host.canReadAttachments();

  const submit = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const dueAt = due ? new Date(due) : null;
      const plan = followUp && dueAt && !Number.isNaN(dueAt.getTime())
        ? { title: title.trim(), dueAt: dueAt.toISOString(), ...(remind !== 'none' ? { remindBeforeMinutes: Number(remind) } : {}) }
        : undefined;
      await logMessage(logRequest(open, who, plan));
      const failed: string[] = [];
      if (withAttachments && canAttach) {
        // One by one: a pane has little memory, and each file is up to 10 MB.
        for (const file of files.filter((f) => keep.has(f.id))) {
          try {
            await uploadAttachment(who.clientId, file, await readAttachment(host, file));
          } catch (err) {
            failed.push(t('outlook.log.attachFailed', { name: file.name, message: (err as Error).message }));
          }
        }
      }
      notify(t('outlook.log.done'));
      // The form goes away once the message is logged, so failures are told in notices that stay a while.
      for (const problem of failed) notify(problem, 'error');
      onLogged();
    } catch (err) {
      setProblems([err instanceof ApiError ? [err.message, ...err.details.map((d) => d.message)].join(' ') : (err as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-label={t('outlook.log.title')}>
      <h3 className={styles.title}>{t('outlook.log.title')}</h3>
      {files.length > 0 && (
        <>
          <Checkbox checked={withAttachments} disabled={!canAttach} onChange={(_, d) => setWithAttachments(Boolean(d.checked))} label={t('outlook.log.attachments')} />
          {!canAttach && <p className={styles.quiet}>{t('outlook.log.noAttachApi')}</p>}
          {canAttach && withAttachments && (
            <div className={styles.files}>
              {files.map((f) => {
                const state = attachability(host, f);
                return (
                  <Checkbox
                    key={f.id}
                    checked={keep.has(f.id)}
                    disabled={state !== 'ok'}
                    label={state === 'too_big' ? t('outlook.log.tooBig', { name: f.name }) : f.name}
                    onChange={(_, d) => setKeep((prev) => {
                      const next = new Set(prev);
                      if (d.checked) next.add(f.id);
                      else next.delete(f.id);
                      return next;
                    })}
                  />
                );
              })}
            </div>
          )}
        </>
      )}
      <Checkbox checked={followUp} onChange={(_, d) => setFollowUp(Boolean(d.checked))} label={t('outlook.log.followUp')} />
      {followUp && (
        <>
          <Field label={t('outlook.log.followUpTitle')}>
            <Input value={title} onChange={(_, d) => setTitle(d.value)} />
          </Field>
          <Field label={t('outlook.log.due')}>
            <Input type="datetime-local" value={due} onChange={(_, d) => setDue(d.value)} />
          </Field>
          <Field label={t('outlook.log.remind')}>
            <Select value={remind} onChange={(_, d) => setRemind(d.value as (typeof REMIND)[number])}>
              {REMIND.map((r) => <option key={r} value={r}>{t(`outlook.log.remind.${r}` as StringKey)}</option>)}
            </Select>
          </Field>
        </>
      )}
      {problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{problems.map((p, i) => <div key={i}>{p}</div>)}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" disabled={busy || (followUp && (!title.trim() || !due))} onClick={() => void submit()}>{t('outlook.log.button')}</Button>
      </div>
    </section>
  );
}
