import { Badge, Button, Card, CardHeader, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { t } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { signInOutcome } from './form.js';

export interface MailboxInfo {
  available: boolean;
  connected: boolean;
  address: string | null;
  status: 'connected' | 'reauth_required' | null;
  connectedVia: 'code' | 'obo' | null;
  lastError: string | null;
  connectedAt: string | null;
}

const useStyles = makeStyles({
  card: { maxWidth: '640px' },
  body: { display: 'flex', flexDirection: 'column', gap: '8px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * The user's own Microsoft 365 mailbox: connect (Microsoft's sign-in page,
 * then back here), connect again after Microsoft dropped the sign-in, or
 * disconnect.
 */
export function MailboxCard() {
  const styles = useStyles();
  const notify = useNotify();
  const [info, setInfo] = useState<MailboxInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [outcome] = useState(() => signInOutcome(window.location.search));
  useEffect(() => {
    // Shown once: a reload should not announce the sign-in again.
    if (outcome) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }, [outcome]);

  const load = () => api.get<MailboxInfo>('/microsoft/mailbox').then(setInfo, (err: Error) => setError(err.message));
  useEffect(() => {
    void load();
  }, []);

  async function connect() {
    setBusy(true);
    setError(null);
    try {
      const { authorizeUrl } = await api.post<{ authorizeUrl: string }>('/microsoft/connect');
      // Microsoft's page signs the user in and sends the browser back to /api/v1/microsoft/callback.
      window.location.assign(authorizeUrl);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  if (!info) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner size="small" />;
  const needsReauth = info.status === 'reauth_required';
  return (
    <Card className={styles.card}>
      <CardHeader
        header={<Text weight="semibold">{t('microsoft.mailbox.title')}</Text>}
        action={info.connected ? <Badge color="success">{t('microsoft.mailbox.badge.connected')}</Badge> : needsReauth ? <Badge color="warning">{t('microsoft.mailbox.badge.reauth')}</Badge> : undefined}
      />
      <div className={styles.body}>
        {outcome === 'connected' && info.connected && <MessageBar intent="success"><MessageBarBody>{t('microsoft.mailbox.justConnected')}</MessageBarBody></MessageBar>}
        {outcome === 'declined' && <MessageBar intent="info"><MessageBarBody>{t('microsoft.mailbox.declined')}</MessageBarBody></MessageBar>}
        <Text className={styles.muted}>{t('microsoft.mailbox.intro')}</Text>
        {!info.available && !info.address ? (
          <MessageBar intent="info"><MessageBarBody>{t('microsoft.mailbox.unavailable')}</MessageBarBody></MessageBar>
        ) : (
          <>
            {info.connected && info.address && (
              <>
                <Text>{t('microsoft.mailbox.connected', { address: info.address })}</Text>
                {info.connectedAt && (
                  <Text className={styles.muted}>
                    {t('microsoft.mailbox.since', { date: new Date(info.connectedAt).toLocaleString(), via: t(info.connectedVia === 'obo' ? 'microsoft.mailbox.via.obo' : 'microsoft.mailbox.via.code') })}
                  </Text>
                )}
              </>
            )}
            {needsReauth && <MessageBar intent="warning"><MessageBarBody>{t('microsoft.mailbox.reauth', { address: info.address ?? '' })}</MessageBarBody></MessageBar>}
            {!info.address && <Text>{t('microsoft.mailbox.notConnected')}</Text>}
            {info.lastError && <Text className={styles.muted}>{t('microsoft.mailbox.lastError', { error: info.lastError })}</Text>}
            {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
            <div className={styles.actions}>
              {info.available && (
                <Button appearance={info.connected ? 'secondary' : 'primary'} disabled={busy} onClick={() => void connect()}>
                  {info.address ? t('microsoft.mailbox.reconnect') : t('microsoft.mailbox.connect')}
                </Button>
              )}
              {info.address && <Button disabled={busy} onClick={() => setConfirm(true)}>{t('microsoft.mailbox.disconnect')}</Button>}
            </div>
          </>
        )}
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('microsoft.mailbox.disconnectTitle', { address: info.address ?? '' })}
        confirmLabel={t('microsoft.mailbox.disconnect')}
        danger
        onClose={() => setConfirm(false)}
        onConfirm={async () => {
          await api.delete('/microsoft/mailbox');
          setConfirm(false);
          notify(t('microsoft.mailbox.disconnected'));
          await load();
        }}
      >
        {t('microsoft.mailbox.disconnectText')}
      </ConfirmDialog>
    </Card>
  );
}
