import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { useSession } from './session.js';

const useStyles = makeStyles({
  page: { minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '16px', boxSizing: 'border-box', backgroundColor: tokens.colorNeutralBackground2 },
  card: { width: '100%', maxWidth: '360px', display: 'flex', flexDirection: 'column', gap: '12px', padding: '24px', boxSizing: 'border-box', borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow8 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/** The sign-in form; also shown over the screen when a session expires. */
export function SignIn({ expired = false }: { expired?: boolean }) {
  const styles = useStyles();
  const { signIn } = useSession();
  const [login, setLogin] = useState('');
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

  return (
    <div className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-label={t('signIn.title')}>
        <h1 className={styles.title}>{t('signIn.title')}</h1>
        {expired && (
          <MessageBar intent="warning">
            <MessageBarBody>{t('signIn.expired')}</MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Field label={t('signIn.login')} required>
          <Input name="login" autoComplete="username" value={login} onChange={(_, d) => setLogin(d.value)} autoFocus />
        </Field>
        <Field label={t('signIn.password')} required>
          <Input name="password" type="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || !login || !password} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </Button>
      </form>
    </div>
  );
}
