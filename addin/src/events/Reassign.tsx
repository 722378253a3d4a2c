import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody, Spinner, Title3,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { ArrowForward20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { api, ApiError, type ListPage } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { idFrom } from '../lines/today.js';
import { t } from '../i18n/strings.js';
import { AdminPage } from '../admin/AdminPage.js';
import { Panel } from '../records/Card.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useLocation } from '../shell/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
  counts: { margin: 0, paddingLeft: '20px' },
});

interface Counts {
  clients: number;
  tasks: number;
  events: number;
}

interface Result extends Counts {
  contacts: number;
  reminders: number;
}

async function total(path: string, query: Record<string, unknown>): Promise<number> {
  return (await api.get<ListPage<unknown>>(path, { ...query, limit: 1 })).total;
}

/**
 * #/admin/reassign?from=… — moves a leaving user's work to a colleague:
 * clients with their contacts, open tasks, planned events and reminders
 * still to come, in one go. The confirmation says how much will move.
 */
export function Reassign() {
  const styles = useStyles();
  const user = useUser();
  const { query } = useLocation();
  const [from, setFrom] = useState<{ id: number; name: string } | null>(() => {
    const id = idFrom(query.get('from'));
    return id ? { id, name: '' } : null;
  });
  const [to, setTo] = useState<{ id: number; name: string } | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Result | null>(null);

  useEffect(() => {
    setCounts(null);
    if (!from) return;
    let live = true;
    Promise.all([
      total('/clients', { managerId: from.id }),
      total('/tasks', { assigneeId: from.id, 'status[in]': 'open,in_progress' }),
      total('/events', { ownerId: from.id, status: 'planned' }),
    ]).then(([clients, tasks, events]) => live && setCounts({ clients, tasks, events }), (err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [from?.id]);

  if (user.role !== 'admin') {
    return <AdminPage current="/admin/reassign">{null}</AdminPage>;
  }

  const sameUser = from && to && from.id === to.id;

  async function run() {
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<Result>(`/users/${from.id}/reassign`, { toUserId: to.id });
      setDone(result);
      setConfirm(false);
      setCounts(null);
      setFrom({ ...from });
    } catch (err) {
      setConfirm(false);
      if (err instanceof ApiError) {
        setFieldErrors(err.fieldErrors());
        setError(err.message);
      } else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AdminPage current="/admin/reassign">
    <div className={styles.root}>
      <Title3 as="h2">{t('reassign.title')}</Title3>
      <p className={styles.hint}>{t('reassign.hint')}</p>
      <Panel>
        <div className={styles.form}>
          <Field label={t('reassign.from')} required>
            <RecordPicker entity="user" value={from?.id ?? null} valueLabel={from?.name || undefined} aria-label={t('reassign.from')}
              onChange={(id, label) => { setFrom(id ? { id, name: label ?? '' } : null); setDone(null); setError(null); }} />
          </Field>
          {from && !counts && !error && <Spinner size="tiny" label={t('reassign.counting')} />}
          {from && counts && (
            <p className={styles.hint}>{t('reassign.has', { clients: counts.clients, tasks: counts.tasks, events: counts.events })}</p>
          )}
          <Field label={t('reassign.to')} required validationState={sameUser || fieldErrors.toUserId ? 'error' : 'none'}
            validationMessage={sameUser ? t('reassign.same') : fieldErrors.toUserId}>
            <RecordPicker entity="user" value={to?.id ?? null} valueLabel={to?.name || undefined} aria-label={t('reassign.to')}
              onChange={(id, label) => { setTo(id ? { id, name: label ?? '' } : null); setFieldErrors({}); setError(null); }} />
          </Field>
          {error && <MessageBar intent="error" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
          {done && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{t('reassign.done', { clients: done.clients, contacts: done.contacts, tasks: done.tasks, events: done.events, reminders: done.reminders })}</MessageBarBody>
            </MessageBar>
          )}
          <div>
            <Button appearance="primary" icon={<ArrowForward20Regular />} disabled={!from || !to || !!sameUser || busy} onClick={() => setConfirm(true)}>
              {t('reassign.submit')}
            </Button>
          </div>
        </div>
      </Panel>
      <Dialog open={confirm} onOpenChange={(_, d) => setConfirm(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('reassign.confirmTitle')}</DialogTitle>
            <DialogContent>
              <p>{t('reassign.confirm', { from: from?.name || `#${from?.id}`, to: to?.name || `#${to?.id}` })}</p>
              {counts && (
                <ul className={styles.counts}>
                  <li>{t('reassign.clients', { n: counts.clients })}</li>
                  <li>{t('reassign.tasks', { n: counts.tasks })}</li>
                  <li>{t('reassign.events', { n: counts.events })}</li>
                </ul>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void run()} icon={busy ? <Spinner size="tiny" /> : undefined}>{t('reassign.move')}</Button>
              <Button onClick={() => setConfirm(false)} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
    </AdminPage>
  );
}
