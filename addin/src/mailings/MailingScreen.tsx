import { Badge, Button, Link, MessageBar, MessageBarBody, ProgressBar, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { mailingApi, type Mailing, type QueueRow, type RecipientState } from './api.js';
import { reasonLabel, stateLabel, statusColor, statusLabel } from './labels.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  muted: { margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', flexWrap: 'wrap', gap: '2px 8px', padding: '6px 8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  who: { flex: '1 1 160px', minWidth: 0, overflowWrap: 'anywhere' },
  reason: { flex: '1 1 100%', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

const STATES: RecipientState[] = ['queued', 'sending', 'sent', 'failed', 'skipped'];
const PAGE = 50;

/** #/mailings/:id — progress with pause, resume and cancel, and the recipients with their states. */
export function MailingScreen({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const notify = useNotify();
  const user = useUser();
  const id = /^\d{1,10}$/.test(params.id ?? '') ? Number(params.id) : null;
  const mailing = useResource<Mailing>(id === null ? null : `/mailings/${id}`);
  const [state, setState] = useState<RecipientState | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const rows = useResource<{ items: QueueRow[]; total: number }>(id === null ? null : `/mailings/${id}/recipients`, { limit, ...(state ? { state } : {}) });
  const [busy, setBusy] = useState(false);
  const live = mailing.data?.status === 'running' || mailing.data?.status === 'scheduled';

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      mailing.reload();
      rows.reload();
    }, 2000);
    return () => clearInterval(timer);
  }, [live, mailing.reload, rows.reload]);

  if (id === null || mailing.error) {
    return <MessageBar intent="error"><MessageBarBody>{id === null ? t('mailings.notFound') : mailing.error!.message} <Link href="#/mailings">{t('mailings.back')}</Link></MessageBarBody></MessageBar>;
  }
  const m = mailing.data;
  if (!m) return <Spinner label={t('app.loading')} />;
  const mayEdit = can(user, 'mail', 'edit');
  const act = (action: () => Promise<unknown>, confirmText?: string) => async () => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    try {
      await action();
      mailing.reload();
      rows.reload();
    } catch (err) {
      notify(t('mailings.actionFailed', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  };
  const done = m.counts.sent + m.counts.failed + m.counts.skipped;

  return (
    <div className={styles.root}>
      <Link href="#/mailings">{t('mailings.back')}</Link>
      <div className={styles.head}>
        <h1 className={styles.title}>{m.name}</h1>
        <Badge appearance="tint" color={statusColor(m.status)}>{statusLabel(m.status)}</Badge>
      </div>
      <p className={styles.muted}>
        {t('mailings.via', { template: m.templateName ?? '—', channel: t(m.channel === 'graph' ? 'mailings.channel.graph' : 'mailings.channel.server'), audience: t(m.audience === 'clients' ? 'mailings.audience.clients' : 'mailings.audience.contacts') })}
        {m.scheduledAt && m.status === 'scheduled' ? ` · ${formatDateTime(m.scheduledAt)}` : ''}
      </p>
      {m.lastError && <MessageBar intent="warning"><MessageBarBody>{t('mailings.lastError', { message: m.lastError })}</MessageBarBody></MessageBar>}
      {m.counts.total > 0 && <ProgressBar value={done / m.counts.total} aria-label={t('mailings.summary', { sent: m.counts.sent, total: m.counts.total, failed: m.counts.failed, skipped: m.counts.skipped })} />}
      <p className={styles.muted}>{t('mailings.summary', { sent: m.counts.sent, total: m.counts.total, failed: m.counts.failed, skipped: m.counts.skipped })}</p>
      {mayEdit && (
        <div className={styles.row}>
          {m.status === 'running' && <Button disabled={busy} onClick={act(() => mailingApi.pause(m.id))}>{t('mailings.pause')}</Button>}
          {m.status === 'paused' && <Button appearance="primary" disabled={busy} onClick={act(() => mailingApi.resume(m.id))}>{t('mailings.resume')}</Button>}
          {['draft', 'scheduled', 'running', 'paused'].includes(m.status) && (
            <Button disabled={busy} onClick={act(() => mailingApi.cancel(m.id), t('mailings.cancelConfirm', { name: m.name }))}>{t('mailings.cancel')}</Button>
          )}
          {!['running', 'paused'].includes(m.status) && can(user, 'mail', 'delete') && (
            <Button disabled={busy} onClick={act(async () => {
              await mailingApi.remove(m.id);
              navigate('/mailings');
            }, t('mailings.deleteConfirm', { name: m.name }))}>{t('mailings.delete')}</Button>
          )}
        </div>
      )}
      <div className={styles.row}>
        <h2 className={styles.title}>{t('mailings.recipients')}</h2>
        <Select aria-label={t('mailings.recipients')} value={state} onChange={(_, d) => { setState(d.value as RecipientState | ''); setLimit(PAGE); }}>
          <option value="">{t('mailings.allStates')}</option>
          {STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
        </Select>
      </div>
      {rows.data && (
        <ul className={styles.list}>
          {rows.data.items.map((r) => (
            <li key={r.id} className={styles.item}>
              <span className={styles.who}>{r.name} · {r.email ?? '—'}</span>
              <Badge appearance="outline">{stateLabel(r.state)}</Badge>
              {(r.reason || r.attempts > 1) && <span className={styles.reason}>{r.reason ? reasonLabel(r.reason) : ''}{r.attempts > 1 ? ` · ${t('mailings.attempts', { count: r.attempts })}` : ''}</span>}
            </li>
          ))}
        </ul>
      )}
      {rows.data && rows.data.total > rows.data.items.length && limit < 500 && <Button onClick={() => setLimit(Math.min(500, limit + PAGE))}>{t('mailings.more')}</Button>}
    </div>
  );
}
