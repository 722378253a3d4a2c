import { Button, Field, ProgressBar, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { imports, type ImportJob } from './api.js';
import { Counts } from './Counts.js';
import { formatCount } from './format.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '720px' },
});

/** A running import: the bar moves with the rows committed so far; cancel stops after the current chunk. */
export function Progress({ job, onJob }: { job: ImportJob; onJob: (j: ImportJob) => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const { lastRow, rowsEstimate, percent } = job.progress;
  const text = rowsEstimate ? t('imports.progress.rows', { row: formatCount(lastRow), total: formatCount(rowsEstimate), percent: percent ?? 0 }) : t('imports.progress.rowsOnly', { row: formatCount(lastRow) });
  return (
    <div className={styles.root}>
      <Field label={job.status === 'cancelling' ? t('imports.progress.cancelling') : t('imports.progress.running')} validationState="none" validationMessage={text}>
        <ProgressBar value={percent !== null ? percent / 100 : undefined} aria-label={t('imports.progress.running')} aria-valuetext={text} />
      </Field>
      <Counts counts={job.counts} />
      <div>
        <Button
          disabled={busy || job.status === 'cancelling'}
          onClick={async () => {
            setBusy(true);
            try {
              onJob(await imports.cancel(job.id));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('imports.progress.cancel')}
        </Button>
      </div>
    </div>
  );
}
