import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Copy20Regular, Delete20Regular, Link20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../api/client.js';
import { formatDateTime } from '../records/format.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: '12px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  url: { flex: '1 1 200px', minWidth: 0 },
});

/**
 * "My calendar in Outlook": a secret iCalendar address of the user's events
 * and tasks. The server shows the address only when it is made (it keeps a
 * hash), so it is shown here once, to copy; a new one replaces it, and
 * revoking it stops it working.
 */
export function FeedPanel() {
  const styles = useStyles();
  const state = useResource<{ active: boolean; createdAt: string | null }>('/calendar/feed');
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const create = () => run(async () => {
    const made = await api.post<{ url: string; createdAt: string }>('/calendar/feed');
    setUrl(made.url);
    setCopied(false);
    state.set({ active: true, createdAt: made.createdAt });
  });
  const revoke = () => run(async () => {
    await api.delete('/calendar/feed');
    setUrl(null);
    state.set({ active: false, createdAt: null });
  });
  const copy = () => run(async () => {
    await navigator.clipboard.writeText(url!);
    setCopied(true);
  });

  const active = state.data?.active ?? false;
  return (
    <section className={styles.root} aria-labelledby="feed-title">
      <h2 className={styles.title} id="feed-title">{t('calendar.feed.title')}</h2>
      <p className={styles.text}>{t('calendar.feed.hint')}</p>
      {state.loading && !state.data && <Spinner size="tiny" />}
      {state.error && <MessageBar intent="error"><MessageBarBody>{state.error.message}</MessageBarBody></MessageBar>}
      {state.data && !url && <p className={styles.text}>{active ? t('calendar.feed.active', { when: formatDateTime(state.data.createdAt) }) : t('calendar.feed.none')}</p>}
      {url && (
        <>
          <div className={styles.row}>
            <Field className={styles.url} label={t('calendar.feed.url')} hint={t('calendar.feed.once')}>
              <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            </Field>
          </div>
          <div className={styles.row}>
            <Button icon={<Copy20Regular />} onClick={() => void copy()}>{copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}</Button>
          </div>
        </>
      )}
      {error && <MessageBar intent="error" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {state.data && (
        <div className={styles.row}>
          <Button icon={<Link20Regular />} disabled={busy} onClick={() => void create()}>{active ? t('calendar.feed.renew') : t('calendar.feed.create')}</Button>
          {active && <Button icon={<Delete20Regular />} disabled={busy} onClick={() => void revoke()}>{t('calendar.feed.revoke')}</Button>}
        </div>
      )}
    </section>
  );
}
