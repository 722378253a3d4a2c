import { Button, Dialog, DialogBody, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { useSession } from './session.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  page: { minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '16px', boxSizing: 'border-box', backgroundColor: tokens.colorNeutralBackground2 },
  card: { width: '100%', maxWidth: '360px', display: 'flex', flexDirection: 'column', gap: '12px', padding: '24px', boxSizing: 'border-box', borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow8 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/** The sign-in page; `expired` shows it as a modal dialog over the screen, whose input stays. */
export function SignIn({ expired = false, lastLogin = '' }: { expired?: boolean; lastLogin?: string }) {
  const styles = useStyles();
  const { signIn } = useSession();
  const [login, setLogin] = useState(lastLogin);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setError(t('signIn.failed'));
      else if (err instanceof ApiError && err.code === 'rate_limited') setError(t('signIn.limited'));
      else setError(err instanceof Error ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const fields = (
    <>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('signIn.login')} required>
        <Input name="login" autoComplete="username" value={login} onChange={(_, d) => setLogin(d.value)} autoFocus={!lastLogin} />
      </Field>
      <Field label={t('signIn.password')} required>
        <Input name="password" type="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} autoFocus={!!lastLogin} />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !login || !password} icon={busy ? <Spinner size="tiny" /> : undefined}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </Button>
    </>
  );

  if (expired) {
    // Modal: the screen behind stays mounted (and visible) but out of reach until the user signs in again.
    return (
      <Dialog open modalType="alert">
        <DialogSurface aria-label={t('signIn.title')}>
          <DialogBody>
            <DialogTitle>{t('signIn.title')}</DialogTitle>
            <form className={styles.form} onSubmit={submit} style={{ gridColumn: '1 / -1' }} aria-label={t('signIn.title')}>
              <MessageBar intent="warning">
                <MessageBarBody>{t('signIn.expired')}</MessageBarBody>
              </MessageBar>
              {fields}
            </form>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    );
  }

  return (
    <div className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-label={t('signIn.title')}>
        <h1 className={styles.title}>{t('signIn.title')}</h1>
        {fields}
      </form>
    </div>
  );
}
