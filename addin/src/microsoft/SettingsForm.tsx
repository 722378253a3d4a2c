import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { formFrom, redirectUri, settingsBody, settingsProblems, type SettingsForm as Form, type StoredSettings } from './form.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** The administrator's Microsoft Entra app registration: tenant, client id, and a write-only secret or certificate. */
export function SettingsForm() {
  const styles = useStyles();
  const notify = useNotify();
  const [stored, setStored] = useState<StoredSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<StoredSettings>('/microsoft/settings').then((s) => {
      setStored(s);
      setForm(formFrom(s));
    }, (err: Error) => setError(err.message));
  }, []);

  if (!form) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner size="small" />;
  const problems = settingsProblems(form, stored);
  const message = (field: keyof Form): string | undefined => {
    const p = touched ? problems[field] : undefined;
    return p ? t(`microsoft.problem.${p}` as StringKey) : serverErrors[field];
  };
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  async function save() {
    setTouched(true);
    if (!form || Object.keys(settingsProblems(form, stored)).length) return;
    setBusy(true);
    setError(null);
    setServerErrors({});
    try {
      const saved = await api.put<StoredSettings>('/microsoft/settings', settingsBody(form));
      setStored(saved);
      setForm(formFrom(saved));
      setTouched(false);
      notify(t('microsoft.admin.saved'));
    } catch (err) {
      if (err instanceof ApiError) setServerErrors(err.fieldErrors());
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className={styles.muted}>{t('microsoft.admin.intro')}</p>
      <Field label={t('microsoft.admin.redirectUri')}>
        <span className={styles.code}>{redirectUri(window.location.origin)}</span>
      </Field>
      <MessageBar intent={stored?.configured ? 'success' : 'info'}>
        <MessageBarBody>{t(stored?.configured ? 'microsoft.admin.configured' : 'microsoft.admin.notConfigured')}</MessageBarBody>
      </MessageBar>
      <Field label={t('microsoft.admin.tenantId')} hint={t('microsoft.admin.tenantHint')} required validationMessage={message('tenantId')}>
        <Input value={form.tenantId} onChange={(_, d) => set({ tenantId: d.value })} />
      </Field>
      <Field label={t('microsoft.admin.clientId')} required validationMessage={message('clientId')}>
        <Input value={form.clientId} onChange={(_, d) => set({ clientId: d.value })} />
      </Field>
      <Field label={t('microsoft.admin.credential')}>
        <RadioGroup value={form.credentialKind} onChange={(_, d) => set({ credentialKind: d.value as Form['credentialKind'] })}>
          <Radio value="secret" label={t('microsoft.admin.credential.secret')} />
          <Radio value="certificate" label={t('microsoft.admin.credential.certificate')} />
        </RadioGroup>
      </Field>
      {form.credentialKind === 'secret' ? (
        <Field label={t('microsoft.admin.clientSecret')} hint={t(stored?.hasSecret ? 'microsoft.admin.secretStored' : 'microsoft.admin.secretNew')} validationMessage={message('clientSecret')}>
          <Input type="password" autoComplete="new-password" value={form.clientSecret} onChange={(_, d) => set({ clientSecret: d.value })} />
        </Field>
      ) : (
        <>
          <Field label={t('microsoft.admin.thumbprint')} validationMessage={message('certificateThumbprint')}>
            <Input value={form.certificateThumbprint} onChange={(_, d) => set({ certificateThumbprint: d.value })} />
          </Field>
          <Field label={t('microsoft.admin.privateKey')} hint={stored?.hasPrivateKey ? t('microsoft.admin.keyStored') : undefined} validationMessage={message('privateKey')}>
            <Textarea resize="vertical" rows={5} value={form.privateKey} onChange={(_, d) => set({ privateKey: d.value })} />
          </Field>
        </>
      )}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>{t('microsoft.admin.save')}</Button>
      </div>
    </form>
  );
}
