import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { t, type StringKey } from '../i18n/strings.js';
import { imports, POLICIES, type ImportJob, type Policy } from './api.js';
import { mayImport } from './rights.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '720px' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

const POLICY: Record<Policy, { label: StringKey; hint: StringKey }> = {
  skip: { label: 'imports.policy.skip', hint: 'imports.policy.skipHint' },
  update: { label: 'imports.policy.update', hint: 'imports.policy.updateHint' },
  create: { label: 'imports.policy.create', hint: 'imports.policy.createHint' },
  review: { label: 'imports.policy.review', hint: 'imports.policy.reviewHint' },
};

/** Step 4: what to do with rows that match a record already in the base, then run. */
export function RunStep({ job, onJob, onBack }: { job: ImportJob; onJob: (j: ImportJob) => void; onBack: () => void }) {
  const styles = useStyles();
  const user = useUser();
  const mayEdit = mayImport(user, job.target, 'edit');
  const [policy, setPolicy] = useState<Policy>(job.options.onDuplicate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = job.structure.sheets.find((s) => s.name === job.options.sheet)?.rowsEstimate ?? job.progress.rowsEstimate;

  async function run() {
    setBusy(true);
    setError(null);
    try {
      onJob(await imports.run(job.id, policy));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className={styles.root}>
      <Field label={t('imports.policy.label')}>
        <RadioGroup value={policy} onChange={(_, d) => setPolicy(d.value as Policy)}>
          {POLICIES.map((p) => (
            <Radio
              key={p}
              value={p}
              disabled={!mayEdit && (p === 'update' || p === 'review')}
              label={<>{t(POLICY[p].label)}<br /><span className={styles.hint}>{t(POLICY[p].hint)}</span></>}
            />
          ))}
        </RadioGroup>
      </Field>
      {!mayEdit && <span className={styles.hint}>{t('imports.policy.noEdit')}</span>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button onClick={onBack} disabled={busy}>{t('imports.back.preview')}</Button>
        <Button appearance="primary" onClick={() => void run()} disabled={busy}>
          {rows ? t('imports.run.startRows', { rows }) : t('imports.run.start')}
        </Button>
      </div>
    </div>
  );
}
