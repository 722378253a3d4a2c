import { Button, Checkbox, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { DuplicateWarning } from '../clients/DuplicateWarning.js';
import { t } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { createFromDraft, type SenderDraft } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', '& > *': { flex: '1 1 120px', minWidth: 0 } },
  // Fluent inputs keep a natural width that would push the second name out of a 320 px pane.
  input: { width: '100%', minWidth: 0 },
});

/**
 * An unknown sender made a contact, and their company a client, prefilled
 * from the message; the duplicate check runs as for any new record, so a
 * person already kept under another address is seen before adding them twice.
 */
export function NewContact({ draft, onCreated }: { draft: SenderDraft; onCreated: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const [firstName, setFirstName] = useState(draft.firstName ?? '');
  const [lastName, setLastName] = useState(draft.lastName ?? '');
  const [withCompany, setWithCompany] = useState(Boolean(draft.company));
  const [company, setCompany] = useState(draft.company ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setErrors({});
    try {
      await createFromDraft({ firstName: firstName.trim(), lastName: lastName.trim(), email: draft.email, company: withCompany && company.trim() ? company.trim() : null });
      notify(t('outlook.new.created', { name: [firstName, lastName].filter(Boolean).join(' ') || draft.email }));
      onCreated();
    } catch (err) {
      if (err instanceof ApiError) setErrors({ ...err.fieldErrors(), _: err.message });
      else setErrors({ _: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-label={t('outlook.new.title')}>
      <h3 className={styles.title}>{t('outlook.new.title')}</h3>
      <div className={styles.row}>
        <Field label={t('outlook.new.firstName')} validationMessage={errors.firstName}>
          <Input className={styles.input} value={firstName} onChange={(_, d) => setFirstName(d.value)} />
        </Field>
        <Field label={t('outlook.new.lastName')} validationMessage={errors.lastName ?? errors.name}>
          <Input className={styles.input} value={lastName} onChange={(_, d) => setLastName(d.value)} />
        </Field>
      </div>
      <Field label={t('outlook.new.email')}>
        <Input value={draft.email} readOnly />
      </Field>
      {draft.freeMail ? (
        <p className={styles.quiet}>{t('outlook.new.freeMail')}</p>
      ) : null}
      <Checkbox checked={withCompany} onChange={(_, d) => setWithCompany(Boolean(d.checked))} label={t('outlook.new.company')} />
      {withCompany && (
        <Field label={t('outlook.new.companyName')}>
          <Input value={company} onChange={(_, d) => setCompany(d.value)} />
        </Field>
      )}
      <DuplicateWarning resource="contacts" draft={{ firstName: firstName.trim() || undefined, lastName: lastName.trim() || undefined, emails: [draft.email] }} />
      {withCompany && company.trim().length >= 2 && <DuplicateWarning resource="clients" draft={{ name: company.trim() }} />}
      {errors._ && <p className={styles.quiet} role="alert">{errors._}</p>}
      <div>
        <Button appearance="primary" disabled={busy || !(firstName.trim() || lastName.trim())} onClick={() => void create()}>{t('outlook.new.create')}</Button>
      </div>
    </section>
  );
}
